import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { contentDir } from '../../src/settings.ts';
import { acquireBuildLocks, BuildLockError, buildLockTargets, buildWaitSeconds } from './build-lock.ts';
import { outputDirProblem } from './output-guard.ts';
import { stoppable, stopRequested } from './run.ts';

/**
 * How a build ended: `built` (the new site is in place), `failed` (a step failed), `refused` (the
 * output folder may not be used, or another build holds it; nothing was touched) or `stopped` (a
 * signal stopped it; its children have exited and the output folder is as it was).
 */
export type BuildOutcome = 'built' | 'failed' | 'refused' | 'stopped';

/**
 * The line a build that was told to stop ends with. A signal that comes while the new site is
 * being swapped in does not interrupt the swap, so such a build may still have finished.
 */
export function stoppedMessage(outcome: BuildOutcome, target: string): string {
  return outcome === 'built' ? `The build was stopped as it finished; the new site is in ${target}/.` : `The build was stopped; ${target}/ still holds the last good site.`;
}

/**
 * Builds into a fresh folder beside the target and swaps it in only when the build succeeded, so a
 * broken commit never leaves a half-written or emptied site where the last good one was. Refuses
 * an output folder whose replacement would delete something else (see output-guard.ts), holds
 * the build locks (build-lock.ts) throughout, and on SIGINT/SIGTERM waits for the build's
 * processes to exit and leaves the target untouched. Refusals are printed here.
 */
export async function buildAtomically(target: string, build: (staging: string) => Promise<boolean>): Promise<BuildOutcome> {
  return stoppable(async () => {
    const problem = outputDirProblem(target, { contentDir: contentDir(), cwd: process.cwd() });
    if (problem) {
      console.error(problem);
      return 'refused';
    }
    let release: (() => void) | undefined;
    try {
      release = await acquireBuildLocks(buildLockTargets(target), {
        waitSeconds: buildWaitSeconds(),
        note: (line) => console.warn(line),
        shouldStop: () => stopRequested() !== undefined,
      });
    } catch (error) {
      if (!(error instanceof BuildLockError)) throw error;
      console.error(error.message);
      return 'refused';
    }
    if (!release) return 'stopped';
    try {
      return await buildAndSwap(target, build);
    } finally {
      release();
    }
  });
}

async function buildAndSwap(target: string, build: (staging: string) => Promise<boolean>): Promise<BuildOutcome> {
  const destination = resolve(target);
  // The same staging path every time, not a random one: Astro writes the output folder's path into
  // its image module, so a new path would change every page's code hash and make the incremental
  // build re-render every page. The build lock keeps a second build out of it.
  const staging = join(dirname(destination), `.${basename(destination)}-staging`);
  const previous = `${staging}-previous`;
  if (!existsSync(destination) && existsSync(previous)) {
    await rename(previous, destination);
    console.warn(`Note: ${target}/ was missing and the last site was found in ${previous} (a build ended while swapping the new site in); it is back in ${target}/.`);
  } else {
    // Left when a build ended while deleting it; a folder in its place would make the swap fail.
    await rm(previous, { recursive: true, force: true });
  }
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let swapped = false;
  try {
    const succeeded = await build(staging);
    if (stopRequested()) return 'stopped';
    if (!succeeded) return 'failed';
    // Between these two renames there is no `destination`, and a crash there leaves none until the
    // next build puts `previous` back (above). Closing that window needs an atomic exchange of two
    // folders: Linux has one (renameat2 with RENAME_EXCHANGE), but Node's fs does not expose it,
    // and rename() cannot replace a non-empty folder. The usual way around it, `destination` as a
    // symlink switched by renaming a new link over it, would make dist/ a link where people and
    // tools expect a folder (tar stores the link itself unless told to follow it, and so may a
    // deploy step that copies `dist`), and every build would leave a folder behind to clean up.
    // The window is two rename calls long: a host serving the folder may miss a page for that
    // instant, but never serves half of either site.
    if (existsSync(destination)) await rename(destination, previous);
    try {
      await rename(staging, destination);
    } catch (error) {
      if (existsSync(previous)) await rename(previous, destination);
      throw error;
    }
    swapped = true;
    await rm(previous, { recursive: true, force: true });
    return 'built';
  } finally {
    if (!swapped) await rm(staging, { recursive: true, force: true });
  }
}
