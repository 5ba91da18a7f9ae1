/**
 * Keeps the media cache from growing for ever. What the stage makes is named by the hash of its
 * inputs, so every edited caption or replaced photo makes new files in a new hash folder and
 * leaves the old ones behind: at 1,000 releases the live cache is gigabytes of press copies and
 * packs, and each superseded version adds its megabytes again.
 *
 * Each build marks the files it used (their modification time becomes the build's time), then
 * removes the hash folders that neither it nor any build in the last `keepDays` days used. The
 * grace period, rather than "whatever this build did not use", is for builds of other branches or
 * other moments (`PRESS_NOW` before an embargo) that share one cache.
 */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** The moment files unused since `keepDays` before it go (the machine's clock: file times are its). */
  now: Date;
  keepDays: number;
}

export interface PruneResult {
  /** Files removed. */
  removed: number;
  bytes: number;
}

/** Records that this build used these files, so a later prune keeps them. */
export async function markUsed(paths: Iterable<string>, now: Date): Promise<void> {
  for (const path of new Set(paths)) {
    await utimes(path, now, now).catch((error: NodeJS.ErrnoException) => {
      // An object only the bucket holds has no local file to mark.
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function entries(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Removes every hash folder (`<objectsDir>/media/<kind>/<hash>/`) none of whose files was used
 * within `keepDays` of `now`. A folder's files (the sizes of one photo, a half-written `.tmp`)
 * were made together and go together.
 */
export async function pruneUnused(objectsDir: string, options: PruneOptions): Promise<PruneResult> {
  const cutoff = options.now.getTime() - options.keepDays * DAY_MS;
  const result: PruneResult = { removed: 0, bytes: 0 };
  for (const kind of await entries(join(objectsDir, 'media'))) {
    if (!kind.isDirectory()) continue;
    for (const hashFolder of await entries(join(objectsDir, 'media', kind.name))) {
      if (!hashFolder.isDirectory()) continue;
      const folder = join(objectsDir, 'media', kind.name, hashFolder.name);
      const files = await Promise.all((await entries(folder)).filter((file) => file.isFile()).map((file) => stat(join(folder, file.name))));
      if (files.some((file) => file.mtimeMs >= cutoff)) continue;
      await rm(folder, { recursive: true, force: true });
      result.removed += files.length;
      result.bytes += files.reduce((sum, file) => sum + file.size, 0);
    }
  }
  return result;
}
