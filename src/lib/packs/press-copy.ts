/**
 * Press copies of photos: the photographer's JPEG with caption, credit and rights written into
 * it (IPTC Photo Metadata in XMP, plus the EXIF fields older tools read) and everything that
 * could identify a camera body, its owner or a location removed. The compressed picture is never
 * touched, so a journalist gets exactly the pixels the photographer delivered.
 *
 * Framework-independent: plain data in, files out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import { ExifTool, type WriteTags } from 'exiftool-vendored';
import { assertPixelLimit, jpegImageData, readJpegLayout } from '../media/jpeg-layout';

export interface PhotoMetadata {
  /** Name of the file in the pack (ASCII, e.g. `2023-04-03-tca-visit-01.jpg`). */
  fileName: string;
  /** Caption per BCP 47 locale (`ko`, `en`, `zh-Hant`…). */
  captions: Record<string, string>;
  /** The locale the captions were written in; its caption becomes the x-default. */
  originalLocale: string;
  /** Text alternative per locale, for screen readers. */
  altTexts: Record<string, string>;
  /** Short title per locale, for picture desks. */
  headline?: Record<string, string>;
  /** Photographer or agency. */
  creator: string;
  /** Credit line in English: photoshop:Credit is one plain-text value, with no language variants. */
  credit: string;
  /** Credit line per locale, for the printed caption files; falls back to `credit`. */
  credits?: Record<string, string>;
  /** Copyright notice, e.g. "© Sisa Times". */
  copyright: string;
  /** URL of the terms under which the photo may be used. */
  webStatement: string;
  /** People shown, in English, left to right. */
  people: string[];
  /** People shown per locale, for the printed caption files; falls back to `people`. */
  peopleByLocale?: Record<string, string[]>;
  /** City shown, in English. */
  city: string;
  /** Country shown, in English. */
  country: string;
  /** ISO 3166-1 alpha-2 code, e.g. TW. */
  countryCode: string;
  /** "City, Country" per locale, for the printed caption files; falls back to the English pair. */
  placeByLocale?: Record<string, string>;
  /** Keywords, in English. */
  keywords: string[];
  /** English description for EXIF ImageDescription, which most tools show without a language. */
  englishDescription: string;
  /** When the photo was taken, as written in the content (ISO 8601 day or date-time). */
  taken?: string;
}

export interface PressCopyOptions {
  /** Reuse the caller's process pool; by default one shared instance (see `closeExiftool`). */
  exiftool?: ExifTool;
  /** Photos above this many pixels are refused. */
  maxPixels?: number;
}

export interface PressCopyResult {
  width: number;
  height: number;
  /** Size of the written copy in bytes. */
  size: number;
  /** Lower-case hex SHA-256 of the written copy. */
  sha256: string;
  /** What exiftool warned about while writing, if anything. */
  warnings: string[];
}

/** Above any current press camera (61 MP); larger files are scans or panoramas that need a look. */
const DEFAULT_MAX_PIXELS = 100_000_000;

/**
 * EXIF worth keeping: when and with what (no serial numbers), how to rotate, and how to read
 * the colours. Everything else, maker notes included, is dropped.
 */
const KEPT_TAGS = [
  'EXIF:Make',
  'EXIF:Model',
  'EXIF:DateTimeOriginal',
  'EXIF:OffsetTimeOriginal',
  'EXIF:SubSecTimeOriginal',
  'EXIF:Orientation',
  'EXIF:ColorSpace',
  'EXIF:InteropIndex',
  'EXIF:XResolution',
  'EXIF:YResolution',
  'EXIF:ResolutionUnit',
  'EXIF:ExposureTime',
  'EXIF:FNumber',
  'EXIF:ISO',
  'EXIF:FocalLength',
  'EXIF:LensModel',
  'ICC_Profile',
] as const;

let sharedExiftool: ExifTool | undefined;

function defaultExiftool(): ExifTool {
  // exiftool-vendored starts one process per four cores, so one on a 2-core machine, and a
  // release's photos were then written one after the other; exiftool is one Perl thread each.
  sharedExiftool ??= new ExifTool({ maxProcs: availableParallelism() });
  return sharedExiftool;
}

/** Ends the shared exiftool processes; call once when the build is done so Node can exit promptly. */
export async function closeExiftool(): Promise<void> {
  const running = sharedExiftool;
  sharedExiftool = undefined;
  await running?.end();
}

/**
 * Copies `sourcePath` to `destPath` with the press metadata written in and identifying data
 * removed. Writes to a temporary file beside `destPath` and renames it, so an interrupted build
 * never leaves a half-written photo behind.
 */
export async function writePressCopy(
  sourcePath: string,
  destPath: string,
  meta: PhotoMetadata,
  options: PressCopyOptions = {},
): Promise<PressCopyResult> {
  const tags = pressTags(meta);
  const source = await readFile(sourcePath);
  const layout = readJpegLayout(source, sourcePath);
  assertPixelLimit(layout, options.maxPixels ?? DEFAULT_MAX_PIXELS, sourcePath);

  const temporary = `${destPath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // exiftool gets the metadata segments only, with an empty scan, and the picture is joined on
    // afterwards: it spent three quarters of its time copying image data it never reads (28 ms
    // against 8 ms per 3 MB photo). Anything after the image's end (MPF previews, maker trailers)
    // is left behind, as `-all=` means it to be.
    await writeFile(temporary, Buffer.concat([source.subarray(0, layout.scanStart), EMPTY_SCAN]));
    const written = await (options.exiftool ?? defaultExiftool()).write(temporary, tags, {
      useMWG: false,
      writeArgs: ['-overwrite_original', '-tagsFromFile', '@', ...KEPT_TAGS.map((tag) => `-${tag}`)],
    });
    const header = await readFile(temporary);
    const copy = Buffer.concat([header.subarray(0, readJpegLayout(header, sourcePath).scanStart), source.subarray(layout.scanStart, layout.scanEnd)]);
    assertSameImageData(source, copy, sourcePath);
    await writeFile(temporary, copy);
    await rename(temporary, destPath);
    return { width: layout.width, height: layout.height, size: copy.length, sha256: createHash('sha256').update(copy).digest('hex'), warnings: written.warnings ?? [] };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A scan with no data, then the end of the image: what exiftool needs to see a whole JPEG. */
const EMPTY_SCAN = Buffer.from([0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]);

/** Cheap insurance against an exiftool release that decides to rewrite image data. */
function assertSameImageData(source: Buffer, copy: Buffer, label: string): void {
  if (!jpegImageData(copy, label).equals(jpegImageData(source, label))) {
    throw new Error(`${label}: writing metadata changed the image data; the press copy was not written`);
  }
}

/**
 * Tag assignments in exiftool argument order. `all` comes first because exiftool applies
 * deletions and assignments in the order given: an `-all=` after them would erase them again.
 */
function pressTags(meta: PhotoMetadata): WriteTags {
  assertUsableMetadata(meta);
  const tags: Record<string, unknown> = { all: null };
  Object.assign(tags, langAlt('XMP-dc:Description', meta.captions, meta.originalLocale));
  Object.assign(tags, langAlt('XMP-iptcCore:AltTextAccessibility', meta.altTexts, meta.originalLocale));
  Object.assign(tags, titleTags(meta));
  tags['XMP-dc:Creator'] = [meta.creator];
  tags['XMP-photoshop:Credit'] = meta.credit;
  tags['XMP-dc:Rights'] = meta.copyright;
  tags['XMP-xmpRights:WebStatement'] = meta.webStatement;
  if (meta.people.length > 0) tags['XMP-iptcExt:PersonInImage'] = meta.people;
  // Flattened fields rather than a structure: exiftool trims leading white space from the fields
  // of a serialised structure, which exiftool-vendored does not escape.
  tags['XMP-iptcExt:LocationShownCity'] = meta.city;
  tags['XMP-iptcExt:LocationShownCountryName'] = meta.country;
  tags['XMP-iptcExt:LocationShownCountryCode'] = meta.countryCode;
  // The IPTC Core location fields are what many newsroom systems still read.
  tags['XMP-photoshop:City'] = meta.city;
  tags['XMP-photoshop:Country'] = meta.country;
  tags['XMP-iptcCore:CountryCode'] = meta.countryCode;
  if (meta.keywords.length > 0) tags['XMP-dc:Subject'] = meta.keywords;
  tags['EXIF:Artist'] = mwgStringList([meta.creator]);
  // exiftool reads a line break in EXIF Copyright as the split between photographer and editor.
  tags['EXIF:Copyright'] = meta.copyright.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
  tags['EXIF:ImageDescription'] = meta.englishDescription;
  return Object.fromEntries(Object.entries(dropEmpty(tags)).map(([tag, value]) => [tag, exiftoolValue(value)])) as WriteTags;
}

/**
 * Every text as exiftool must receive it to store it unchanged. exiftool-vendored passes values
 * with exiftool's -E option (HTML character references are decoded) but leaves "&" alone, so a
 * caption that says "&amp;" or "&lt;" would be stored as "&" or "<"; exiftool also drops a space
 * after "=" in its argument lines, and XML turns a raw carriage return, which exiftool writes into
 * XMP as it is, into a line feed for every reader but exiftool. Hence "&" as a reference, leading
 * white space as references, and every line break as one line feed.
 */
function exiftoolValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\r\n?/g, '\n')
      .replace(/&/g, '&amp;')
      .replace(/^\s+/, (space) => [...space].map((char) => `&#${char.codePointAt(0)};`).join(''));
  }
  return Array.isArray(value) ? value.map(exiftoolValue) : value;
}

/**
 * EXIF Artist is one string where XMP has a list of creators; the Metadata Working Group's
 * guidelines, which exiftool and other readers follow, store the list joined by "; " and quote a
 * value that contains "; " or starts with a quote, so a creator like "Kim; Lee Studio" stays one.
 */
function mwgStringList(values: string[]): string {
  return values.map((value) => (value.startsWith('"') || value.includes('; ') ? `"${value.replace(/"/g, '""')}"` : value)).join('; ');
}

/** x-default carries the original language, as IPTC recommends, plus one entry per locale. */
function langAlt(tag: string, values: Record<string, string>, originalLocale: string): Record<string, string> {
  const entries: Record<string, string> = { [tag]: values[originalLocale] ?? '' };
  for (const [locale, text] of Object.entries(values)) entries[`${tag}-${locale}`] = text;
  return entries;
}

/** Without a headline, IPTC's Title ("a shorthand reference") is the file name. */
function titleTags(meta: PhotoMetadata): Record<string, string> {
  const original = meta.headline?.[meta.originalLocale];
  if (!meta.headline || !original) return { 'XMP-dc:Title': basename(meta.fileName, extname(meta.fileName)) };
  return { ...langAlt('XMP-dc:Title', meta.headline, meta.originalLocale), 'XMP-photoshop:Headline': original };
}

/** Writing an empty string would create an empty tag rather than leave it out. */
function dropEmpty(tags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tags).filter(([, value]) => value !== ''));
}

const bcp47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function assertUsableMetadata(meta: PhotoMetadata): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(meta.fileName)) {
    throw new Error(`"${meta.fileName}" is not a plain ASCII file name (letters, digits, ".", "_", "-")`);
  }
  if (!meta.captions[meta.originalLocale]?.trim()) {
    throw new Error(`${meta.fileName}: no caption in the original language "${meta.originalLocale}"`);
  }
  for (const locale of [...Object.keys(meta.captions), ...Object.keys(meta.altTexts), ...Object.keys(meta.headline ?? {})]) {
    // Locales become part of exiftool tag names, so only tag-shaped values may pass.
    if (!bcp47.test(locale)) throw new Error(`${meta.fileName}: "${locale}" is not a BCP 47 language tag`);
  }
  if (!/^[A-Z]{2}$/.test(meta.countryCode)) {
    throw new Error(`${meta.fileName}: countryCode "${meta.countryCode}" is not a two-letter ISO 3166 code in capitals`);
  }
  for (const text of textsOf(meta)) {
    if (UNWRITABLE.test(text) || !text.isWellFormed()) {
      throw new Error(`Internal error: ${meta.fileName}: ${JSON.stringify(text)} holds a character XMP cannot carry; the content checks should have refused it`);
    }
  }
}

/**
 * What XML 1.0 cannot carry even as a reference, so no reader could parse the XMP; U+001F is
 * also exiftool-vendored's list separator and would split a name in two.
 */
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}
