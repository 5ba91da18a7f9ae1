/**
 * Turns pack plans into files in the pack cache: a press copy per photo, a ZIP per pack, each
 * named by the hash of everything it is made from, so a rebuild with nothing changed writes
 * nothing. Each file is made at most once per build however many pages ask for it.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExifTool } from 'exiftool-vendored';
// exiftool-vendored pins the exact exiftool release it ships, so its version names exiftool's.
import exiftoolPackage from 'exiftool-vendored/package.json' with { type: 'json' };
import { memo } from '../memo';
import { sha256Sums } from '../pack-texts';
import { readJpegLayout, writePressCopy } from '../photo-metadata';
import { cachedFile, packInputsKey, sha256File, writeZip, type ZipEntry } from '../zip-pack';
import { SUMS_FILE, type PackPhoto, type PackPlan } from './pack-plan';

/** Bump when press copies change for the same inputs (other tags kept, another layout…). */
export const PRESS_COPY_VERSION = 1;
/** Bump when packs change for the same entries. */
export const PACK_FORMAT_VERSION = 1;

export interface StoredFile {
  /** The file in the pack cache. */
  cachedPath: string;
  /** Size in bytes. */
  size: number;
  /** False when it was found in the cache. */
  rebuilt: boolean;
  /** When it was made, in epoch milliseconds; absent when it came from the cache. */
  madeDuring?: TimeSpan;
}

export interface TimeSpan {
  start: number;
  end: number;
}

const since = (start: number): TimeSpan => ({ start, end: Date.now() });

export interface StoredPhoto extends StoredFile {
  sha256: string;
  width: number;
  height: number;
}

export interface StoredPack extends StoredFile {
  photoCount: number;
}

export interface PackStoreOptions {
  /** Root of the pack cache; press copies go to `photos/`, ZIPs to `zips/`. */
  cacheDir: string;
  /** Photos above this many pixels are refused. */
  maxPixels?: number;
  /** exiftool pool to use; by default the one shared by `photo-metadata.ts`. */
  exiftool?: ExifTool;
}

/** What is remembered beside a cached press copy, so a reused copy is not read again. */
interface PhotoFacts {
  sha256: string;
  size: number;
  width: number;
  height: number;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export class PackStore {
  readonly #sourceHashes = new Map<string, Promise<string>>();
  readonly #copies = new Map<string, Promise<StoredPhoto>>();
  readonly #packs = new Map<string, Promise<StoredPack>>();

  constructor(readonly options: PackStoreOptions) {}

  /** The press copy of `photo`, made if the cache has none for its current inputs. */
  pressCopy(photo: PackPhoto): Promise<StoredPhoto> {
    return memo(this.#copies, photo.id, () => this.#makePressCopy(photo));
  }

  /** The ZIP of `plan`, made if the cache has none for its current entries. */
  pack(plan: PackPlan): Promise<StoredPack> {
    return memo(this.#packs, plan.href, () => this.#makePack(plan));
  }

  async #makePressCopy(photo: PackPhoto): Promise<StoredPhoto> {
    const started = Date.now();
    const source = await memo(this.#sourceHashes, photo.source, () => sha256File(photo.source));
    const key = packInputsKey({
      formatVersion: `press copy ${PRESS_COPY_VERSION}, exiftool-vendored ${exiftoolPackage.version}`,
      files: [{ name: photo.meta.fileName, sha256: source }],
      metadata: photo.meta,
    });
    const { cachedPath, rebuilt } = await cachedFile(join(this.options.cacheDir, 'photos'), key, '.jpg', (path) =>
      writePressCopy(photo.source, path, photo.meta, { exiftool: this.options.exiftool, maxPixels: this.options.maxPixels }),
    );
    const facts = await photoFacts(cachedPath, rebuilt);
    return { cachedPath, rebuilt, ...facts, madeDuring: rebuilt ? since(started) : undefined };
  }

  async #makePack(plan: PackPlan): Promise<StoredPack> {
    const copies = await Promise.all(plan.photos.map((photo) => this.pressCopy(photo)));
    const started = Date.now();
    const photos = plan.photos.map((photo, index) => ({ name: photo.meta.fileName, path: copies[index]!.cachedPath, sha256: copies[index]!.sha256 }));
    const texts = plan.texts.map((text) => ({ name: text.name, data: Buffer.from(text.text, 'utf8') }));
    const listed = [...photos, ...texts.map((text) => ({ name: text.name, sha256: sha256(text.data) }))];
    const sums = Buffer.from(sha256Sums(listed), 'utf8');
    const entries: ZipEntry[] = [
      ...photos.map((photo) => ({ name: photo.name, source: { path: photo.path } })),
      ...texts.map((text) => ({ name: text.name, source: { data: text.data } })),
      { name: SUMS_FILE, source: { data: sums } },
    ];
    const key = packInputsKey({
      // Deflated entries are only reproducible with the same zlib.
      formatVersion: `pack ${PACK_FORMAT_VERSION}, zlib ${process.versions.zlib}`,
      files: [...listed, { name: SUMS_FILE, sha256: sha256(sums) }],
      metadata: { modifiedAt: plan.modifiedAt },
    });
    const { cachedPath, rebuilt } = await cachedFile(join(this.options.cacheDir, 'zips'), key, '.zip', (path) =>
      writeZip(path, entries, { modifiedAt: plan.modifiedAt }),
    );
    const { size } = await stat(cachedPath);
    return { cachedPath, size, rebuilt, photoCount: plan.photos.length, madeDuring: rebuilt ? since(started) : undefined };
  }
}

/** Reads the facts kept beside a cached copy, or works them out (and keeps them) after making it. */
async function photoFacts(cachedPath: string, rebuilt: boolean): Promise<PhotoFacts> {
  const factsPath = cachedPath.replace(/\.jpg$/, '.json');
  if (!rebuilt) {
    try {
      return JSON.parse(await readFile(factsPath, 'utf8')) as PhotoFacts;
    } catch {
      // Missing or unreadable: an interrupted earlier build; work them out again below.
    }
  }
  const bytes = await readFile(cachedPath);
  const { width, height } = readJpegLayout(bytes, cachedPath);
  const facts = { sha256: sha256(bytes), size: bytes.length, width, height };
  await writeFile(factsPath, JSON.stringify(facts));
  return facts;
}
