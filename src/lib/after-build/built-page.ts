/**
 * Reads facts back from a page Astro has written, for steps that run after the build (sitemap,
 * search index). They read what the page itself declares — its canonical link, hreflang links and
 * robots rule, all produced by `pageMeta()` — so the sitemap and the index cannot disagree with it.
 */
import { Parser } from 'htmlparser2';
import type { AlternateLink } from '../view/hreflang';

export interface PageHead {
  lang?: string;
  canonical?: string;
  noindex: boolean;
  alternates: AlternateLink[];
  /** `article:modified_time`, where the page is an article. */
  modified?: string;
}

export function readPageHead(html: string): PageHead {
  const head: PageHead = { noindex: false, alternates: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'html') head.lang = attributes.lang;
      if (name === 'link' && attributes.rel === 'canonical') head.canonical = attributes.href;
      if (name === 'link' && attributes.rel === 'alternate' && attributes.hreflang && attributes.href) {
        head.alternates.push({ hreflang: attributes.hreflang, href: attributes.href });
      }
      if (name === 'meta' && attributes.name === 'robots' && /\bnoindex\b/i.test(attributes.content ?? '')) head.noindex = true;
      if (name === 'meta' && attributes.property === 'article:modified_time') head.modified = attributes.content;
    },
    onclosetag(name) {
      if (name === 'head') parser.pause();
    },
  });
  parser.end(html);
  return head;
}

/**
 * Whether a page belongs in the sitemap and the search index: it is its own canonical version and
 * may be indexed. Pages that show an untranslated original (canonical elsewhere), error pages and
 * search pages are left out.
 */
export function isListed(head: PageHead, url: string): boolean {
  return head.canonical === url && !head.noindex;
}

/**
 * The text Pagefind indexes: inside `data-pagefind-body`, outside `data-pagefind-ignore`,
 * scripts and styles.
 */
export function searchableText(html: string): string {
  const chunks: string[] = [];
  // Depth of open elements inside the indexed region and inside an ignored one (0 = outside).
  let body = 0;
  let ignored = 0;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (body > 0) body += 1;
      else if ('data-pagefind-body' in attributes) body = 1;
      if (ignored > 0) ignored += 1;
      else if ('data-pagefind-ignore' in attributes || name === 'script' || name === 'style') ignored = 1;
    },
    ontext(text) {
      if (body > 0 && ignored === 0) chunks.push(text);
    },
    onclosetag() {
      if (body > 0) body -= 1;
      if (ignored > 0) ignored -= 1;
    },
  });
  parser.end(html);
  return chunks.join(' ').replace(/\s+/g, ' ').trim();
}
