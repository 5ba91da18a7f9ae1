import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';

/** Parses a built page; `page` is its URL path, e.g. `/en/releases/x/`. */
export function loadPage(siteDir: string, page: string): cheerio.CheerioAPI {
  const file = page.endsWith('.html') ? page : join(page, 'index.html');
  return cheerio.load(readFileSync(join(siteDir, file), 'utf8'));
}

export function alternates($: cheerio.CheerioAPI): Record<string, string> {
  return Object.fromEntries(
    $('link[rel="alternate"][hreflang]')
      .toArray()
      .map((link) => [$(link).attr('hreflang')!, $(link).attr('href')!]),
  );
}

/** Every JSON-LD block of a page, parsed. */
export function jsonLdBlocks($: cheerio.CheerioAPI): Record<string, unknown>[] {
  return $('script[type="application/ld+json"]')
    .toArray()
    .map((script) => JSON.parse($(script).text()) as Record<string, unknown>);
}
