import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Builds into a fresh folder beside the target and swaps it in only when the build succeeded, so a
 * broken commit never leaves a half-written or emptied site where the last good one was.
 */
export async function buildAtomically(target: string, build: (staging: string) => Promise<boolean>): Promise<boolean> {
  const destination = resolve(target);
  // The same staging path every time, not a random one: Astro writes the output folder's path into
  // its image module, so a new path would change every page's code hash and make the incremental
  // build re-render every page. A leftover from an interrupted build is removed first.
  const staging = join(dirname(destination), `.${basename(destination)}-staging`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let succeeded = false;
  try {
    succeeded = await build(staging);
    if (!succeeded) return false;
    const previous = `${staging}-previous`;
    if (existsSync(destination)) await rename(destination, previous);
    await rename(staging, destination);
    await rm(previous, { recursive: true, force: true });
    return true;
  } finally {
    if (!succeeded) await rm(staging, { recursive: true, force: true });
  }
}
