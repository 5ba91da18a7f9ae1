import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentCopy, projectRoot } from '../../helpers/build-site';
import { treeDigest } from '../../helpers/tree-digest';

/**
 * `npm run build` (node scripts/build.ts) stopped by a signal, run twice at once, pointed at the
 * wrong folder, and run after a crash in the middle of swapping the new site in. Four builds
 * run to their Astro step here (one to the end); everything else is refused before any work starts.
 */

const buildScript = join(projectRoot, 'scripts/build.ts');
/** The stop message, and with it the promise that the output folder was left alone. */
const stopped = (out: string) => `The build was stopped; ${out}/ still holds the last good site.`;

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  command: string;
}

/** Every process on the machine, from /proc. */
function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      found.push({ pid: Number(entry), state: fields[0]!, ppid: Number(fields[1]), pgid: Number(fields[2]), command });
    } catch {
      // exited while being read
    }
  }
  return found;
}

/** The processes below `root`, children and their children. */
function descendants(root: number): Proc[] {
  const all = processes();
  const below: Proc[] = [];
  let parents = new Set([root]);
  while (parents.size > 0) {
    const next = all.filter((proc) => parents.has(proc.ppid) && !below.includes(proc));
    below.push(...next);
    parents = new Set(next.map((proc) => proc.pid));
  }
  return below;
}

/** Those of `procs` still running (a zombie has exited), or anything running in their process groups. */
function stillRunning(procs: Proc[], exceptGroup: number): Proc[] {
  const pids = new Set(procs.map((proc) => proc.pid));
  const groups = new Set(procs.map((proc) => proc.pgid).filter((pgid) => pgid !== exceptGroup));
  return processes().filter((proc) => proc.state !== 'Z' && (pids.has(proc.pid) || groups.has(proc.pgid)));
}

interface Started {
  pid: number;
  output: () => string;
  /** Resolves with the exit code, or with the signal's name when a signal ended the process. */
  exited: Promise<number | string>;
  running: () => boolean;
}

/**
 * Starts `node scripts/build.ts` from the project folder, as `npm run build` does, or (`viaNpm`)
 * `npm run build` itself. `exited` waits for everything that holds the output pipes, so for npm
 * it also waits for a build that outlives npm.
 */
function startBuild(env: Record<string, string>, viaNpm = false): Started {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const [command, ...args] = viaNpm ? [...npm, 'run', 'build'] : [process.execPath, buildScript];
  const child = spawn(command!, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let running = true;
  const exited = new Promise<number | string>((done) =>
    child.on('close', (code, signal) => {
      running = false;
      done(code ?? signal ?? 'unknown');
    }),
  );
  return { pid: child.pid!, output: () => output, exited, running: () => running };
}

/**
 * A build that must end by itself within `ms`; killed otherwise, so that a build which should
 * have been refused never gets as far as replacing anything.
 */
async function buildWithin(ms: number, env: Record<string, string>): Promise<{ code: number | string; output: string; ms: number }> {
  const started = Date.now();
  const build = startBuild(env);
  const timer = setTimeout(() => {
    for (const proc of descendants(build.pid)) kill(proc.pid);
    kill(build.pid);
  }, ms);
  const code = await build.exited;
  clearTimeout(timer);
  return { code, output: build.output(), ms: Date.now() - started };
}

/** Kills a process that may have exited meanwhile. */
function kill(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function until(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

/** A stand-in for the last good site, in the shape of a built one, inside a folder of its own. */
async function lastGoodSite(name = 'site'): Promise<string> {
  const out = join(await mkdtemp(join(tmpdir(), 'pressroom-safety-')), name);
  await mkdir(join(out, '_astro'), { recursive: true });
  await writeFile(join(out, 'index.html'), '<!doctype html><title>last good build</title>');
  await writeFile(join(out, '_astro/site.css'), 'body{}');
  return out;
}

/**
 * Caches of this test's own, so its locks meet no other test's builds: a fresh Astro cache (its
 * step then takes long enough to be stopped in) and a copy of the project's made media.
 */
async function ownCaches(withMedia = true): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-safety-cache-'));
  const media = join(dir, 'media');
  const made = join(projectRoot, '.cache/media');
  if (withMedia && existsSync(made)) await cp(made, media, { recursive: true, filter: (source) => !source.endsWith('manifest.json') });
  return { PRESS_CACHE_DIR: join(dir, 'astro'), PRESS_MEDIA_CACHE_DIR: media };
}

/** What a build leaves beside its output folder: staging folders and the lock. */
const besideOutput = (out: string) => readdirSync(dirname(out)).filter((name) => name !== basename(out));
const lockFiles = (caches: Record<string, string>) => Object.values(caches).map((dir) => join(dirname(dir), `.${basename(dir)}.lock`)).filter(existsSync);

const astroIsRunning = (build: Started) => descendants(build.pid).some((proc) => proc.command.includes('astro.mjs build'));
const astroHasSpoken = (build: Started) => /\[(vite|content|types|build)\]/.test(build.output());

let content: string;
/** Processes a failing test could leave behind; ended after the tests if they still run. */
const leftovers: Proc[] = [];

beforeAll(async () => {
  content = await contentCopy();
});

afterAll(async () => {
  // A build this file failed to stop must not outlive it; the command is compared so that a pid
  // reused since by another process is left alone.
  const now = processes();
  for (const proc of leftovers) {
    if (now.some((other) => other.pid === proc.pid && other.command === proc.command && other.state !== 'Z')) kill(proc.pid);
  }
  await rm(content, { recursive: true, force: true });
});

describe('a build that can be stopped and is alone', () => {
  it('SIGTERM during the Astro step ends every process of the build, leaves the site and nothing else, and exits 143', async () => {
    const out = await lastGoodSite();
    const before = treeDigest(out);
    const caches = await ownCaches();
    const build = startBuild({ PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...caches });
    try {
      await until("the build's Astro step", () => (astroIsRunning(build) && astroHasSpoken(build)) || !build.running(), 120_000);
      const tree = descendants(build.pid);
      leftovers.push(...tree);
      expect(tree.map((proc) => proc.command).join('\n'), build.output()).toContain('astro.mjs build');
      const ownGroup = processes().find((proc) => proc.pid === build.pid)!.pgid;

      process.kill(build.pid, 'SIGTERM');
      const code = await build.exited;
      expect(code, build.output()).toBe(143);
      expect(build.output().trimEnd().split('\n').at(-1)).toBe(stopped(out));
      expect(stillRunning(tree, ownGroup).map((proc) => `${proc.pid} ${proc.command}`)).toEqual([]);
      expect(treeDigest(out), 'the stopped build changed the site').toBe(before);
      expect(besideOutput(out), 'staging folder or lock left beside the site').toEqual([]);
      expect(lockFiles(caches)).toEqual([]);
      // Nothing is left that could replace the site later.
      await sleep(3000);
      expect(treeDigest(out)).toBe(before);
      expect(besideOutput(out)).toEqual([]);
    } finally {
      if (build.running()) kill(build.pid);
    }
  });

  it('SIGTERM to `npm run build` (npm, not the build) stops the build too', async () => {
    const out = await lastGoodSite();
    const before = treeDigest(out);
    const caches = await ownCaches();
    const npm = startBuild({ PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...caches }, true);
    try {
      await until("the build's Astro step", () => (astroIsRunning(npm) && astroHasSpoken(npm)) || !npm.running(), 120_000);
      const tree = descendants(npm.pid);
      leftovers.push(...tree);
      expect(tree.map((proc) => proc.command).join('\n'), npm.output()).toContain('astro.mjs build');
      const ownGroup = processes().find((proc) => proc.pid === npm.pid)!.pgid;

      process.kill(npm.pid, 'SIGTERM');
      await npm.exited;
      expect(npm.output().trimEnd().split('\n').at(-1)).toBe(stopped(out));
      expect(stillRunning(tree, ownGroup).map((proc) => `${proc.pid} ${proc.command}`)).toEqual([]);
      expect(treeDigest(out), 'the stopped build changed the site').toBe(before);
      expect(besideOutput(out)).toEqual([]);
      expect(lockFiles(caches)).toEqual([]);
    } finally {
      if (npm.running()) for (const proc of descendants(npm.pid).reverse()) kill(proc.pid);
    }
  });

  it('a second build while one runs stops at once, naming the running one, and touches nothing; Ctrl-C (SIGINT) then stops the first with 130', async () => {
    const out = await lastGoodSite();
    const before = treeDigest(out);
    const caches = await ownCaches();
    const env = { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...caches };
    const first = startBuild(env);
    try {
      const lock = join(dirname(out), '.site.lock');
      await until('the first build to take its lock', () => existsSync(lock) || !first.running(), 60_000);
      expect(existsSync(lock), `no lock beside the output folder while a build runs:\n${first.output()}`).toBe(true);
      const owner = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; hostname: string; started: string };
      expect(owner).toMatchObject({ pid: first.pid, hostname: hostname() });

      const second = await buildWithin(60_000, env);
      expect(second.code, second.output).toBe(1);
      expect(second.output).toContain(`pid ${first.pid} on this machine, started ${owner.started}`);
      expect(second.output).toMatch(/Wait for it to finish and build again, or set PRESS_BUILD_WAIT=/);
      expect(first.running(), 'the first build had ended before the second stopped').toBe(true);
      expect(treeDigest(out)).toBe(before);

      await until("the first build's Astro step", () => astroIsRunning(first) || !first.running(), 120_000);
      leftovers.push(...descendants(first.pid));
      process.kill(first.pid, 'SIGINT');
      expect(await first.exited, first.output()).toBe(130);
      expect(first.output().trimEnd().split('\n').at(-1)).toBe(stopped(out));
      expect(treeDigest(out)).toBe(before);
      expect(besideOutput(out)).toEqual([]);
      expect(lockFiles(caches)).toEqual([]);
    } finally {
      if (first.running()) kill(first.pid);
    }
  });

  it('a build that finds a dead build\'s lock and no site, but the site the crash moved aside, takes the lock over, puts the site back first, then builds', async () => {
    // What a build killed between its two renames leaves: the old site moved aside, no new one.
    const parked = await lastGoodSite('.site-staging-previous');
    const out = join(dirname(parked), 'site');
    const before = treeDigest(parked);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => dead.on('exit', done));
    const lock = { pid: dead.pid, hostname: hostname(), started: '2026-01-05T01:00:00.000Z', token: 'killed-build' };
    await writeFile(join(dirname(out), '.site.lock'), JSON.stringify(lock));
    const caches = await ownCaches();

    const build = startBuild({ PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...caches });
    try {
      await until("the build's Astro step", () => astroHasSpoken(build) || !build.running(), 120_000);
      expect(build.running(), build.output()).toBe(true);
      // While the new site is being made, the last one is back where readers get it.
      expect(existsSync(out), build.output()).toBe(true);
      expect(treeDigest(out)).toBe(before);
      expect(existsSync(parked)).toBe(false);
      expect(build.output()).toContain(`took over the lock on the output folder (PRESS_OUT_DIR) ${out} from build pid ${dead.pid} (started 2026-01-05T01:00:00.000Z), which is no longer running`);
      expect(build.output()).toMatch(/was missing and the last site was found in .*\.site-staging-previous.*it is back in/);

      const code = await build.exited;
      expect(code, build.output().slice(-3000)).toBe(0);
      expect(existsSync(join(out, 'ko/releases/scse-2023-taipei/index.html'))).toBe(true);
      expect(besideOutput(out)).toEqual([]);
      expect(lockFiles(caches)).toEqual([]);
    } finally {
      if (build.running()) kill(build.pid);
    }
  });

  it('a build that fails releases its locks and removes its staging folder', async () => {
    const out = await lastGoodSite();
    const before = treeDigest(out);
    const caches = await ownCaches(false);
    const result = await buildWithin(60_000, { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, PRESS_MEDIA_STORE: 'nowhere', ...caches });
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain('PRESS_MEDIA_STORE="nowhere"');
    expect(treeDigest(out)).toBe(before);
    expect(besideOutput(out)).toEqual([]);
    expect(lockFiles(caches)).toEqual([]);
  });

  it('with PRESS_BUILD_WAIT, a build says it waits for the running one, and after that long stops', async () => {
    const out = await lastGoodSite();
    const before = treeDigest(out);
    // A build of this machine that is still running, as far as the lock can tell.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      await writeFile(join(dirname(out), '.site.lock'), JSON.stringify({ pid: holder.pid, hostname: hostname(), started: '2026-01-05T01:00:00.000Z', token: 'running-build' }));
      const result = await buildWithin(60_000, { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, PRESS_BUILD_WAIT: '2', ...(await ownCaches(false)) });
      expect(result.code, result.output).toBe(1);
      expect(result.output).toMatch(new RegExp(`Another build \\(pid ${holder.pid}, started 2026-01-05T01:00:00.000Z\\) is using the output folder .*; waiting up to 2 s`));
      expect(result.output).toContain(`pid ${holder.pid} on this machine, started 2026-01-05T01:00:00.000Z`);
      expect(result.ms).toBeGreaterThanOrEqual(2000);
      expect(treeDigest(out)).toBe(before);
      expect(besideOutput(out)).toEqual(['.site.lock']);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('PRESS_OUT_DIR that the build would destroy by replacing it is refused before anything happens', () => {
  // Should a refusal ever be missing, the build still fails in its first step instead of going on to
  // replace the folder (and buildWithin kills it after a while in any case).
  const safety = { PRESS_MEDIA_STORE: 'refused-before-this-is-read' };
  const refuses = (output: string) => expect(output).toMatch(/^The output folder .* \(PRESS_OUT_DIR\) .*Set PRESS_OUT_DIR to /m);

  it.each([
    ['the content folder', (dir: string) => dir],
    ['a folder inside the content folder', (dir: string) => join(dir, 'releases')],
    ['a new folder inside the content folder', (dir: string) => join(dir, 'site')],
  ])('%s', async (_name, outOf) => {
    const before = treeDigest(content);
    const caches = await ownCaches(false);
    const result = await buildWithin(30_000, { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: outOf(content), ...caches, ...safety });
    expect(result.code, result.output).toBe(1);
    refuses(result.output);
    expect(result.output).toMatch(/content folder/);
    expect(result.output).not.toContain('refused-before-this-is-read');
    expect(treeDigest(content)).toBe(before);
    expect(readdirSync(dirname(content)).filter((name) => name.startsWith(`.${basename(content)}`))).toEqual([]);
    expect(lockFiles(caches)).toEqual([]);
  });

  it.each([
    ['the project folder', projectRoot],
    ['the folder above the project', dirname(projectRoot)],
  ])('%s', async (_name, out) => {
    const ownFiles = () => readdirSync(dirname(out)).filter((name) => name.startsWith(`.${basename(out)}`));
    const beside = ownFiles();
    const result = await buildWithin(30_000, { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...(await ownCaches(false)), ...safety });
    expect(result.code, result.output).toBe(1);
    refuses(result.output);
    expect(result.output).toMatch(/(is|contains) the project folder/);
    expect(result.output).not.toContain('refused-before-this-is-read');
    expect(ownFiles(), 'a staging folder or lock was made beside it').toEqual(beside);
    expect(existsSync(join(projectRoot, 'package.json'))).toBe(true);
  });

  it('a folder of files that are not a built site', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'pressroom-safety-')), 'papers');
    await mkdir(join(out, 'drafts'), { recursive: true });
    await writeFile(join(out, 'notes.txt'), 'not a site');
    await writeFile(join(out, 'drafts/index.html'), '<p>an index.html, but not at the top and no _astro/</p>');
    const before = treeDigest(out);
    const result = await buildWithin(30_000, { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: out, ...(await ownCaches(false)), ...safety });
    expect(result.code, result.output).toBe(1);
    refuses(result.output);
    expect(result.output).toMatch(/not a built site/);
    expect(treeDigest(out)).toBe(before);
    expect(besideOutput(out)).toEqual([]);
  });
});
