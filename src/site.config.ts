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
  /**
   * Photos above this many pixels fail the build (`PRESS_MAX_PHOTO_PIXELS`). 100 MP is above any
   * press camera; larger files are scans or stitched panoramas that should be exported smaller.
   */
  maxPhotoPixels: wholeNumberSetting('PRESS_MAX_PHOTO_PIXELS', 100_000_000, 'of pixels; write e.g. 50000000 for 50 MP'),
  /**
   * Photos whose long side has fewer pixels fail the build (`PRESS_MIN_PHOTO_LONG_SIDE`). Below
   * 1,000 a file is a thumbnail or a copy saved from a messenger or a web page, not a press photo:
   * 1,000 pixels print 8.5 cm wide at 300 dpi, and any camera or phone of the last fifteen years
   * gives several times that.
   */
  minPhotoLongSide: wholeNumberSetting('PRESS_MIN_PHOTO_LONG_SIDE', 1_000, 'of pixels; write e.g. 800, or 1 to accept photos of any size'),
} as const;

function wholeNumberSetting(name: string, fallback: number, unitAndExample: string): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name}="${text}" is not a whole number ${unitAndExample}`);
  return value;
}
