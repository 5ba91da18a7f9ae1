/**
 * The text files that travel with the photos in a pack: a caption sheet per language for
 * copy-pasting, a CSV for picture-desk systems, and checksums. Pure functions; the caller
 * supplies every UI word, so the module holds no language of its own.
 */
import type { PhotoMetadata } from './press-copy';

export interface CaptionLabels {
  file: string;
  caption: string;
  credit: string;
  people: string;
  date: string;
  place: string;
  /** Between label and value; e.g. "：" for Chinese. Default ": ". */
  separator?: string;
  /** Between names; e.g. "、" for Chinese. Default ", ". */
  listSeparator?: string;
}

export interface CaptionTextOptions {
  /** Turns `taken` into the reader's date format; by default it is printed as written. */
  formatDate?: (taken: string, locale: string) => string;
}

/**
 * One block per photo in `locale`. Where a translation is missing, the original-language text is
 * printed rather than nothing, as the site does.
 */
export function captionsText(locale: string, photos: PhotoMetadata[], labels: CaptionLabels, options: CaptionTextOptions = {}): string {
  return photos.map((photo) => captionBlock(locale, photo, labels, options)).join('\n');
}

function captionBlock(locale: string, photo: PhotoMetadata, labels: CaptionLabels, options: CaptionTextOptions): string {
  const separator = labels.separator ?? ': ';
  const people = photo.peopleByLocale?.[locale] ?? photo.people;
  const rows: Array<[string, string | undefined]> = [
    [labels.file, photo.fileName],
    [labels.caption, photo.captions[locale] ?? photo.captions[photo.originalLocale]],
    [labels.credit, photo.credits?.[locale] ?? photo.credit],
    [labels.people, people.join(labels.listSeparator ?? ', ')],
    [labels.date, photo.taken && (options.formatDate ? options.formatDate(photo.taken, locale) : photo.taken)],
    [labels.place, photo.placeByLocale?.[locale] ?? `${photo.city}, ${photo.country}`],
  ];
  return rows
    .filter((row): row is [string, string] => Boolean(row[1]?.trim()))
    .map(([label, value]) => `${label}${separator}${oneLine(value)}\n`)
    .join('');
}

/** A line break inside a value would read as a new field. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Every photo with every language side by side, one row per photo. UTF-8 with a byte-order mark
 * because Excel otherwise reads it in the system's legacy code page; CRLF as RFC 4180 says.
 */
export function captionsCsv(photos: PhotoMetadata[], locales: string[]): string {
  const header = [
    'file',
    ...locales.map((locale) => `caption_${locale}`),
    ...locales.map((locale) => `alt_${locale}`),
    'creator',
    'credit',
    'copyright',
    'usage_terms',
    'people',
    'date',
    'city',
    'country',
    'country_code',
    'keywords',
  ];
  const rows = photos.map((photo) => [
    photo.fileName,
    ...locales.map((locale) => photo.captions[locale] ?? ''),
    ...locales.map((locale) => photo.altTexts[locale] ?? ''),
    photo.creator,
    photo.credit,
    photo.copyright,
    photo.webStatement,
    photo.people.join('; '),
    photo.taken ?? '',
    photo.city,
    photo.country,
    photo.countryCode,
    photo.keywords.join('; '),
  ]);
  return '\uFEFF' + [header, ...rows.map((row) => row.map(inertCell))].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return, which
 * some strip first) as a formula, so a caption like "=HYPERLINK(…)" could act when a picture desk
 * opens the file (OWASP "CSV injection"). A leading apostrophe makes such a cell text; Excel and
 * LibreOffice hide it, other readers show it, a fair price for a field that rarely starts so.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 quoting. Written here because no CSV library is installed and the rule is one line:
 * quote a field holding a comma, quote or line break, doubling its quotes.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `sha256sum -c` input: `<hex>  <name>` per line, sorted by name. */
export function sha256Sums(entries: Array<{ name: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, sha256 }) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`"${sha256}" for ${name} is not a lower-case hex SHA-256`);
      // sha256sum escapes these with a leading backslash; refusing them keeps the format plain.
      if (/[\\\r\n]/.test(name)) throw new Error(`File name ${JSON.stringify(name)} contains a backslash or line break`);
      return `${sha256}  ${name}\n`;
    })
    .join('');
}
