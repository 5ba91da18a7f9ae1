/**
 * Reproducible ZIP files for photo packs: the same inputs give the same bytes on any machine,
 * so a pack's SHA-256 can be published and an unchanged pack is not rebuilt (or re-downloaded
 * by mirrors and caches) just because the site was rebuilt.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ZipStream from 'zip-stream';

export interface ZipEntry {
  /** Path inside the archive, with "/" separators. */
  name: string;
  source: { path: string } | { data: Buffer | string };
  /** Deflate this entry; by default only files that are not already compressed are. */
  compress?: boolean;
}

export interface WriteZipOptions {
  /**
   * Wall-clock time stamped on every entry, `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]`, without a
   * time zone: ZIP's DOS timestamps have none. Defaults to 1980-01-01T00:00:00, the DOS epoch.
   */
  modifiedAt?: string;
}

export interface ZipResult {
  /** Size of the archive in bytes. */
  size: number;
  /** Lower-case hex SHA-256 of the archive. */
  sha256: string;
}

/** Bump whenever writeZip's output changes for the same inputs, so cached packs are rebuilt. */
export const ZIP_LAYOUT_VERSION = 2;

/** Formats whose data is already compressed: deflating them costs time and saves nothing. */
const STORED_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.heic', '.zip', '.gz', '.mp4', '.mov', '.mp3', '.m4a']);

const FILE_MODE = 0o100644;
/** zlib's default level; the deflated bytes depend on it (and on zlib's version). */
const DEFLATE_LEVEL = 6;
/**
 * Read and write in 1 MiB chunks: reading in Node's default 64 KiB chunks took twice as long.
 * Memory stays a few chunks per pack, whatever the pack's size.
 */
const CHUNK_BYTES = 1 << 20;
/**
 * Archives past 4 GiB are fine: zip-stream switches the central directory to ZIP64 (checked with
 * unzip, Python and yauzl on a 4.7 GB pack). A single entry that large would be streamed with no
 * ZIP64 field in its local header, a case no reader was checked on, so such a file is refused.
 */
const MAX_ENTRY_BYTES = 0xfffffffe;

/**
 * Writes `entries` to `destPath` as a ZIP, sorted by name, streaming from disk. The file appears
 * under its final name only when complete.
 *
 * The writer is zip-stream (archiver's ZIP engine): its CRC-32 is the fastest among ZIP writers
 * that also write ZIP64, which event packs of originals can need
 * (docs/decisions/0038-zip-writer-zip-stream.md).
 */
export async function writeZip(destPath: string, entries: ZipEntry[], options: WriteZipOptions = {}): Promise<ZipResult> {
  const mtime = dosWallClock(options.modifiedAt ?? '1980-01-01T00:00:00');
  const sorted = sortedEntries(entries);
  // Unreadable sources fail here, before anything is written.
  await Promise.all(sorted.map(checkSource));

  // Default (UTC) time fields: `mtime` carries the wall clock in its UTC fields, so the stamps do
  // not depend on the machine's time zone.
  const zip = new ZipStream({ zlib: { level: DEFLATE_LEVEL } });
  const temporary = `${destPath}.${randomBytes(6).toString('hex')}.tmp`;
  const hash = createHash('sha256');
  let size = 0;
  const written = pipeline(zip, tap(hash, (bytes) => (size += bytes)), createWriteStream(temporary, { highWaterMark: CHUNK_BYTES }));
  // A failed write (disk full…) must not leave us waiting for an entry that will never finish.
  const writeFailed = new Promise<never>((_, reject) => written.catch(reject));
  writeFailed.catch(() => {});
  let reading: ReadStream | undefined;
  try {
    for (const entry of sorted) {
      reading = 'path' in entry.source ? createReadStream(entry.source.path, { highWaterMark: CHUNK_BYTES }) : undefined;
      await Promise.race([append(zip, entry, reading, mtime), writeFailed]);
    }
    zip.finalize();
    await written;
    await rename(temporary, destPath);
  } catch (error) {
    reading?.destroy();
    zip.destroy();
    await written.catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Code-unit order, not locale order, so the result does not depend on the machine's ICU data. */
function sortedEntries(entries: ZipEntry[]): ZipEntry[] {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sorted.forEach((entry, index) => {
    checkName(entry.name);
    if (index > 0 && sorted[index - 1]!.name === entry.name) throw new Error(`Two pack entries are both named "${entry.name}"`);
  });
  return sorted;
}

/**
 * Entry names come from ids and slugs that the schemas already restrict, so an unsafe one here is
 * a bug upstream. zip-stream would rewrite some (drop a leading "/", "../" or "c:", turn
 * backslashes into "/"), breaking the sort order and the duplicate check, and would pass control
 * characters and unpaired surrogates on to the unzipping program: refuse them all instead.
 */
function checkName(name: string): void {
  const segments = name.split('/');
  const unsafe =
    name === '' ||
    name.includes('\\') ||
    /^\w+:/.test(name) ||
    /[\u0000-\u001f\u007f-\u009f]/.test(name) ||
    !name.isWellFormed() ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (unsafe) {
    throw new Error(
      `Internal error: pack entry name ${JSON.stringify(name)} must be a relative path with "/" separators, without empty, "." or ".." parts, backslashes or control characters`,
    );
  }
}

async function checkSource(entry: ZipEntry): Promise<void> {
  if (!('path' in entry.source)) return;
  const stats = await stat(entry.source.path);
  if (!stats.isFile()) throw new Error(`Pack entry "${entry.name}": ${entry.source.path} is not a file`);
  if (stats.size > MAX_ENTRY_BYTES) throw new Error(`Pack entry "${entry.name}": ${entry.source.path} is larger than 4 GiB, which packs do not support`);
}

/** Adds `entry` with the data of `file` (its opened path) or of its buffer or string. */
function append(zip: ZipStream, entry: ZipEntry, file: ReadStream | undefined, date: Date): Promise<void> {
  const store = !(entry.compress ?? shouldCompress(entry.name));
  const source = file ?? ('data' in entry.source ? (typeof entry.source.data === 'string' ? Buffer.from(entry.source.data, 'utf8') : entry.source.data) : undefined);
  return new Promise((resolve, reject) => {
    zip.entry(source, { name: entry.name, date, mode: FILE_MODE, store }, (error) => (error ? reject(error) : resolve()));
  });
}

function shouldCompress(name: string): boolean {
  return !STORED_EXTENSIONS.has(extname(name).toLowerCase());
}

/**
 * The wall-clock time as a Date whose UTC fields are that time: zip-stream turns a Date into DOS
 * fields with the UTC getters, so the stamp is the same under every TZ.
 */
function dosWallClock(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new Error(`modifiedAt "${text}" must look like 2023-04-03 or 2023-04-03T10:00, without a time zone`);
  const fields = match.slice(1).map((part) => Number(part ?? 0));
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  // DOS dates reach 2107, but zip-stream stamps any date from 2044 on as 2043-12-31 23:59:58.
  if (year < 1980 || year > 2043) throw new Error(`modifiedAt "${text}" is outside the years packs can store (1980–2043)`);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrip = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  // An impossible date (2023-02-30, 24:00) would be shifted to another day.
  if (roundTrip.some((value, index) => value !== fields[index])) throw new Error(`modifiedAt "${text}" does not exist as a date and time`);
  return date;
}

function tap(hash: Hash, count: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      count(chunk.length);
      callback(null, chunk);
    },
  });
}

export interface PackInputs {
  /** The caller's own version of what goes into a pack (file naming, text layout…). */
  formatVersion: string | number;
  /** Every file that goes into the pack, by content hash. */
  files: Array<{ name: string; sha256: string }>;
  /** Everything else the pack's contents are derived from: captions, credits, labels… */
  metadata: unknown;
}

/** The cache key of a pack: equal keys mean byte-identical packs. */
export function packInputsKey(inputs: PackInputs): string {
  const files = [...inputs.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const canonical = stableJson({ zip: ZIP_LAYOUT_VERSION, format: inputs.formatVersion, files, metadata: inputs.metadata });
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted, so that the key does not depend on property order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) && !Buffer.isBuffer(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
