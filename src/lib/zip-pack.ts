/**
 * Reproducible ZIP files for photo packs: the same inputs give the same bytes on any machine,
 * so a pack's SHA-256 can be published and an unchanged pack is not rebuilt (or re-downloaded
 * by mirrors and caches) just because the site was rebuilt.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

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
export const ZIP_LAYOUT_VERSION = 1;

/** Formats whose data is already compressed: deflating them costs time and saves nothing. */
const STORED_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.heic', '.zip', '.gz', '.mp4', '.mov', '.mp3', '.m4a']);

const FILE_MODE = 0o100644;

/**
 * Writes `entries` to `destPath` as a ZIP, sorted by name, streaming from disk. The file appears
 * under its final name only when complete.
 */
export async function writeZip(destPath: string, entries: ZipEntry[], options: WriteZipOptions = {}): Promise<ZipResult> {
  const mtime = localWallClock(options.modifiedAt ?? '1980-01-01T00:00:00');
  const zip = new yazl.ZipFile();
  const aborter = new AbortController();
  // yazl reports unreadable sources on the ZipFile, not on its output stream.
  const zipFailed = new Promise<never>((_, reject) => {
    zip.on('error', (error: Error) => {
      aborter.abort(error);
      reject(error);
    });
  });
  for (const entry of sortedEntries(entries)) addEntry(zip, entry, mtime);
  zip.end();

  const temporary = `${destPath}.${randomBytes(6).toString('hex')}.tmp`;
  const hash = createHash('sha256');
  let size = 0;
  const measure = tap(hash, (bytes) => (size += bytes));
  try {
    await Promise.race([pipeline(zip.outputStream, measure, createWriteStream(temporary), { signal: aborter.signal }), zipFailed]);
    await rename(temporary, destPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Code-unit order, not locale order, so the result does not depend on the machine's ICU data. */
function sortedEntries(entries: ZipEntry[]): ZipEntry[] {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sorted.forEach((entry, index) => {
    if (index > 0 && sorted[index - 1]!.name === entry.name) throw new Error(`Two pack entries are both named "${entry.name}"`);
  });
  return sorted;
}

function addEntry(zip: yazl.ZipFile, entry: ZipEntry, mtime: Date): void {
  // forceDosTimestamp drops the extended-timestamp field, which stores UTC and would make the
  // bytes depend on the machine's time zone (the DOS field is read back as local time).
  const options = { mtime, mode: FILE_MODE, compress: entry.compress ?? shouldCompress(entry.name), forceDosTimestamp: true };
  if ('path' in entry.source) {
    zip.addFile(entry.source.path, entry.name, options);
  } else {
    const data = typeof entry.source.data === 'string' ? Buffer.from(entry.source.data, 'utf8') : entry.source.data;
    zip.addBuffer(data, entry.name, options);
  }
}

export function shouldCompress(name: string): boolean {
  return !STORED_EXTENSIONS.has(extname(name).toLowerCase());
}

/**
 * yazl turns a Date into DOS fields with the local-time getters, so a Date built from local
 * fields gives the same fields under every TZ.
 */
function localWallClock(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new Error(`modifiedAt "${text}" must look like 2023-04-03 or 2023-04-03T10:00, without a time zone`);
  const fields = match.slice(1).map((part) => Number(part ?? 0));
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  if (year < 1980 || year > 2107) throw new Error(`modifiedAt "${text}" is outside the years ZIP can store (1980–2107)`);
  const date = new Date(year, month - 1, day, hour, minute, second);
  const roundTrip = [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  // An impossible date, or a time skipped by a daylight-saving change here, would be shifted
  // and so differ from the same build in another time zone.
  if (roundTrip.some((value, index) => value !== fields[index])) {
    throw new Error(`modifiedAt "${text}" does not exist as a local time here (TZ=${process.env.TZ ?? 'system default'}); use another time, e.g. noon`);
  }
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

/** Lower-case hex SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
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
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) && !Buffer.isBuffer(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

export interface CachedPackOptions {
  /**
   * Hard-link the cached pack to `destPath` (no copy of the bytes) when both are on one file
   * system. Only safe while nothing rewrites `destPath` in place; set false to always copy.
   */
  link?: boolean;
}

export interface CachedPackResult {
  /** False when the pack came from the cache. */
  rebuilt: boolean;
  /** Where the pack is kept in the cache. */
  cachedPath: string;
}

/**
 * Puts the pack for `key` at `destPath`, calling `build(path)` to write it only when the cache
 * has no pack for that key. `build` writes to a temporary path that is moved into the cache once
 * complete, so a failed build never leaves a cached pack behind.
 */
export async function buildPackIfChanged(
  cacheDir: string,
  key: string,
  destPath: string,
  build: (path: string) => Promise<unknown>,
  options: CachedPackOptions = {},
): Promise<CachedPackResult> {
  const { cachedPath, rebuilt } = await cachedFile(cacheDir, key, '.zip', build);
  await placeFile(cachedPath, destPath, options);
  return { rebuilt, cachedPath };
}

/**
 * The cache half of `buildPackIfChanged`, for callers that build during one stage and place the
 * file in another: returns `<cacheDir>/<key><extension>`, calling `build` only when it is missing.
 */
export async function cachedFile(
  cacheDir: string,
  key: string,
  extension: string,
  build: (path: string) => Promise<unknown>,
): Promise<CachedPackResult> {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`Pack cache key "${key}" is not a SHA-256 from packInputsKey()`);
  if (!/^\.[a-z0-9]+$/.test(extension)) throw new Error(`Cache file extension "${extension}" must look like ".zip"`);
  const cachedPath = join(cacheDir, `${key}${extension}`);
  const rebuilt = !(await exists(cachedPath));
  if (rebuilt) await buildIntoCache(cachedPath, build);
  return { rebuilt, cachedPath };
}

async function buildIntoCache(cachedPath: string, build: (path: string) => Promise<unknown>): Promise<void> {
  await mkdir(dirname(cachedPath), { recursive: true });
  const temporary = `${cachedPath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await build(temporary);
    await rename(temporary, cachedPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The placing half: a hard link to the cached file where possible, else a copy. */
export async function placeFile(cachedPath: string, destPath: string, options: CachedPackOptions = {}): Promise<void> {
  await mkdir(dirname(destPath), { recursive: true });
  await rm(destPath, { force: true });
  if (options.link ?? true) {
    try {
      await link(cachedPath, destPath);
      return;
    } catch (error) {
      // Across file systems, or where links are not allowed, a copy does the same job.
      if (!isErrorCode(error, 'EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK')) throw error;
    }
  }
  await copyFile(cachedPath, destPath);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}
