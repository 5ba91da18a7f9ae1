/**
 * Where published media live, behind one interface with two backends: a folder (the local
 * default, placed into the site's output after `astro build`) and an S3-compatible bucket.
 *
 * Keys are relative to the store's root, with `/` separators. Content-addressed keys, all under
 * `media/` (`media/img/<hash>/<photo>-960.webp`, `media/originals/<hash>/<photo>.jpg`,
 * `media/packs/<hash>/<slug>.zip`), never change their bytes and are cached for a year; stable keys
 * (`packs/releases/<slug>.zip`, `packs/events/<id>.zip`, `photos/originals/<photo>.jpg`) are
 * short-cached copies that always hold the current version, so links press teams have e-mailed
 * keep working.
 *
 * Besides the objects, a store keeps one records file (`RECORDS_KEY`): what the media stage knows
 * about each thing it made (sizes, pixel dimensions, hashes), keyed by the hash of its inputs. A
 * build that finds a record needs neither the object's bytes nor its original's.
 */

/** One object to put into a store. */
export interface MediaObject {
  /** Key relative to the store's root. */
  key: string;
  /** Local file holding the bytes. */
  file: string;
  /** Lower-case hex SHA-256 of the bytes; checked after upload. */
  sha256: string;
  bytes: number;
  contentType: string;
  cacheControl: string;
  /** File name a browser saves a download under (`Content-Disposition: attachment`); none for inline images. */
  downloadName?: string;
}

/** An object as a listing shows it. */
export interface ListedObject {
  key: string;
  bytes: number;
  lastModified: Date;
}

/** What an object's headers say, read back from the store (for verification). */
export interface ObjectHead {
  bytes: number;
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  /** SHA-256 as the store recorded it at upload (metadata `sha256`), when it did. */
  sha256?: string;
}

/** Record file kept beside the objects: input hash → what was made from those inputs. */
export type MediaRecords = Record<string, unknown>;

export const RECORDS_KEY = '_pressroom/records.json';
/** When each object the site no longer links was first found unreferenced, for deletion's grace period. */
export const UNREFERENCED_KEY = '_pressroom/unreferenced-since.json';
/** Keys of the store's own bookkeeping, never media. */
export const isBookkeeping = (key: string) => key.startsWith('_pressroom/');

/** Cache-Control of content-addressed objects. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of stable download keys, which change when their content does. */
export const SHORT_CACHED = 'public, max-age=300';

export interface MediaStore {
  readonly kind: 'local' | 's3';
  /** A short description for logs ("s3://bucket/prefix at https://…", "folder .cache/media/store"). */
  readonly description: string;
  /**
   * Whether `head` reports the headers and `sha256` that `put` was given. A bucket keeps them; a
   * folder keeps bytes only (the host's `_headers` file sets its headers), so for a folder a
   * missing field proves nothing.
   */
  readonly keepsHeaders: boolean;
  /** Origin that serves the media to readers, for the Content-Security-Policy; none when same-origin. */
  readonly origin?: string;
  /** The URL readers fetch `key` from: site-relative (`/media/…`) for local, absolute for s3. */
  url(key: string): string;
  /** Every object under `prefix` (all when omitted), paged internally. */
  list(prefix?: string): AsyncIterable<ListedObject>;
  /** The object's size and headers, or undefined when it does not exist. */
  head(key: string): Promise<ObjectHead | undefined>;
  /** Uploads (or copies in) `object`, with its headers; replaces an existing object of that key. */
  put(object: MediaObject): Promise<void>;
  /**
   * Makes `object` from `sourceKey`, an object the store already holds with the same bytes, with
   * `object`'s headers: a stable key next to its content-addressed twin, without sending the
   * bytes again.
   */
  copy(sourceKey: string, object: MediaObject): Promise<void>;
  /** Writes the object's bytes to `file` (its folder is made); throws when it does not exist. */
  download(key: string, file: string): Promise<void>;
  /** Removes these keys; missing ones are ignored. */
  remove(keys: string[]): Promise<void>;
  /** A bookkeeping file (the records by default), or an empty object when the store has none yet. */
  readRecords(key?: string): Promise<MediaRecords>;
  /** Replaces a bookkeeping file (the records by default). */
  writeRecords(records: MediaRecords, key?: string): Promise<void>;
}

/**
 * The Content-Disposition that makes a browser save an object as `fileName` (RFC 6266): an ASCII
 * fallback name for old clients, and the exact name in UTF-8 (RFC 8187) for all others. Header
 * values must be ASCII, hence both.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are, which RFC 8187's attr-char does not allow.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
