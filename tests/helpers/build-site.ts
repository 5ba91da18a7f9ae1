import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

export interface BuildResult {
  code: number;
  /** stdout and stderr together, as a person running the build would see them. */
  output: string;
  outDir: string;
}

/**
 * Shared caches for all test builds of one run: Astro's, and the media stage's, seeded from the
 * project's (web images and press copies of the sample, by the hash of their inputs).
 */
async function testCaches(): Promise<{ PRESS_CACHE_DIR: string; PRESS_MEDIA_CACHE_DIR: string }> {
  const dir = join(tmpdir(), `pressroom-test-cache-${process.pid}`);
  const media = join(dir, 'media');
  if (!existsSync(dir)) {
    await mkdir(dir, { recursive: true });
    const made = join(projectRoot, '.cache/media');
    if (existsSync(made)) await cp(made, media, { recursive: true, filter: (source) => !source.endsWith('manifest.json') });
  }
  // The content data store caches entries of whichever content folder was built last.
  await rm(join(dir, 'data-store.json'), { force: true });
  return { PRESS_CACHE_DIR: dir, PRESS_MEDIA_CACHE_DIR: media };
}

/** Runs a Node program of the project (on the Node running the tests), collecting its output. */
export async function runProject(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? 1)));
  return { code, output };
}

/** Runs `npm run build`'s script (media stage, Astro, search index) on a content folder, into a fresh folder. */
export async function buildSite(contentDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'pressroom-dist-'));
  const result = await runProject([join(projectRoot, 'scripts/build.ts')], {
    PRESS_CONTENT_DIR: contentDir,
    PRESS_OUT_DIR: outDir,
    ...(await testCaches()),
    ...env,
  });
  return { ...result, outDir };
}

/** Runs one of the project's scripts (`scripts/<name>.ts`) through tsx, as `npm run` does. */
export async function runScript(name: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return runProject(['--import', 'tsx', join(projectRoot, 'scripts', `${name}.ts`), ...args], { ...(await testCaches()), ...env });
}

/** A change to one file of a content copy: new text (null deletes it), new bytes, or a copy of another file. */
export type ContentEdit =
  | { file: string; edit: (text: string) => string | null }
  | { file: string; write: string | Buffer }
  | { file: string; copyFrom: string }
  /** A symbolic link at `file` to `linkTo` (absolute, or relative to the link's folder). */
  | { file: string; linkTo: string };

/** Copies the sample content to a temporary folder and applies edits, leaving `content/` untouched. */
export async function contentCopy(edits: ContentEdit[] = [], overlays: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-content-'));
  await cp(join(projectRoot, 'content'), dir, { recursive: true });
  for (const overlay of overlays) await cp(overlay, dir, { recursive: true });
  for (const change of edits) {
    const path = join(dir, change.file);
    if ('linkTo' in change) {
      await mkdir(dirname(path), { recursive: true });
      await rm(path, { recursive: true, force: true });
      await symlink(change.linkTo, path);
      continue;
    }
    if ('write' in change || 'copyFrom' in change) {
      await mkdir(dirname(path), { recursive: true });
      if ('write' in change) await writeFile(path, change.write);
      else await cp(join(dir, change.copyFrom), path);
      continue;
    }
    const next = change.edit(await readFile(path, 'utf8'));
    if (next === null) await rm(path);
    else await writeFile(path, next);
  }
  return dir;
}
