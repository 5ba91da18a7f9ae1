/**
 * Reading a site built with the S3 media store as a reader and a bucket operator would: every media
 * URL its pages, feeds and calendars link (parsed, not grepped), what the bucket answers for each
 * over HTTP, and the bucket's stored objects as s3rver keeps them on disk.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';

/** File endings of everything the media stage makes (web images, press copies, ZIPs). */
const MEDIA_EXTENSION = /\.(jpe?g|avif|webp|png|gif|zip)$/i;

/** One media URL as a page (or feed, or calendar) links it. */
export interface MediaRef {
  /** The built file, relative to the site folder (`en/releases/x/index.html`). */
  file: string;
  /** Where it was found: `img[src]`, `source[srcset]`, `a[href]`, `meta[og:image]`, `json-ld`, `rss enclosure@url`, `feed.json image`… */
  kind: string;
  /** Absolute URL (relative ones resolved against the page's public address). */
  url: string;
  /** The srcset width descriptor (`800w` → 800), when there is one. */
  width?: number;
  /** The `download` attribute of a link, when there is one. */
  download?: string;
}

const SITE = 'https://press.sdf.example.org';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile())
    .map((item) => join(item.parentPath, item.name));
}

/** Files in a built site that are media by their name: a pages-only site has none. */
export function mediaFilesIn(siteDir: string): string[] {
  return filesUnder(siteDir)
    .filter((file) => MEDIA_EXTENSION.test(file))
    .map((file) => relative(siteDir, file));
}

function absolute(value: string, base: string): string | undefined {
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

const isMediaUrl = (url: string) => MEDIA_EXTENSION.test(new URL(url).pathname);

function srcsetCandidates(value: string): { url: string; width?: number }[] {
  return value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map(([url, descriptor]) => ({ url: url!, width: descriptor?.endsWith('w') ? Number(descriptor.slice(0, -1)) : undefined }));
}

/** Every string in a parsed JSON or XML value, with the name of the property holding it. */
function* stringsIn(value: unknown, name = ''): Generator<{ name: string; text: string }> {
  if (typeof value === 'string') yield { name, text: value };
  else if (Array.isArray(value)) for (const inner of value) yield* stringsIn(inner, name);
  // An XML attribute is named with its element (`enclosure@url`), a property by itself (`image`).
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) yield* stringsIn(inner, key.startsWith('@') ? `${name}${key}` : key);
}

// Attributes whose value is a URL (or a srcset): where a page can make a browser fetch something.
const URL_ATTRIBUTES = ['src', 'href', 'poster', 'data'];
const SRCSET_ATTRIBUTES = ['srcset', 'imagesrcset'];

function refsInHtml(file: string, html: string, pageUrl: string): MediaRef[] {
  const $ = cheerio.load(html);
  const refs: MediaRef[] = [];
  $('*').each((_, element) => {
    if (element.type !== 'tag') return;
    const tag = element.name;
    for (const [attribute, value] of Object.entries(element.attribs)) {
      if (SRCSET_ATTRIBUTES.includes(attribute)) {
        for (const candidate of srcsetCandidates(value)) {
          const url = absolute(candidate.url, pageUrl);
          if (url && isMediaUrl(url)) refs.push({ file, kind: `${tag}[${attribute}]`, url, width: candidate.width });
        }
        continue;
      }
      // A meta's content is a URL only for image properties; elsewhere it is prose or a policy.
      const isMetaUrl = tag === 'meta' && attribute === 'content';
      if (!URL_ATTRIBUTES.includes(attribute) && !isMetaUrl) continue;
      const url = !isMetaUrl || /^https?:\/\//.test(value) ? absolute(value, pageUrl) : undefined;
      if (!url || !isMediaUrl(url)) continue;
      const kind = isMetaUrl ? `meta[${element.attribs.property ?? element.attribs.name}]` : `${tag}[${attribute}]`;
      refs.push({ file, kind, url, download: tag === 'a' ? element.attribs.download : undefined });
    }
  });
  $('script[type="application/ld+json"]').each((_, script) => {
    for (const { name, text } of stringsIn(JSON.parse($(script).text()))) {
      const url = /^https?:\/\//.test(text) ? absolute(text, pageUrl) : undefined;
      if (url && isMediaUrl(url)) refs.push({ file, kind: `json-ld ${name}`, url });
    }
  });
  return refs;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

function refsInData(file: string, value: unknown, format: string): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const { name, text } of stringsIn(value)) {
    const url = /^https?:\/\//.test(text.trim()) ? absolute(text.trim(), SITE) : undefined;
    if (url && isMediaUrl(url)) refs.push({ file, kind: `${format} ${name}`, url });
  }
  return refs;
}

/** iCalendar properties (folded lines joined), values that are URLs with a media ending. */
function refsInCalendar(file: string, text: string): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(';')[0]!;
    const url = absolute(line.slice(colon + 1), SITE);
    if (url && /^https?:/.test(url) && isMediaUrl(url)) refs.push({ file, kind: `ics ${name}`, url });
  }
  return refs;
}

/**
 * Every media URL the built site links: pages (every URL attribute of every element, srcsets and
 * JSON-LD), RSS and other XML, JSON feeds and calendars.
 */
export function mediaRefsIn(siteDir: string): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const path of filesUnder(siteDir)) {
    const file = relative(siteDir, path).split(sep).join('/');
    if (file.startsWith('pagefind/')) continue;
    const pageUrl = `${SITE}/${file.replace(/index\.html$/, '')}`;
    if (file.endsWith('.html')) refs.push(...refsInHtml(file, readFileSync(path, 'utf8'), pageUrl));
    else if (file.endsWith('.xml')) refs.push(...refsInData(file, xml.parse(readFileSync(path, 'utf8')), 'xml'));
    else if (file.endsWith('.json')) refs.push(...refsInData(file, JSON.parse(readFileSync(path, 'utf8')), 'json'));
    else if (file.endsWith('.ics')) refs.push(...refsInCalendar(file, readFileSync(path, 'utf8')));
  }
  return refs;
}

/** Each page's media URLs, sorted and deduplicated: what two builds of one content must agree on. */
export function mediaUrlsByFile(refs: MediaRef[]): Record<string, string[]> {
  const byFile: Record<string, Set<string>> = {};
  for (const ref of refs) (byFile[ref.file] ??= new Set()).add(ref.url);
  return Object.fromEntries(Object.entries(byFile).map(([file, urls]) => [file, [...urls].sort()]));
}

/** What the bucket's public address answered for one URL. */
export interface Fetched {
  url: string;
  status: number;
  contentType?: string;
  contentDisposition?: string;
  cacheControl?: string;
  bytes: Buffer;
  sha256: string;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** GETs each URL (a few at a time), as a reader's browser or download tool would. */
export async function fetchAll(urls: Iterable<string>, concurrency = 6): Promise<Map<string, Fetched>> {
  const queue = [...new Set(urls)];
  const results = new Map<string, Fetched>();
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const response = await fetch(url);
      const bytes = Buffer.from(await response.arrayBuffer());
      results.set(url, {
        url,
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        contentDisposition: response.headers.get('content-disposition') ?? undefined,
        cacheControl: response.headers.get('cache-control') ?? undefined,
        bytes,
        sha256: sha256(bytes),
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The type a file's first bytes say it is, whatever its name or headers claim. */
export function sniffedType(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'application/zip';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
  }
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** `attachment; filename="a.zip"; filename*=UTF-8''a.zip` → its type and the name a browser saves under (RFC 6266). */
export function parseDisposition(header: string | undefined): { type: string; fileName?: string } | undefined {
  if (!header) return undefined;
  const [type, ...params] = header.split(';').map((part) => part.trim());
  const values = Object.fromEntries(params.map((param) => {
    const at = param.indexOf('=');
    return [param.slice(0, at).toLowerCase(), param.slice(at + 1)];
  }));
  const extended = values['filename*']?.match(/^UTF-8''(.*)$/i)?.[1];
  const plain = values.filename?.replace(/^"(.*)"$/, '$1');
  return { type: type!.toLowerCase(), fileName: extended !== undefined ? decodeURIComponent(extended) : plain };
}

/** `max-age` of a Cache-Control header, in seconds. */
export function maxAge(header: string | undefined): number | undefined {
  const match = header?.match(/(?:^|,)\s*max-age=(\d+)/);
  return match ? Number(match[1]) : undefined;
}

/** One object as s3rver stored it: its bytes' hash, when it was written, and the headers kept with it. */
export interface StoredObject {
  sha256: string;
  bytes: number;
  mtimeMs: number;
  /** s3rver's metadata file (Content-Type, Cache-Control, Content-Disposition, x-amz-meta-*). */
  metadata: string;
}

const OBJECT_SUFFIX = '._S3rver_object';

/** Every object of a bucket, by key, read from s3rver's folder (`<directory>/<bucket>/<key>._S3rver_object`). */
export function storedObjects(bucketDir: string): Map<string, StoredObject> {
  const objects = new Map<string, StoredObject>();
  for (const path of filesUnder(bucketDir)) {
    if (!path.endsWith(OBJECT_SUFFIX)) continue;
    const key = relative(bucketDir, path).split(sep).join('/').slice(0, -OBJECT_SUFFIX.length);
    const bytes = readFileSync(path);
    const base = path.slice(0, -OBJECT_SUFFIX.length);
    let metadata = '';
    try {
      metadata = readFileSync(`${base}._S3rver_metadata.json`, 'utf8');
    } catch {
      // s3rver writes no metadata file for an object stored without headers.
    }
    objects.set(key, { sha256: sha256(bytes), bytes: bytes.length, mtimeMs: statSync(path).mtimeMs, metadata });
  }
  return objects;
}

/** The bytes of one stored object. */
export function storedBytes(bucketDir: string, key: string): Buffer {
  return readFileSync(join(bucketDir, ...key.split('/')) + OBJECT_SUFFIX);
}
