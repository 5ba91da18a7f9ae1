import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  describeOriginal,
  fetchOriginals,
  flushHashCaches,
  OriginalNotFetchedError,
  parseLfsPointer,
  readOriginal,
} from '../../../src/lib/media/lfs';
import { isolatedGitEnv } from '../../../scripts/lib/isolated-git';

// Real git and git-lfs throughout: a bare repository as `origin`, whose LFS objects Git LFS keeps
// in `origin.git/lfs/objects` and moves with its built-in file transfer (remotes that are local
// paths or file:// URLs need no LFS server and no configuration).

const exec = promisify(execFile);
const A = 'content/releases/x/photos/x-01-a.jpg';
const B = 'content/releases/x/photos/x-02-b.jpg';
/** Committed and pushed, then removed from origin's LFS store: a photo nobody can fetch. */
const LOST = 'content/releases/x/photos/x-03-lost.jpg';
/** Matched by the exception in our .gitattributes: stays an ordinary git file. */
const SAMPLE = 'content/releases/scse-2023-taipei/photos/scse-2023-taipei-01-s.jpg';

let root: string;
let env: NodeJS.ProcessEnv;
let origin: string;
const originals = new Map<string, Buffer>();

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function git(cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await exec('git', args, { cwd, env: { ...env, ...extraEnv } });
  return stdout;
}

/** A clone holding only pointers for LFS files, as CI's checkout does; `lfs` sets Git LFS up in it. */
async function pointerClone(name: string, { lfs = true } = {}): Promise<string> {
  const dir = join(root, name);
  await git(root, ['clone', '-q', origin, dir], { GIT_LFS_SKIP_SMUDGE: '1' });
  if (lfs) await git(dir, ['lfs', 'install', '--local']);
  return dir;
}

async function jpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 160, height: 120, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 100 + seed, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function isPointer(file: string): Promise<boolean> {
  return parseLfsPointer(await readFile(file)) !== undefined;
}

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'lfs-')));
  const home = join(root, 'home');
  await mkdir(home);
  env = isolatedGitEnv(root);

  origin = join(root, 'origin.git');
  await git(root, ['init', '-q', '--bare', '--initial-branch=main', origin]);
  const work = join(root, 'work');
  await git(root, ['init', '-q', '--initial-branch=main', work]);
  await git(work, ['config', 'user.name', 'Pressroom test']);
  await git(work, ['config', 'user.email', 'test@example.org']);
  await git(work, ['lfs', 'install', '--local']);
  await copyFile(new URL('../../../.gitattributes', import.meta.url), join(work, '.gitattributes'));
  for (const [index, path] of [A, B, LOST, SAMPLE].entries()) {
    const bytes = await jpeg(index * 10);
    expect(bytes.length).toBeGreaterThan(1024);
    originals.set(path, bytes);
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), bytes);
  }
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-q', '-m', 'photos']);
  await git(work, ['remote', 'add', 'origin', origin]);
  await git(work, ['push', '-q', 'origin', 'main']);

  const lost = sha256(originals.get(LOST)!);
  await rm(join(origin, 'lfs', 'objects', lost.slice(0, 2), lost.slice(2, 4), lost));
}, 60_000);

afterAll(async () => {
  await flushHashCaches();
  await rm(root, { recursive: true, force: true });
});

describe('parseLfsPointer', () => {
  const oid = 'a'.repeat(54) + '0123456789';
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 3061969\n`;

  test('reads a pointer as Git LFS writes it', () => {
    expect(parseLfsPointer(Buffer.from(pointer))).toEqual({ oid, size: 3061969 });
  });

  test.each([
    ['another version line', pointer.replace('spec/v1', 'spec/v2')],
    ['the pre-release version line', pointer.replace('git-lfs.github.com', 'hawser.github.com')],
    ['upper-case hex', pointer.replace(oid, oid.toUpperCase())],
    ['a short hash', pointer.replace(oid, oid.slice(1))],
    ['another hash method', pointer.replace('sha256:', 'sha512:')],
    ['no size', pointer.replace('size 3061969\n', '')],
    ['a size that is not an integer', pointer.replace('3061969', '3.5')],
    ['a size with a leading zero', pointer.replace('3061969', '03061969')],
    ['size 0', pointer.replace('3061969', '0')],
    ['keys out of order', `version https://git-lfs.github.com/spec/v1\nsize 3061969\noid sha256:${oid}\n`],
    ['an extra line after the size', `${pointer}x-junk 1\n`],
    ['junk after the last newline', `${pointer}junk`],
    ['an extension line', pointer.replace('\noid', `\next-0-foo sha256:${oid}\noid`)],
    ['Windows line endings', pointer.replaceAll('\n', '\r\n')],
    ['no final newline', pointer.slice(0, -1)],
    ['a leading blank line', `\n${pointer}`],
    ['two spaces after a key', pointer.replace('size ', 'size  ')],
    ['1024 bytes or more', pointer.replace('\nsize', `${' '.repeat(1024)}\nsize`)],
    ['an empty file', ''],
  ])('refuses %s', (_, text) => {
    expect(parseLfsPointer(Buffer.from(text))).toBeUndefined();
  });

  test('refuses a JPEG', async () => {
    expect(parseLfsPointer(originals.get(A)!)).toBeUndefined();
  });
});

describe('in a checkout with pointers only', () => {
  let clone: string;
  beforeAll(async () => {
    clone = await pointerClone('ci');
  }, 30_000);

  test('the LFS photos are pointers and the sample photo is the real file', async () => {
    expect(await isPointer(join(clone, A))).toBe(true);
    expect(await isPointer(join(clone, B))).toBe(true);
    expect(await readFile(join(clone, SAMPLE))).toEqual(originals.get(SAMPLE));
    expect(await git(clone, ['lfs', 'ls-files', '--name-only'])).not.toContain(SAMPLE);
  });

  test('describeOriginal takes hash and size from the pointer', async () => {
    const source = await describeOriginal(join(clone, A));
    expect(source).toEqual({ path: join(clone, A), sha256: sha256(originals.get(A)!), bytes: originals.get(A)!.length, pointer: true });
    expect((await stat(join(clone, A))).size).toBeLessThan(200);
  });

  test('describeOriginal hashes an ordinary file (the sample case)', async () => {
    const source = await describeOriginal(join(clone, SAMPLE));
    expect(source).toEqual({ path: join(clone, SAMPLE), sha256: sha256(originals.get(SAMPLE)!), bytes: originals.get(SAMPLE)!.length, pointer: false });
  });

  test('fetchOriginals fetches exactly the files asked for (relative to cwd)', async () => {
    await fetchOriginals(['x/photos/x-01-a.jpg'], { cwd: join(clone, 'content/releases'), env });
    expect(await readFile(join(clone, A))).toEqual(originals.get(A));
    expect(await isPointer(join(clone, B))).toBe(true);
    expect((await describeOriginal(join(clone, A))).pointer).toBe(false);
    // The fetched file is what the commit says it is: nothing shows as changed.
    expect(await git(clone, ['status', '--porcelain'])).toBe('');
  }, 30_000);

  test('readOriginal fetches a pointer and returns the bytes', async () => {
    const source = await describeOriginal(join(clone, B));
    expect(source.pointer).toBe(true);
    expect(await readOriginal(source, { cwd: clone, env })).toEqual(originals.get(B));
    expect(await isPointer(join(clone, B))).toBe(false);
  }, 30_000);

  test('fetchOriginals leaves files that are not pointers alone', async () => {
    await fetchOriginals([A, SAMPLE], { cwd: clone, env });
    expect(await readFile(join(clone, SAMPLE))).toEqual(originals.get(SAMPLE));
  });
});

test('concurrent readOriginal calls share one fetch and all get their bytes', async () => {
  const clone = await pointerClone('concurrent');
  const sources = await Promise.all([A, B].map((path) => describeOriginal(join(clone, path))));
  const bytes = await Promise.all(sources.map((source) => readOriginal(source, { cwd: clone, env })));
  expect(bytes).toEqual([originals.get(A), originals.get(B)]);
}, 30_000);

describe('when an original cannot be fetched', () => {
  test('a photo missing from the LFS store: the error names it and the command', async () => {
    const clone = await pointerClone('lost');
    const error = await fetchOriginals([A, LOST], { cwd: clone, env }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OriginalNotFetchedError);
    const { files, message } = error as OriginalNotFetchedError;
    expect(files).toEqual([LOST]);
    expect(message).toContain(`  ${LOST}\n`);
    expect(message).toContain(`git lfs pull --include="${LOST}"`);
    expect(message).toContain('git lfs push --all origin');
    expect(message).not.toContain(A);
    // The other file of the same fetch arrived.
    expect(await readFile(join(clone, A))).toEqual(originals.get(A));
  }, 30_000);

  test('readOriginal fails the same way', async () => {
    const clone = await pointerClone('lost-read');
    const source = await describeOriginal(join(clone, LOST));
    await expect(readOriginal(source, { cwd: clone, env })).rejects.toThrow(OriginalNotFetchedError);
  }, 30_000);

  test('a pointer with an oid nobody has, not as committed: the error names it', async () => {
    const clone = await pointerClone('corrupt');
    const text = (await readFile(join(clone, B), 'utf8')).replace(/sha256:[0-9a-f]{8}/, 'sha256:00000000');
    await writeFile(join(clone, B), text);
    const error = (await fetchOriginals([B], { cwd: clone, env }).catch((caught: unknown) => caught)) as OriginalNotFetchedError;
    expect(error).toBeInstanceOf(OriginalNotFetchedError);
    expect(error.files).toEqual([B]);
    expect(error.message).toContain(`git lfs pull --include="${B}"`);
  }, 30_000);

  test('Git LFS not set up for the repository', async () => {
    const clone = await pointerClone('no-filter', { lfs: false });
    await expect(fetchOriginals([A], { cwd: clone, env })).rejects.toThrow(/not set up[\s\S]*git lfs install/);
  }, 30_000);

  test('Git LFS not installed', async () => {
    const clone = await pointerClone('no-lfs');
    const bin = join(root, 'git-only-bin');
    await mkdir(bin);
    const gitPath = (await exec('sh', ['-c', 'command -v git'], { env })).stdout.trim();
    await symlink(gitPath, join(bin, 'git'));
    const error = (await fetchOriginals([A], { cwd: clone, env: { ...env, PATH: bin } }).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(OriginalNotFetchedError);
    expect(error.message).toMatch(/Git LFS is not installed/);
    expect(error.message).toContain('apt-get install git-lfs');
    expect(error.message).toContain('brew install git-lfs');
    expect(error.message).toContain(`git lfs pull --include="${A}"`);
  }, 30_000);

  test('git not installed', async () => {
    const clone = await pointerClone('no-git');
    await expect(fetchOriginals([A], { cwd: clone, env: { ...env, PATH: join(root, 'nowhere') } })).rejects.toThrow(
      /Git is not installed/,
    );
  }, 30_000);

  test('not a git checkout', async () => {
    const folder = join(root, 'zip-download');
    await mkdir(folder);
    const clone = await pointerClone('for-zip', { lfs: false });
    await copyFile(join(clone, A), join(folder, 'a.jpg'));
    const error = (await fetchOriginals(['a.jpg'], { cwd: folder, env }).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(OriginalNotFetchedError);
    expect(error.message).toMatch(/is not a git checkout/);
    expect(error.message).toContain('  a.jpg');
  }, 30_000);
});

describe('the hash cache', () => {
  const past = new Date('2020-01-01T00:00:00Z');

  test('an unchanged file is not hashed again; a changed one is', async () => {
    const folder = await mkdtemp(join(root, 'cache-'));
    const cacheFile = join(folder, 'cache', 'hashes.json');
    const file = join(folder, 'photo.jpg');
    const first = originals.get(A)!;
    await writeFile(file, first);
    await utimes(file, past, past);
    expect((await describeOriginal(file, { hashCacheFile: cacheFile })).sha256).toBe(sha256(first));
    await flushHashCaches();
    const saved = JSON.parse(await readFile(cacheFile, 'utf8')) as { files: Record<string, { sha256: string }> };
    expect(saved.files[file]?.sha256).toBe(sha256(first));

    // Same size and time, other bytes: only the memo can answer with the first hash.
    const other = Buffer.from(first);
    other[other.length - 3] ^= 0xff;
    await writeFile(file, other);
    await utimes(file, past, past);
    expect((await describeOriginal(file, { hashCacheFile: cacheFile })).sha256).toBe(sha256(first));

    const later = new Date('2021-01-01T00:00:00Z');
    await utimes(file, later, later);
    expect((await describeOriginal(file, { hashCacheFile: cacheFile })).sha256).toBe(sha256(other));
  });

  test('a file modified moments ago is hashed but not remembered', async () => {
    const folder = await mkdtemp(join(root, 'cache-'));
    const cacheFile = join(folder, 'hashes.json');
    const file = join(folder, 'fresh.jpg');
    await writeFile(file, originals.get(B)!);
    expect((await describeOriginal(file, { hashCacheFile: cacheFile })).sha256).toBe(sha256(originals.get(B)!));
    await flushHashCaches();
    await expect(stat(cacheFile)).rejects.toThrow();
  });
});
