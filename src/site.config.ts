/**
 * Facts about the publisher that every page needs. Values that differ per language (the site's
 * name, the publisher's name) live in the strings files instead.
 */
export const siteConfig = {
  /** Absolute origin of the published site; canonical URLs, hreflang and feeds are built on it. */
  url: process.env.PRESS_SITE_URL ?? 'https://press.sdf.example.org',
  /** Time zone in which publication dates are shown to readers. */
  timeZone: 'Asia/Seoul',
  /** Organization entry (in `content/organizations/`) that publishes the releases. */
  publisher: 'seoul-digital-foundation',
} as const;
