import { absoluteUrl, paths } from '../view/urls';

/**
 * Everything may be crawled except the search index files (useless to a crawler); the sitemap
 * index is announced with its absolute URL, as the robots.txt standard (RFC 9309) expects.
 */
export function robotsTxt(): string {
  return ['User-agent: *', 'Disallow: /pagefind/', '', `Sitemap: ${absoluteUrl(paths.sitemapIndex())}`, ''].join('\n');
}
