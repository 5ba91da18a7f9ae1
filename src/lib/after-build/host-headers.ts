import { locales } from '../../i18n/locales';

/** Headers every response gets: the site has no scripts of its own to frame or sniff. */
const securityHeaders = [
  'X-Content-Type-Options: nosniff',
  'Referrer-Policy: strict-origin-when-cross-origin',
  'X-Frame-Options: DENY',
  'Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Strict-Transport-Security: max-age=31536000; includeSubDomains',
];

/**
 * A `_headers` file (read by Netlify, Cloudflare Pages and similar hosts). Each path pattern is
 * matched by exactly one rule that sets Cache-Control, because hosts merge or duplicate a header
 * that two matching rules set.
 */
export function hostHeaders(options: { mediaOrigin?: string; preview?: boolean } = {}): string {
  const rule = (pattern: string, headers: string[]) => [pattern, ...headers.map((header) => `  ${header}`)].join('\n');
  // With a bucket, every photo on a page comes from its origin: connecting early saves a round trip.
  const pages = ['Cache-Control: public, max-age=300, must-revalidate', ...(options.mediaOrigin ? [`Link: <${options.mediaOrigin}>; rel=preconnect`] : [])];
  return [
    '# Generated at build time by src/lib/after-build/host-headers.ts',
    // The embargoed preview: downloads and images have no <meta name="robots">, so the header says it for them.
    rule('/*', options.preview ? [...securityHeaders, 'X-Robots-Tag: noindex, nofollow'] : securityHeaders),
    // File names under _astro/ carry a content hash: they never change, so they may be kept for a year.
    rule('/_astro/*', ['Cache-Control: public, max-age=31536000, immutable']),
    // The media stage names web images, press copies and ZIPs under /media/ by the hash of their inputs.
    rule('/media/*', ['Cache-Control: public, max-age=31536000, immutable']),
    rule('/', pages),
    ...locales.map((locale) => rule(`/${locale.path}/*`, pages)),
    rule('/packs/*', ['Content-Type: application/zip', 'Content-Disposition: attachment', 'Cache-Control: public, max-age=3600']),
    rule('/photos/*', ['Content-Disposition: attachment', 'Cache-Control: public, max-age=3600']),
    rule('/*.ics', ['Content-Type: text/calendar; charset=utf-8']),
    '',
  ].join('\n\n');
}

/**
 * A `_redirects` file (Netlify, Cloudflare Pages) for a site whose media live in a bucket: the
 * download addresses press teams have already sent around (`/packs/…`, `/photos/originals/…` on
 * the site) lead to the same stable keys on the media address. Temporary redirects, since where
 * the media live is a setting.
 */
export function hostRedirects(mediaUrl: string): string {
  return [
    '# Generated at build time by src/lib/after-build/host-headers.ts',
    `/packs/* ${mediaUrl}/packs/:splat 302`,
    `/photos/originals/* ${mediaUrl}/photos/originals/:splat 302`,
    '',
  ].join('\n');
}
