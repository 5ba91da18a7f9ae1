/**
 * Keeps the pack cache from growing for ever. Press copies and ZIPs are named by the hash of
 * their inputs, so every edit to a caption, a credit or a release text makes new files under new
 * names and leaves the old ones behind: at 1,000 releases the live cache is about 10 GB of
 * full-size photos, and each superseded version of a pack adds its megabytes again.
 *
 * Each build marks the files it used (their modification time becomes the build's time), then
 * removes the files that neither it nor any build in the last `keepDays` days used.
 */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** The folders of the pack cache that hold made files (see pack-store.ts and handoff.ts). */
const CACHE_FOLDERS = ['photos', 'zips', 'manifests'];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** The build's moment: files unused since `keepDays` before it go. */
  now: Date;
  keepDays: number;
}

export interface PruneResult {
  removed: number;
  bytes: number;
}

/** Records that this build used these cached files, so a later prune keeps them. */
export async function markUsed(cachedPaths: Iterable<string>, now: Date): Promise<void> {
  for (const path of new Set(cachedPaths)) await utimes(path, now, now);
}

/**
 * Removes cached files not used within `keepDays` of `now`. A file and its companions (a press
 * copy's `.json` facts, a half-written `.tmp` left by an interrupted build) share the name's hash
 * and go or stay together, judged by the most recent use among them.
 */
export async function pruneUnused(cacheDir: string, options: PruneOptions): Promise<PruneResult> {
  const cutoff = options.now.getTime() - options.keepDays * DAY_MS;
  const result: PruneResult = { removed: 0, bytes: 0 };
  for (const folder of CACHE_FOLDERS) {
    const files = await filesIn(join(cacheDir, folder));
    const groups = Map.groupBy(files, (file) => hashOf(file.path));
    for (const group of groups.values()) {
      if (group.some((file) => file.modified >= cutoff)) continue;
      for (const file of group) {
        await rm(file.path, { force: true });
        result.removed += 1;
        result.bytes += file.size;
      }
    }
  }
  return result;
}

interface CachedFile {
  path: string;
  size: number;
  modified: number;
}

async function filesIn(folder: string): Promise<CachedFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: CachedFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const facts = await stat(path);
    if (facts.isFile()) files.push({ path, size: facts.size, modified: facts.mtimeMs });
  }
  return files;
}

/** `<hash>` for `<hash>.jpg`, `<hash>.json` and `<hash>.jpg.1a2b3c.tmp` alike. */
function hashOf(path: string): string {
  let name = basename(path);
  while (extname(name)) name = name.slice(0, -extname(name).length);
  return join(dirname(path), name);
}
