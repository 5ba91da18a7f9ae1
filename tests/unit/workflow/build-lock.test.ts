import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBuildLocks, BuildLockError, buildLockTargets, buildWaitSeconds, lockFileFor, type LockOwner } from '../../../scripts/lib/build-lock';
import { outputDirProblem } from '../../../scripts/lib/output-guard';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pressroom-lock-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited and been reaped: nothing runs under it. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.on('exit', done));
  return child.pid!;
}

function lockOf(owner: Partial<LockOwner>): LockOwner {
  return { pid: process.ppid, hostname: hostname(), started: '2026-01-05T01:00:00.000Z', token: 'other-build', ...owner };
}

describe('outputDirProblem: folders the build must not replace', () => {
  let project: string;
  let content: string;
  const problem = (outDir: string) => outputDirProblem(outDir, { contentDir: './content', cwd: project });

  beforeEach(() => {
    project = join(root, 'project');
    content = join(project, 'content');
    mkdirSync(join(content, 'releases'), { recursive: true });
  });

  it('refuses the content folder, a folder inside it, and one that contains it', () => {
    expect(problem('content')).toMatch(/PRESS_OUT_DIR.*is the content folder.*PRESS_CONTENT_DIR/);
    expect(problem('./content/')).toMatch(/is the content folder/);
    expect(problem('content/releases')).toMatch(/PRESS_OUT_DIR.*inside the content folder/);
    expect(problem('content/new-folder/site')).toMatch(/inside the content folder/);
    expect(outputDirProblem(root, { contentDir: join(root, 'elsewhere/content'), cwd: join(root, 'project') })).toMatch(/contains the (project|content) folder/);
    expect(outputDirProblem(join(root, 'elsewhere'), { contentDir: join(root, 'elsewhere/content'), cwd: project })).toMatch(/contains the content folder/);
  });

  it('refuses the project folder and every folder above it', () => {
    expect(problem('.')).toMatch(/PRESS_OUT_DIR.*is the project folder/);
    expect(problem(project)).toMatch(/is the project folder/);
    expect(problem('..')).toMatch(/contains the project folder/);
    expect(problem('/')).toMatch(/contains the project folder/);
  });

  it('sees through a symbolic link to the content folder', () => {
    symlinkSync(content, join(root, 'link'));
    expect(problem(join(root, 'link'))).toMatch(/is the content folder/);
    expect(problem(join(root, 'link/releases'))).toMatch(/inside the content folder/);
  });

  it('refuses a folder of other files, and a file, but takes a new, an empty or a built folder', () => {
    mkdirSync(join(root, 'papers'));
    writeFileSync(join(root, 'papers/notes.txt'), 'mine');
    expect(problem(join(root, 'papers'))).toMatch(/PRESS_OUT_DIR.*holds files that are not a built site.*index\.html and _astro/);
    writeFileSync(join(root, 'file'), '');
    expect(problem(join(root, 'file'))).toMatch(/is a file/);
    // Half a site is not a site: index.html without _astro/ (or the other way round).
    mkdirSync(join(root, 'half'));
    writeFileSync(join(root, 'half/index.html'), '');
    expect(problem(join(root, 'half'))).toMatch(/not a built site/);

    expect(problem('dist')).toBeUndefined();
    expect(problem(join(root, 'new/site'))).toBeUndefined();
    mkdirSync(join(root, 'empty'));
    expect(problem(join(root, 'empty'))).toBeUndefined();
    mkdirSync(join(root, 'built/_astro'), { recursive: true });
    writeFileSync(join(root, 'built/index.html'), '<!doctype html>');
    expect(problem(join(root, 'built'))).toBeUndefined();
  });
});

describe('the build locks', () => {
  const notes: string[] = [];
  const options = (waitSeconds = 0) => ({ waitSeconds, note: (line: string) => notes.push(line), pollMs: 50 });
  beforeEach(() => void notes.splice(0));

  it('lock the output folder and both caches with a file beside each, naming the build, and release them', async () => {
    const targets = buildLockTargets(join(root, 'site'), { PRESS_MEDIA_CACHE_DIR: join(root, 'cache/media/'), PRESS_CACHE_DIR: join(root, 'cache/astro') });
    expect(targets.map((target) => lockFileFor(target.dir))).toEqual([join(root, '.site.lock'), join(root, 'cache/.media.lock'), join(root, 'cache/.astro.lock')]);
    const release = await acquireBuildLocks(targets, options());
    const owner = JSON.parse(readFileSync(join(root, '.site.lock'), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Date.now() - Date.parse(owner.started)).toBeLessThan(60_000);
    release!();
    expect(['.site.lock', 'cache/.media.lock', 'cache/.astro.lock'].filter((file) => existsSync(join(root, file)))).toEqual([]);
  });

  it('give the embargoed preview locks of its own, so it and a public build never hold each other\'s', async () => {
    const env = { PRESS_OUT_DIR: join(root, 'site'), PRESS_MEDIA_CACHE_DIR: join(root, 'cache/media'), PRESS_CACHE_DIR: join(root, 'cache/astro') };
    const preview = { ...env, PRESS_PREVIEW: '1', PRESS_PREVIEW_SITE_URL: 'https://preview.press.example.org', PRESS_PREVIEW_MEDIA_CACHE_DIR: join(root, 'preview/media'), PRESS_PREVIEW_CACHE_DIR: join(root, 'preview/astro') };
    const publicTargets = buildLockTargets(env.PRESS_OUT_DIR, env);
    const previewTargets = buildLockTargets(join(root, 'preview/site'), preview);
    expect(previewTargets.map((target) => lockFileFor(target.dir))).toEqual([join(root, 'preview/.site.lock'), join(root, 'preview/.media.lock'), join(root, 'preview/.astro.lock')]);
    expect(previewTargets.map((target) => target.what).join(' ')).toMatch(/PRESS_PREVIEW_OUT_DIR.*PRESS_PREVIEW_MEDIA_CACHE_DIR.*PRESS_PREVIEW_CACHE_DIR/);
    const releasePublic = await acquireBuildLocks(publicTargets, options());
    const releasePreview = await acquireBuildLocks(previewTargets, options());
    releasePreview!();
    releasePublic!();
  });

  it('lock a folder used twice (both caches in one) once', () => {
    expect(buildLockTargets('site', { PRESS_MEDIA_CACHE_DIR: 'cache', PRESS_CACHE_DIR: 'cache/' })).toHaveLength(2);
  });

  it('stop a second build at once, naming the other build, its start and what to do, and take nothing', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({})));
    const targets = [{ dir: join(root, 'cache'), what: 'the media cache' }, { dir: join(root, 'site'), what: 'the output folder (PRESS_OUT_DIR)' }];
    const error = await acquireBuildLocks(targets, options()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BuildLockError);
    expect((error as Error).message).toContain(`pid ${process.ppid} on this machine, started 2026-01-05T01:00:00.000Z`);
    expect((error as Error).message).toMatch(/PRESS_BUILD_WAIT=/);
    expect((error as Error).message).toContain(`delete ${join(root, '.site.lock')}`);
    // The lock it had taken before meeting the held one is given back.
    expect(existsSync(join(root, '.cache.lock'))).toBe(false);
    expect(JSON.parse(readFileSync(join(root, '.site.lock'), 'utf8')).token).toBe('other-build');
  });

  it('take over the lock of a build that no longer runs, with a note', async () => {
    const pid = await deadPid();
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({ pid })));
    const release = await acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options());
    expect(notes.join('\n')).toMatch(new RegExp(`took over the lock .* from build pid ${pid} \\(started 2026-01-05T01:00:00.000Z\\), which is no longer running`));
    expect(JSON.parse(readFileSync(join(root, '.site.lock'), 'utf8')).pid).toBe(process.pid);
    release!();
  });

  it('take a running pid for the dead build only when it is the same process (pid reuse)', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({ pid: process.pid, processStart: '1' })));
    const release = await acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options());
    expect(notes.join('\n')).toMatch(/took over/);
    release!();
  });

  it('never take over a lock from another machine, which it cannot check', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({ pid: await deadPid(), hostname: 'another-host' })));
    await expect(acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options())).rejects.toThrow(/on another machine \(another-host\)/);
  });

  it('remove an unreadable lock file only once it is old', async () => {
    writeFileSync(join(root, '.site.lock'), '');
    utimesSync(join(root, '.site.lock'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const release = await acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options());
    expect(notes.join('\n')).toMatch(/unreadable lock file/);
    release!();
  });

  it('with PRESS_BUILD_WAIT, wait for the other build, saying so, and go on once it is done', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({})));
    setTimeout(() => rmSync(join(root, '.site.lock')), 300);
    const release = await acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options(30));
    expect(notes.join('\n')).toMatch(new RegExp(`Another build \\(pid ${process.ppid}, started .*\\) is using the output folder .*; waiting up to 30 s`));
    expect(JSON.parse(readFileSync(join(root, '.site.lock'), 'utf8')).pid).toBe(process.pid);
    release!();
  });

  it('with PRESS_BUILD_WAIT, give up after that long', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({})));
    const started = Date.now();
    await expect(acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], options(0.4))).rejects.toThrow(/waited 0.4 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('end a wait when the build is told to stop', async () => {
    writeFileSync(join(root, '.site.lock'), JSON.stringify(lockOf({})));
    let stop = false;
    setTimeout(() => (stop = true), 200);
    await expect(acquireBuildLocks([{ dir: join(root, 'site'), what: 'the output folder' }], { ...options(30), shouldStop: () => stop })).resolves.toBeUndefined();
  });

  it('release the lock when the process exits, however it exits', async () => {
    const script = `import { acquireBuildLocks } from ${JSON.stringify(join(import.meta.dirname, '../../../scripts/lib/build-lock.ts'))};
      await acquireBuildLocks([{ dir: ${JSON.stringify(join(root, 'site'))}, what: 'x' }], { waitSeconds: 0, note: () => {} });
      process.exit(3);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    const code = await new Promise((done) => child.on('exit', done));
    expect(code).toBe(3);
    expect(existsSync(join(root, '.site.lock'))).toBe(false);
  });

  it('read PRESS_BUILD_WAIT as seconds, refusing anything else', () => {
    expect(buildWaitSeconds({})).toBe(0);
    expect(buildWaitSeconds({ PRESS_BUILD_WAIT: '600' })).toBe(600);
    expect(() => buildWaitSeconds({ PRESS_BUILD_WAIT: 'ten minutes' })).toThrow(/PRESS_BUILD_WAIT="ten minutes" is not a number of seconds/);
    expect(() => buildWaitSeconds({ PRESS_BUILD_WAIT: '-1' })).toThrow(BuildLockError);
  });
});
