import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markUsed, pruneUnused } from '../../src/lib/packs/cache-pruning';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-26T08:00:00Z');
const hash = (letter: string) => letter.repeat(64);

let cache: string;

async function cached(relativePath: string, daysAgo: number, bytes = 10): Promise<string> {
  const path = join(cache, relativePath);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, Buffer.alloc(bytes));
  const when = new Date(now.getTime() - daysAgo * DAY);
  await utimes(path, when, when);
  return path;
}

async function remaining(): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ['photos', 'zips', 'manifests']) {
    const names = await readdir(join(cache, folder)).catch(() => []);
    found.push(...names.map((name) => `${folder}/${name}`));
  }
  return found.sort();
}

beforeEach(async () => {
  cache = await mkdtemp(join(tmpdir(), 'pressroom-pack-cache-'));
});

afterEach(async () => {
  await rm(cache, { recursive: true, force: true });
});

describe('pruneUnused', () => {
  it('removes files no build used within the grace period and keeps the rest', async () => {
    await cached(`zips/${hash('a')}.zip`, 40, 1000);
    await cached(`zips/${hash('b')}.zip`, 3, 1000);
    await cached(`photos/${hash('c')}.jpg`, 31, 500);
    await cached(`photos/${hash('c')}.json`, 31, 50);

    const result = await pruneUnused(cache, { now, keepDays: 30 });

    expect(result).toEqual({ removed: 3, bytes: 1550 });
    expect(await remaining()).toEqual([`zips/${hash('b')}.zip`]);
  });

  it('keeps an old file this build used, with the facts file beside it', async () => {
    const copy = await cached(`photos/${hash('d')}.jpg`, 400);
    await cached(`photos/${hash('d')}.json`, 400);

    await markUsed([copy], now);
    const result = await pruneUnused(cache, { now, keepDays: 30 });

    expect(result.removed).toBe(0);
    expect(await remaining()).toEqual([`photos/${hash('d')}.jpg`, `photos/${hash('d')}.json`]);
  });

  it('clears what interrupted builds left behind: half-written files and their manifests', async () => {
    await cached(`zips/${hash('e')}.zip.1a2b3c4d5e6f.tmp`, 60);
    await cached('manifests/1234-abcdef012345.json', 60);
    await cached('manifests/5678-abcdef012345.json', 0);

    await pruneUnused(cache, { now, keepDays: 30 });

    expect(await remaining()).toEqual(['manifests/5678-abcdef012345.json']);
  });

  it('does nothing to a cache that does not exist yet', async () => {
    await expect(pruneUnused(join(cache, 'never-built'), { now, keepDays: 30 })).resolves.toEqual({ removed: 0, bytes: 0 });
  });
});
