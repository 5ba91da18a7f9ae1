import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sitemap, { type SitemapItem } from '@astrojs/sitemap';
import { isListed, readPageHead } from '../lib/after-build/built-page';
import { isPreview } from '../settings';

/** The HTML file the build wrote for a page URL, if it is a page. */
function builtFileOf(root: string, url: string): string | undefined {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = path.endsWith('/') ? join(root, path, 'index.html') : path.endsWith('.html') ? join(root, path) : undefined;
  return file && existsSync(file) ? file : undefined;
}

/**
 * A sitemap entry as the page itself declares it: listed only if it is its own canonical version
 * and indexable, with exactly the hreflang links of its head (produced by pageMeta()). The
 * sitemap's own i18n option would pair every path that exists under each prefix, fallback pages
 * included, which would announce untranslated pages as translations.
 */
async function sitemapEntry(root: string, item: SitemapItem): Promise<SitemapItem | undefined> {
  const file = builtFileOf(root, item.url);
  if (!file) return undefined;
  const head = readPageHead(await readFile(file, 'utf8'));
  if (!isListed(head, item.url)) return undefined;
  return {
    ...item,
    links: head.alternates.map((link) => ({ lang: link.hreflang, url: link.href })),
    ...(head.modified ? { lastmod: head.modified } : {}),
  };
}

/** @astrojs/sitemap (sitemap index plus sitemaps), with entries read back from the built pages. */
export function pageSitemap(): AstroIntegration {
  // The embargoed preview is kept from search engines: it announces no page.
  if (isPreview()) return { name: 'pressroom:no-sitemap-in-preview', hooks: {} };
  let root = '';
  const inner = sitemap({
    serialize: (item) => sitemapEntry(root, item),
    // Only the xhtml namespace (hreflang links) is used.
    namespaces: { news: false, image: false, video: false },
  });
  const buildDone = inner.hooks['astro:build:done']!;
  return {
    ...inner,
    hooks: {
      ...inner.hooks,
      'astro:build:done': async (options) => {
        root = fileURLToPath(options.dir);
        await buildDone(options);
      },
    },
  };
}
