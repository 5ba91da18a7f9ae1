import { isPreview, photoSizeSettings, siteUrl } from './settings';

const photoSizes = photoSizeSettings();

/**
 * Facts about the publisher that every page needs. Values that differ per language (the site's
 * name, the publisher's name) live in the strings files instead; values a deployment sets
 * (`PRESS_*`) are read and checked in settings.ts, and only repeated here for the pages' sake.
 */
export const siteConfig = {
  /** Absolute origin of the published site (`PRESS_SITE_URL`); canonical URLs, hreflang and feeds are built on it. */
  url: siteUrl(),
  /**
   * The embargoed preview for accredited journalists (`PRESS_PREVIEW`): every page `noindex`, no
   * feeds, sitemap or search, and `url` is the preview's own address (`PRESS_PREVIEW_SITE_URL`).
   */
  preview: isPreview(),
  /** Time zone in which publication dates are shown to readers. */
  timeZone: 'Asia/Seoul',
  /** Organization entry (in `content/organizations/`) that publishes the releases. */
  publisher: 'seoul-digital-foundation',
  /** Photos above this many pixels fail the build (`PRESS_MAX_PHOTO_PIXELS`). */
  maxPhotoPixels: photoSizes.maxPixels,
  /** Photos whose long side has fewer pixels fail the build (`PRESS_MIN_PHOTO_LONG_SIDE`). */
  minPhotoLongSide: photoSizes.minLongSide,
} as const;
