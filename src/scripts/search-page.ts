/**
 * Starts Pagefind's Default UI on the search page. Pagefind's own script (loaded from
 * /pagefind/, written by the build) defines `PagefindUI`; it is deferred, so it has run by
 * DOMContentLoaded. Queries pass through `searchQuery`, which strips Korean particles, and are
 * ranked with `searchRanking` (both in search-terms.ts). `?q=` in the address runs that search on
 * load, and each search updates it, so a search can be linked.
 */
import { searchQuery, searchRanking } from '../lib/after-build/search-terms';

interface PagefindResult {
  meta: Record<string, string | undefined>;
  [key: string]: unknown;
}

declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => { triggerSearch(term: string): void };
  }
}

/**
 * Pagefind lists a result's metadata other than title and image as "key: value": the page's kind
 * and, for releases, the publication date, under this language's labels.
 */
function labelledMeta(labels: Record<string, string>) {
  return (result: PagefindResult): PagefindResult => {
    const { title, image, image_alt: imageAlt, type, date } = result.meta;
    const meta: Record<string, string> = {};
    if (title) meta.title = title;
    if (image) meta.image = image;
    // The title is next to the thumbnail, so the image itself needs no text of its own.
    if (image) meta.image_alt = imageAlt ?? '';
    if (type) meta[labels.type ?? 'type'] = type;
    if (date) meta[labels.date ?? 'date'] = date;
    return { ...result, meta };
  };
}

/**
 * Pagefind's result tags are "key", ": ", "value" as three text nodes, the middle one written by
 * Pagefind in ASCII; the page's language may separate a label from its value otherwise ("：").
 */
function localizeTagSeparators(element: HTMLElement, separator: string): void {
  const fix = () => {
    for (const tag of element.querySelectorAll('.pagefind-ui__result-tag')) {
      const middle = tag.childNodes[1];
      if (middle?.nodeType === Node.TEXT_NODE && middle.textContent === ': ' && separator !== ': ') middle.textContent = separator;
    }
  };
  new MutationObserver(fix).observe(element, { childList: true, subtree: true });
}

/**
 * Keeps the address in step with the query, without adding a history entry per keystroke, and the
 * language switcher's links too, so switching language keeps the search.
 */
function rememberQuery(term: string): void {
  const withQuery = (href: string) => {
    const url = new URL(href, window.location.href);
    if (term.trim()) url.searchParams.set('q', term);
    else url.searchParams.delete('q');
    return url;
  };
  const url = withQuery(window.location.href);
  if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.language-switcher a[href]')) {
    const target = withQuery(link.href);
    link.setAttribute('href', `${target.pathname}${target.search}`);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const element = document.querySelector<HTMLElement>('[data-search]');
  if (!element || !window.PagefindUI) return;
  const ui = new window.PagefindUI({
    element,
    showSubResults: true,
    pageSize: 10,
    showImages: true,
    ranking: searchRanking,
    translations: JSON.parse(element.dataset.translations ?? '{}'),
    processResult: labelledMeta(JSON.parse(element.dataset.metaLabels ?? '{}')),
    processTerm: (term: string) => {
      rememberQuery(term);
      return searchQuery(term);
    },
  });
  localizeTagSeparators(element, element.dataset.labelSeparator ?? ': ');
  const query = new URLSearchParams(window.location.search).get('q');
  if (query?.trim()) ui.triggerSearch(query);
});
