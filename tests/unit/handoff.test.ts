import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyMilliseconds, ManifestWriter, outputSummary, readManifest, type OutputRecord } from '../../src/lib/packs/handoff';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'handoff-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const record = (href: string, kind: OutputRecord['kind'], rebuilt: boolean, madeDuring?: { start: number; end: number }): OutputRecord => ({
  href,
  kind,
  rebuilt,
  cachedPath: `/cache/${href.replace(/\W/g, '_')}`,
  madeDuring,
});

describe('ManifestWriter and readManifest', () => {
  it('hands over every record once, whatever the order the pages finish in', async () => {
    const path = join(dir, 'manifests', 'build.json');
    const writer = new ManifestWriter(path);
    const pack = record('/packs/releases/a.zip', 'pack', true, { start: 1, end: 5 });
    const photo = record('/photos/originals/a-01.jpg', 'photo', false);
    await Promise.all([writer.add(pack), writer.add(photo), writer.add(photo)]);
    expect(await readManifest(path)).toEqual([pack, photo]);
    expect((await readdir(join(dir, 'manifests'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses two different files for one URL', async () => {
    const writer = new ManifestWriter(join(dir, 'conflict.json'));
    await writer.add(record('/packs/events/e.zip', 'pack', true));
    expect(() => writer.add({ ...record('/packs/events/e.zip', 'pack', true), cachedPath: '/cache/other.zip' })).toThrow('Two different files were made for /packs/events/e.zip');
  });

  it('reads no records when no page made a pack', async () => {
    expect(await readManifest(join(dir, 'never-written.json'))).toEqual([]);
  });
});

describe('busyMilliseconds', () => {
  it('counts overlapping work once', () => {
    expect(busyMilliseconds([])).toBe(0);
    expect(busyMilliseconds([{ start: 0, end: 10 }, { start: 5, end: 12 }, { start: 20, end: 25 }, { start: 21, end: 22 }])).toBe(17);
  });
});

describe('outputSummary', () => {
  it('says how many packs and press copies were reused and built', () => {
    const records = [
      record('/packs/releases/a.zip', 'pack', false),
      record('/packs/events/e.zip', 'pack', true, { start: 1000, end: 2500 }),
      record('/photos/originals/a-01.jpg', 'photo', false),
      record('/photos/originals/a-02.jpg', 'photo', true, { start: 0, end: 1200 }),
    ];
    expect(outputSummary(records, 40)).toBe(
      'reused 1 packs, built 1; press copies: reused 1, built 1; 2.5 s making them during page generation, 0.04 s placing 4 files',
    );
  });
});
