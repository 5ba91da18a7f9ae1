/**
 * The hand-off between the pages, which build packs and press copies into the cache while they
 * render (they must print each file's size), and the press-kit integration, which puts the files
 * into the output folder once Astro has finished writing it (`astro:build:done`).
 *
 * Pages and integration are separate module instances (one bundled by Vite, one loaded with the
 * config), so they share a file, not memory: the integration names a fresh manifest file in an
 * environment variable when the build starts, the page code appends what it made, and the
 * integration reads it at the end. Nothing is left over from an earlier build to be copied by
 * mistake, and the manifest can be read by a person when a download is missing.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TimeSpan } from './pack-store';

/** Environment variable holding the manifest's path while a build runs. */
export const MANIFEST_ENV = 'PRESS_KIT_MANIFEST';

/** One file for the output folder. */
export interface OutputRecord {
  /** Site-relative URL, e.g. `/packs/releases/scse-2023-taipei.zip`. */
  href: string;
  /** The finished file in the pack cache. */
  cachedPath: string;
  kind: 'pack' | 'photo';
  /** False when the file was found in the cache. */
  rebuilt: boolean;
  /** When it was made in this build; absent when it came from the cache. */
  madeDuring?: TimeSpan;
}

/**
 * Appends records to the manifest, rewriting it whole each time (a few hundred short lines at
 * most) through a temporary file, so a reader never sees half a file.
 */
export class ManifestWriter {
  readonly #records = new Map<string, OutputRecord>();
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  add(record: OutputRecord): Promise<void> {
    const known = this.#records.get(record.href);
    if (known && known.cachedPath !== record.cachedPath) {
      throw new Error(`Two different files were made for ${record.href}: ${known.cachedPath} and ${record.cachedPath}`);
    }
    this.#records.set(record.href, record);
    const records = [...this.#records.values()];
    this.#queue = this.#queue.then(() => writeAtomically(this.path, JSON.stringify(records, null, 1)));
    return this.#queue;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** The records of a manifest; none when no page made a pack (the file was never written). */
export async function readManifest(path: string): Promise<OutputRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return JSON.parse(text) as OutputRecord[];
}

/**
 * How long the build was busy making packs and press copies: the union of the spans, since
 * several are made at once.
 */
export function busyMilliseconds(spans: TimeSpan[]): number {
  let total = 0;
  let reached = -Infinity;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (end <= reached) continue;
    total += end - Math.max(start, reached);
    reached = end;
  }
  return total;
}

/** "reused 2 packs, built 0; press copies: reused 4, built 0; …": what the cache saved. */
export function outputSummary(records: OutputRecord[], placingMilliseconds: number): string {
  const count = (kind: OutputRecord['kind'], rebuilt: boolean) => records.filter((record) => record.kind === kind && record.rebuilt === rebuilt).length;
  const buildSeconds = busyMilliseconds(records.flatMap((record) => (record.madeDuring ? [record.madeDuring] : []))) / 1000;
  return (
    `reused ${count('pack', false)} packs, built ${count('pack', true)}; ` +
    `press copies: reused ${count('photo', false)}, built ${count('photo', true)}; ` +
    `${buildSeconds.toFixed(1)} s making them during page generation, ${(placingMilliseconds / 1000).toFixed(2)} s placing ${records.length} files`
  );
}
