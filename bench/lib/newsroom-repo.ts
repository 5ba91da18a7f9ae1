/**
 * The CI case's checkout: the project with the corpus as its `content/`, committed with the
 * project's `.gitattributes` (photo originals in Git LFS), pushed to a bare repository whose LFS
 * objects Git LFS keeps in its own folder (a local path remote needs no LFS server), then cloned
 * with `GIT_LFS_SKIP_SMUDGE=1`, as the publish workflow checks out: every original is a pointer.
 * The clone gets the project's installed packages as a symlinked `node_modules`, in place of
 * `npm ci`, which is not what the build is timed for.
 *
 * The project's files are copied as they are in the working tree (tracked and new files, not
 * ignored ones), so the clone builds the same code as the other runs of the benchmark.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { isolatedGitEnv } from '../../scripts/lib/isolated-git.ts';

const exec = promisify(execFile);

export interface CloneSetup {
  /** Seconds to commit the project and corpus (Git LFS hashes and stores every original). */
  commitSeconds: number;
  /** Seconds to push to the bare repository (Git LFS copies every original into its store). */
  pushSeconds: number;
  /** Seconds to clone with pointers only. */
  cloneSeconds: number;
  /** Originals in the remote's LFS store, and their bytes. */
  lfsObjects: number;
  lfsBytes: number;
}

export interface NewsroomClone {
  /** The clone: the project with `content/`, originals as Git LFS pointers. */
  dir: string;
  /** Variables every git command (and the builds that may run `git lfs pull`) gets: no user or system configuration, no search above the work folder. */
  gitEnv: Record<string, string>;
  setup: CloneSetup;
}

/** Paths of the project that a clone has: tracked and new files that exist, but not its content, which the corpus replaces, nor `bench/` (the benchmark itself: its code, tests, results and working folder). */
export async function projectFiles(projectRoot: string): Promise<string[]> {
  const { stdout } = await exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(stdout.split('\0'))]
    .filter((path) => path !== '' && !path.startsWith('content/') && !path.startsWith('bench/'))
    .filter((path) => existsSync(join(projectRoot, path)) && statSync(join(projectRoot, path)).isFile())
    .sort();
}

/** Hard links where possible: git only reads the files it commits. */
async function linkTree(source: string, dest: string): Promise<void> {
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(dest, from.slice(source.length + 1));
    await mkdir(dirname(to), { recursive: true });
    try {
      await link(from, to);
    } catch {
      await copyFile(from, to);
    }
  }
}

function lfsStore(origin: string): { objects: number; bytes: number } {
  const dir = join(origin, 'lfs', 'objects');
  if (!existsSync(dir)) return { objects: 0, bytes: 0 };
  let objects = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    objects++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { objects, bytes };
}

/**
 * Makes the bare repository and the clone under `dir` (which must not exist). The working copy the
 * commit is made in is removed once pushed: only the remote's LFS store keeps the originals' bytes.
 */
export async function makeNewsroomClone(options: { projectRoot: string; corpusDir: string; dir: string; log: (line: string) => void }): Promise<NewsroomClone> {
  const { projectRoot, corpusDir, dir } = options;
  await mkdir(join(dir, 'repos', 'home'), { recursive: true });
  // Never reads the user's configuration, never walks up into the project's own repository.
  const gitEnv = isolatedGitEnv(join(dir, 'repos'));
  const git = (cwd: string, args: string[], extra: Record<string, string> = {}) =>
    exec('git', args, { cwd, env: { ...gitEnv, ...extra }, maxBuffer: 64 * 1024 * 1024 });
  const work = join(dir, 'work');
  const origin = join(dir, 'origin.git');
  const clone = join(dir, 'clone');

  await mkdir(work);
  for (const path of await projectFiles(projectRoot)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await copyFile(join(projectRoot, path), join(work, path));
  }
  if (!existsSync(join(work, '.gitattributes'))) throw new Error('the project has no .gitattributes, so no original would go to Git LFS');
  await linkTree(corpusDir, join(work, 'content'));

  let started = performance.now();
  await git(work, ['init', '-q', '--initial-branch=main']);
  await git(work, ['config', 'user.name', 'Pressroom benchmark']);
  await git(work, ['config', 'user.email', 'bench@example.org']);
  // A thousand releases make more loose objects than gc.auto's 6,700: the commit would start a
  // repack in the background, and the push, racing it, finds objects gone.
  await git(work, ['config', 'gc.auto', '0']);
  await git(work, ['lfs', 'install', '--local']);
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-q', '-m', 'Newsroom of the benchmark']);
  const commitSeconds = (performance.now() - started) / 1000;
  options.log(`  committed in ${commitSeconds.toFixed(1)} s`);

  started = performance.now();
  await git(dir, ['init', '-q', '--bare', '--initial-branch=main', origin]);
  await git(work, ['remote', 'add', 'origin', origin]);
  await git(work, ['push', '-q', 'origin', 'main']);
  const pushSeconds = (performance.now() - started) / 1000;
  const store = lfsStore(origin);
  options.log(`  pushed in ${pushSeconds.toFixed(1)} s: ${store.objects} originals, ${(store.bytes / 1e6).toFixed(0)} MB in the remote's LFS store`);
  await rm(work, { recursive: true, force: true });

  started = performance.now();
  await git(dir, ['clone', '-q', origin, clone], { GIT_LFS_SKIP_SMUDGE: '1' });
  // What `git lfs install` does on a developer's machine: `git lfs pull` then replaces pointers.
  await git(clone, ['lfs', 'install', '--local']);
  const cloneSeconds = (performance.now() - started) / 1000;
  await symlink(join(projectRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  return { dir: clone, gitEnv, setup: { commitSeconds, pushSeconds, cloneSeconds, lfsObjects: store.objects, lfsBytes: store.bytes } };
}

/** Fails early, with the fix, when Git LFS is missing: the CI case cannot be made without it. */
export async function requireGitLfs(): Promise<string> {
  try {
    return (await exec('git', ['lfs', 'version'])).stdout.trim();
  } catch {
    throw new Error('the fresh-clone runs need Git LFS: install it (Debian: apt-get install git-lfs) and run the benchmark again');
  }
}
