import { getImage } from 'astro:assets';
import type { LocaleCode } from '../i18n/locales';
import type { PhotoEntry } from './content';
import { textIn } from './localized';
import { absoluteUrl } from './urls';

/** An image other sites show for a page: social cards, feed enclosures, structured data. */
export interface CardImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  type: string;
  /** Text alternative in the reader's language. */
  alt: string;
}

/** The size Open Graph and X (Twitter) large cards recommend (1.91:1). */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/**
 * The card derivative of a photo: a 1200×630 centred crop, as JPEG because every consumer of
 * og:image and RSS enclosures reads JPEG. It goes through Astro's image pipeline (sharp, no
 * metadata, cached), so the original with its GPS data is never published.
 */
export async function cardImage(photo: PhotoEntry, locale: LocaleCode): Promise<CardImage> {
  const image = await getImage({ src: photo.data.image, ...CARD_SIZE, fit: 'cover', format: 'jpg' });
  return { url: absoluteUrl(image.src), ...CARD_SIZE, type: 'image/jpeg', alt: textIn(photo.data.alt, locale) };
}
