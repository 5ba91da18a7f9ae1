/**
 * How a download is described on a page, in the reader's language: its size, how many photos,
 * the credit line. Pure formatting of what the media stage made (src/lib/media/stage.ts).
 */
import type { LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import type { AttachmentMedia, Download, PackMedia } from '../media/manifest';
import type { ReleaseAttachment } from '../content/releases';
import { languageName, pickText, type PickedText } from '../view/localized-text';
import { listSeparator } from '../view/punctuation';

export interface DownloadLink {
  /** Where it is fetched from: a site path, or the media store's URL. */
  href: string;
  /** Name the browser saves it under (the `download` attribute). */
  fileName: string;
  bytes: number;
  /** Size in megabytes in the reader's notation, e.g. "11.7 MB". */
  size: string;
}

export interface PackLink extends DownloadLink {
  photoCount: number;
  /** "4 photos" / "사진 4장". */
  photoCountText: string;
  /** The credit line(s) to print with these photos. */
  credit: string;
}

export interface OriginalLink extends DownloadLink {
  width: number;
  height: number;
  /** "JPEG, 4000 × 2667 px, 3.1 MB". */
  details: string;
}

/** Megabytes as 10^6 bytes, as browsers and operating systems other than Windows count them. */
/**
 * One number format and plural rule set per language: every photo link on every page formats a
 * size (about 12,000 per build at newsroom scale), and building an Intl object costs far more than
 * using one.
 */
const intlByLocale = new Map<LocaleCode, { megabytes: Intl.NumberFormat; plurals: Intl.PluralRules }>();

function intlFor(locale: LocaleCode) {
  let intl = intlByLocale.get(locale);
  if (!intl) {
    intl = {
      megabytes: new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      plurals: new Intl.PluralRules(locale),
    };
    intlByLocale.set(locale, intl);
  }
  return intl;
}

export function formatMegabytes(bytes: number, locale: LocaleCode): string {
  return intlFor(locale).megabytes.format(bytes / 1_000_000);
}

/**
 * A document's size: megabytes as for photos and packs, but kilobytes below 0.1 MB, where
 * megabytes with one decimal would say "0.0 MB" of a one-page PDF.
 */
export function formatFileSize(bytes: number, locale: LocaleCode): string {
  if (bytes >= 100_000) return formatMegabytes(bytes, locale);
  let kilobytes = kilobyteFormats.get(locale);
  if (!kilobytes) kilobyteFormats.set(locale, (kilobytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 })));
  return kilobytes.format(Math.max(1, Math.round(bytes / 1000)));
}
const kilobyteFormats = new Map<LocaleCode, Intl.NumberFormat>();

export function photoCountText(count: number, locale: LocaleCode): string {
  const t = useTranslations(locale);
  return intlFor(locale).plurals.select(count) === 'one' ? t('pack.photoCount.one', { count }) : t('pack.photoCount.other', { count });
}

export function packLink(pack: PackMedia, locale: LocaleCode): PackLink {
  return {
    href: pack.url,
    fileName: pack.fileName,
    bytes: pack.bytes,
    size: formatMegabytes(pack.bytes, locale),
    photoCount: pack.photoCount,
    photoCountText: photoCountText(pack.photoCount, locale),
    credit: pack.credits[locale],
  };
}

export function originalLink(copy: Download & { width: number; height: number }, locale: LocaleCode): OriginalLink {
  const size = formatMegabytes(copy.bytes, locale);
  return {
    href: copy.url,
    fileName: copy.fileName,
    bytes: copy.bytes,
    size,
    width: copy.width,
    height: copy.height,
    details: useTranslations(locale)('photo.originalDetails', { width: copy.width, height: copy.height, size }),
  };
}

export interface AttachmentLink extends DownloadLink {
  /** The attachment's title in the reader's language, or the original's (then marked with its `lang`). */
  title: PickedText;
  contentType: string;
  /** "PDF, 0.1 MB, Korean": type, size and the file's own language, when it has one. */
  details: string;
}

export function attachmentLink(attachment: ReleaseAttachment, media: AttachmentMedia, locale: LocaleCode): AttachmentLink {
  const size = formatFileSize(media.bytes, locale);
  const language = attachment.language && languageName(attachment.language, locale);
  return {
    href: media.url,
    fileName: media.fileName,
    bytes: media.bytes,
    size,
    title: pickText(attachment.title, locale),
    contentType: media.contentType,
    details: [media.format, size, ...(language ? [language] : [])].join(listSeparator(useTranslations(locale))),
  };
}
