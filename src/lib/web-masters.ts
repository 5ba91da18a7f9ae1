/**
 * Web masters: the copy of each photo that Astro's image pipeline works from, as large as the
 * largest size a page shows (`PHOTO_WIDTHS`), upright, in sRGB, with no metadata.
 *
 * Why not the camera original: Astro reads every image a content entry names in full and hands
 * the bytes to the bundler, which holds them until the build ends (withastro/astro#8653). With
 * 2,000 originals of 1.8 MB that was 3.5 GB held twice over: the build's peak went from 2.6 GB
 * with small photos to 10 GB with real ones (docs/decisions.md, "Build benchmark"). The originals
 * still travel untouched to journalists through the press copies and packs, which read them
 * directly; GPS positions and serial numbers never reach Astro at all.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { sha256File } from './zip-pack';

/** Widths a release page offers a photo in (`<Photo>`); the web master is as wide as the largest. */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;
const MASTER_WIDTH = Math.max(...PHOTO_WIDTHS);
/** Bump when masters change for the same original (size, quality, colour handling). */
const MASTER_VERSION = 1;

/** What the master at a path was made from, kept beside it, so an unchanged original is not read. */
interface MasterRecord {
  version: number;
  source: { size: number; mtimeMs: number; sha256: string };
}

export interface WebMasterOptions {
  /** Folder holding the masters, one per photo id. */
  dir: string;
  /** Originals above this many pixels are refused (the content preflight names the file first). */
  maxPixels: number;
}

export const webMasterPath = (dir: string, photoId: string) => join(dir, `${photoId}.jpg`);

/**
 * The master of `original` for photo `photoId`, made again only when the original's bytes
 * changed. Its path stays the same for the photo, so content entries that still point at it (the
 * content layer skips unchanged YAML files) see the new pixels: Astro names what it emits by their
 * hash.
 */
export async function ensureWebMaster(original: string, photoId: string, options: WebMasterOptions): Promise<string> {
  const master = webMasterPath(options.dir, photoId);
  const recordPath = master.replace(/\.jpg$/, '.json');
  const { size, mtimeMs } = await stat(original);
  const recorded = await readRecord(recordPath);
  const current = recorded?.version === MASTER_VERSION && existsSync(master) ? recorded.source : undefined;
  if (current?.size === size && current.mtimeMs === mtimeMs) return master;
  // A fresh checkout changes every modification time: the hash decides.
  const sha256 = await sha256File(original);
  if (current?.sha256 !== sha256) await writeMaster(original, master, options.maxPixels);
  const record: MasterRecord = { version: MASTER_VERSION, source: { size, mtimeMs, sha256 } };
  await writeFile(recordPath, JSON.stringify(record));
  return master;
}

async function readRecord(path: string): Promise<MasterRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as MasterRecord;
  } catch {
    return undefined;
  }
}

async function writeMaster(original: string, master: string, maxPixels: number): Promise<void> {
  await mkdir(dirname(master), { recursive: true });
  const temporary = `${master}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // Without withMetadata() sharp converts to sRGB and drops EXIF, XMP and ICC data; rotate()
    // first applies the camera's orientation flag, which is dropped with the rest. The bytes, not
    // the path: libvips caches decoded files by name, and `astro dev` runs on while photos change.
    await sharp(await readFile(original), { limitInputPixels: maxPixels })
      .rotate()
      .resize({ width: MASTER_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
      .toFile(temporary);
    await rename(temporary, master);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Runs `work` on every item, a few at a time (sharp decodes in its own threads). */
export async function forEachLimited<T>(items: T[], work: (item: T) => Promise<unknown>, limit = availableParallelism()): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
