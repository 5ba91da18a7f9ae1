import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { htmlFiles, pageUrlPath } from './built-files';
import { isListed, readPageHead, searchableText } from './built-page';
import { variantWords } from './search-terms';
import { absoluteUrl } from '../view/urls';

/**
 * The page as Pagefind should see it: the same HTML plus, in its own indexed block, the other
 * written form of words that have one (see search-terms.ts). The published file is not changed.
 */
export function withSearchVariants(html: string, text: string = searchableText(html)): string {
  const extra = variantWords(text);
  if (extra.length === 0) return html;
  const cut = html.lastIndexOf('</body>');
  const block = `<div data-pagefind-body>${extra.join(' ')}</div>`;
  return cut < 0 ? `${html}${block}` : `${html.slice(0, cut)}${block}${html.slice(cut)}`;
}

/**
 * Pagefind joins the terms and values of a fact list (`<dt>Founded</dt><dd>1987</dd>`) without a
 * space, so excerpts read "Founded1987Member companies…" and the words glued there cannot be found.
 * In the copy Pagefind indexes, each term and value ends with a separator; the page is unchanged.
 */
export function withFactSeparators(html: string): string {
  return html.replace(/<\/dt>/g, '</dt> ').replace(/<\/dd>/g, '</dd> · ');
}

/** Pages indexed per `<html lang>`, and how long indexing took. */
export interface SearchIndexReport {
  perLanguage: Map<string, number>;
  milliseconds: number;
}

/**
 * Writes the Pagefind index of a built site into `<root>/pagefind/`, through Pagefind's Node API
 * (the binary comes from the npm registry with the package). Pagefind splits the index by
 * `<html lang>`, so each language gets its own and a search page only ever searches its own
 * language. Only listed pages are indexed: a page showing an untranslated original would put
 * Korean text in the English index. Runs after `astro build` has exited, not in one of its hooks:
 * Pagefind holds the whole index in memory (1.2 GB at 3,600 pages), and next to Astro's own 2.5 GB
 * that was the build's peak (docs/decisions/0046-search-pagefind.md).
 */
export async function writeSearchIndex(root: string): Promise<SearchIndexReport> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const perLanguage = new Map<string, number>();
  try {
    // One file at a time, in path order: Pagefind numbers pages in the order they arrive, so
    // parallel adds (about 3x faster) would give different index files for the same site.
    for (const file of htmlFiles(root)) {
      const html = await readFile(file, 'utf8');
      const url = pageUrlPath(root, file);
      const head = readPageHead(html);
      const text = searchableText(html);
      // Pages without a data-pagefind-body region (lists, the language chooser) have nothing to find.
      if (!isListed(head, absoluteUrl(url)) || !text) continue;
      const added = await index.addHTMLFile({ url: encodeURI(url), content: withSearchVariants(withFactSeparators(html), text) });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${added.errors.join('; ')}`);
      const language = head.lang ?? 'unknown';
      perLanguage.set(language, (perLanguage.get(language) ?? 0) + 1);
    }
    const written = await index.writeFiles({ outputPath: join(root, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return { perLanguage, milliseconds: Math.round(performance.now() - started) };
}
