import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { markUsed, pruneUnused } from '../../../src/lib/media/cache-pruning';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-26T08:00:00Z');
let objects: string;

async function made(key: string, daysAgo: number, bytes = 10): Promise<string> {
  const path = join(objects, key);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, Buffer.alloc(bytes));
  const when = new Date(now.getTime() - daysAgo * DAY);
  await utimes(path, when, when);
  return path;
}

async function remaining(): Promise<string[]> {
  const found = (await readdir(objects, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return found.map((entry) => join(entry.parentPath, entry.name).slice(objects.length + 1)).sort();
}

beforeEach(async () => {
  objects = await mkdtemp(join(tmpdir(), 'pressroom-media-objects-'));
});

describe('pruning the media cache', () => {
  it('removes hash folders no build used within the grace period, and keeps the rest', async () => {
    await made('media/img/aaaa/p1-400.webp', 40);
    await made('media/img/aaaa/p1-800.webp', 40);
    await made('media/img/bbbb/p2-400.webp', 40);
    await made('media/img/bbbb/p2-800.webp', 2);
    await made('media/packs/cccc/release.zip', 31, 1000);
    await made('media/originals/dddd/p1.jpg', 29);
    const result = await pruneUnused(objects, { now, keepDays: 30 });
    expect(await remaining()).toEqual(['media/img/bbbb/p2-400.webp', 'media/img/bbbb/p2-800.webp', 'media/originals/dddd/p1.jpg']);
    expect(result).toEqual({ removed: 3, bytes: 1020 });
  });

  it('keeps what this build marked as used, however old it was', async () => {
    const old = await made('media/originals/eeee/p3.jpg', 400);
    await markUsed([old, join(objects, 'media/img/ffff/only-in-the-bucket.webp')], now);
    await pruneUnused(objects, { now, keepDays: 30 });
    expect(await remaining()).toEqual(['media/originals/eeee/p3.jpg']);
  });
});
