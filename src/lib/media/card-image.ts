import type { LocaleCode } from '../../i18n/locales';
import type { PhotoEntry } from '../content/public-content';
import { textIn } from '../view/localized-text';
import { photoMedia } from './site-media';
import { absoluteUrl } from '../view/urls';

/** An image other sites show for a page: social cards, feed enclosures, structured data. */
export interface CardImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  type: string;
  /** Size in bytes (RSS enclosures must state it). */
  bytes: number;
  /** Text alternative in the reader's language. */
  alt: string;
}

/**
 * The card derivative of a photo: the 1200×630 centred crop Open Graph and X (Twitter) large
 * cards recommend, as JPEG because every consumer of og:image and RSS enclosures reads JPEG.
 * The media stage made it (no metadata, so no GPS position or serial number).
 */
export function cardImage(photo: PhotoEntry, locale: LocaleCode): CardImage {
  const { card } = photoMedia(photo.id);
  return { url: absoluteUrl(card.url), width: card.width, height: card.height, type: 'image/jpeg', bytes: card.bytes, alt: textIn(photo.data.alt, locale) };
}
