import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { astroCacheDir, buildWaitSeconds as waitSetting, isPreview, mediaCacheDir, SettingsError, type Env } from '../../src/settings.ts';

/**
 * Locks that keep a second build away from folders one build is using. Two builds in one checkout
 * share the output folder's fixed staging folder and the caches (the media stage rewrites its
 * manifest, Astro its data store), and fail with errors that name neither the cause nor the fix.
 *
 * A lock is a file beside the folder (`.<name>.lock`), created with O_EXCL so that exactly one
 * build creates it, holding who made it. It lies beside rather than inside the folder because the
 * folders themselves get replaced (the output) or may be deleted at any time (the caches), and
 * beside `.cache/astro` and `.cache/media` it stays out of what CI restores from its cache.
 */

export interface LockOwner {
  pid: number;
  hostname: string;
  /** When the build started, as an ISO date. */
  started: string;
  /** The kernel's start time of `pid` (Linux), so that a dead build's pid reused by another process is not taken for it. */
  processStart?: string;
  /** Tells this build's lock from a later one at the same path when releasing. */
  token: string;
}

export interface LockTarget {
  /** The folder the lock guards. */
  dir: string;
  /** What it is, for messages: "the output folder", "the media cache (PRESS_MEDIA_CACHE_DIR)". */
  what: string;
}

export interface LockOptions {
  /** How long to wait for another build's lock before giving up; 0 gives up at once. */
  waitSeconds: number;
  /** Where notes go (taking over a stale lock, waiting). */
  note: (line: string) => void;
  /** Asked while waiting: true ends the wait (the build was told to stop). */
  shouldStop?: () => boolean;
  /** Polling interval while waiting, in ms. */
  pollMs?: number;
}

/** A lock could not be taken; the message says whose it is and what to do. */
export class BuildLockError extends Error {
  override name = 'BuildLockError';
}

/** The lock file guarding `dir`. */
export function lockFileFor(dir: string): string {
  const path = resolve(dir);
  return join(dirname(path), `.${basename(path)}.lock`);
}

/**
 * `PRESS_BUILD_WAIT` (settings.ts): seconds to wait for another build's lock. A bad value is a
 * BuildLockError, so the build refuses to start with the message alone, as for a held lock.
 */
export function buildWaitSeconds(env: Env = process.env): number {
  try {
    return waitSetting(env);
  } catch (error) {
    throw error instanceof SettingsError ? new BuildLockError(error.message) : error;
  }
}

/**
 * The folders a build of this checkout writes to, each with its lock: the output folder (its
 * staging folders lie beside it and go with it), the media stage's cache and Astro's cache. The
 * same folder named twice is locked once.
 */
export function buildLockTargets(outDir: string, env: Env = process.env): LockTarget[] {
  // The embargoed preview's folders are its own (settings.ts), so its locks are too: a preview and
  // a public build never wait for each other, and neither can take the other's folders.
  const variable = isPreview(env) ? (name: string) => name.replace('PRESS_', 'PRESS_PREVIEW_') : (name: string) => name;
  const targets: LockTarget[] = [
    { dir: resolve(outDir), what: `the output folder (${variable('PRESS_OUT_DIR')})` },
    { dir: resolve(mediaCacheDir(env)), what: `the media cache (${variable('PRESS_MEDIA_CACHE_DIR')})` },
    { dir: astroCacheDir(env), what: `Astro's cache (${variable('PRESS_CACHE_DIR')})` },
  ];
  return targets.filter((target, index) => targets.findIndex((other) => other.dir === target.dir) === index);
}

const held = new Map<string, string>();
let releaseOnExit = false;

/**
 * Takes every lock in `targets`, in order (every build takes them in the same order, so two
 * builds never wait for each other crosswise). Resolves with a function that releases them, or
 * with undefined when `shouldStop` ended a wait; throws a BuildLockError when another build holds
 * one. Locks still held when the process exits are released then, whatever the exit path.
 */
export async function acquireBuildLocks(targets: LockTarget[], options: LockOptions): Promise<(() => void) | undefined> {
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.on('exit', () => {
      for (const [file, token] of held) releaseFile(file, token);
    });
  }
  const deadline = Date.now() + options.waitSeconds * 1000;
  const taken: string[] = [];
  const releaseTaken = () => {
    for (const file of taken.splice(0).reverse()) {
      releaseFile(file, held.get(file));
      held.delete(file);
    }
  };
  try {
    for (const target of targets) {
      const file = await acquireOne(target, deadline, options);
      if (file === undefined) {
        releaseTaken();
        return undefined;
      }
      taken.push(file);
    }
  } catch (error) {
    releaseTaken();
    throw error;
  }
  return releaseTaken;
}

async function acquireOne(target: LockTarget, deadline: number, options: LockOptions): Promise<string | undefined> {
  const file = lockFileFor(target.dir);
  mkdirSync(dirname(file), { recursive: true });
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), started: new Date().toISOString(), processStart: processStart(process.pid), token: randomUUID() };
  let toldWaiting = false;
  for (;;) {
    if (options.shouldStop?.()) return undefined;
    if (createExclusive(file, owner)) {
      held.set(file, owner.token);
      return file;
    }
    const found = readOwner(file);
    if (found === 'gone') continue;
    if (found === 'unreadable') {
      // Another build has just created the file and not yet written it; an unreadable file that
      // stays so was left by a build killed at that moment.
      if (ageMs(file) > 10_000) {
        if (takeOver(file, undefined)) options.note(`Note: removed the unreadable lock file ${file}, left by a build that was killed as it started.`);
        continue;
      }
      await sleep(100);
      continue;
    }
    const state = ownerState(found);
    if (state === 'dead') {
      if (takeOver(file, found)) {
        options.note(`Note: took over the lock on ${target.what} ${target.dir} from build pid ${found.pid} (started ${found.started}), which is no longer running.`);
      }
      continue;
    }
    if (Date.now() >= deadline) throw new BuildLockError(heldMessage(target, file, found, state, options.waitSeconds));
    if (!toldWaiting) {
      toldWaiting = true;
      const left = Math.ceil((deadline - Date.now()) / 1000);
      options.note(`Another build (pid ${found.pid}, started ${found.started}) is using ${target.what} ${target.dir}; waiting up to ${left} s for it to finish (PRESS_BUILD_WAIT).`);
    }
    await sleep(Math.min(options.pollMs ?? 500, Math.max(0, deadline - Date.now())));
  }
}

function heldMessage(target: LockTarget, file: string, owner: LockOwner, state: 'alive' | 'unknown', waited: number): string {
  const where = state === 'unknown' ? `on another machine (${owner.hostname}), which this build cannot see` : 'on this machine';
  const age = Math.round((Date.now() - Date.parse(owner.started)) / 1000);
  return [
    `Another build is using ${target.what} ${target.dir}: pid ${owner.pid} ${where}, started ${owner.started} (${age} s ago)${waited > 0 ? `; waited ${waited} s for it` : ''}.`,
    `Wait for it to finish and build again, or set PRESS_BUILD_WAIT=<seconds> to have a build wait for the other one (e.g. PRESS_BUILD_WAIT=600).`,
    `If no other build is running, delete ${file} and build again.`,
  ].join('\n');
}

/** Creates `file` only if it does not exist (O_EXCL), holding `owner`. */
function createExclusive(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(file: string): LockOwner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.hostname === 'string' && typeof owner.started === 'string' && typeof owner.token === 'string') return owner as LockOwner;
  } catch {
    // falls through: half written, or not ours
  }
  return 'unreadable';
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Whether the build that wrote the lock still runs. Only a process on this machine can be asked;
 * one elsewhere (a checkout on a network drive) counts as running.
 */
function ownerState(owner: LockOwner): 'alive' | 'dead' | 'unknown' {
  if (owner.hostname !== hostname()) return 'unknown';
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'dead' : 'alive';
  }
  const now = processStart(owner.pid);
  if (now === 'zombie') return 'dead';
  if (owner.processStart && now && now !== owner.processStart) return 'dead';
  return 'alive';
}

/** Linux's start time of a process (field 22 of /proc/<pid>/stat), 'zombie' for one that has exited; undefined elsewhere. */
function processStart(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: fields are counted from the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[0] === 'Z' ? 'zombie' : fields[19];
}

/**
 * Removes the stale lock `seen` (undefined: an unreadable one). Two builds may find the same stale
 * lock; renaming it away first lets only one of them remove it, and a build that finds it moved a
 * fresh lock instead (the other build's, made in between) puts that one back.
 */
function takeOver(file: string, seen: LockOwner | undefined): boolean {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = readOwner(aside);
  const isSeen = seen === undefined ? moved === 'unreadable' : typeof moved === 'object' && moved.token === seen.token;
  if (!isSeen) {
    try {
      linkSync(aside, file);
    } catch {
      // a third build made a lock in the meantime: it holds the folder now
    }
  }
  unlinkSync(aside);
  return isSeen;
}

/** Deletes `file` if it is still the lock with `token`, never another build's. */
function releaseFile(file: string, token: string | undefined): void {
  const owner = readOwner(file);
  if (typeof owner !== 'object' || owner.token !== token) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
