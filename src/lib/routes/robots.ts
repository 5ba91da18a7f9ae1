import { siteConfig } from '../../site.config';
import { absoluteUrl, paths } from '../view/urls';

/**
 * Everything may be crawled except the search index files (useless to a crawler); the sitemap
 * index is announced with its absolute URL, as the robots.txt standard (RFC 9309) expects.
 */
export function robotsTxt(): string {
  // The embargoed preview is crawled by nothing, and announces no sitemap (it has none).
  if (siteConfig.preview) return ['User-agent: *', 'Disallow: /', ''].join('\n');
  return ['User-agent: *', 'Disallow: /pagefind/', '', `Sitemap: ${absoluteUrl(paths.sitemapIndex())}`, ''].join('\n');
}
