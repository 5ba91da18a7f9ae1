import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PackStore } from '../../src/lib/packs/pack-store';
import type { PackPhoto, PackPlan } from '../../src/lib/packs/pack-plan';
import { jpegImageData, type PhotoMetadata } from '../../src/lib/photo-metadata';
import { parseSums, readZip } from '../helpers/zip';

const exiftool = new ExifTool();
let dir: string;
let photos: PackPhoto[];

const meta = (id: string, caption: string): PhotoMetadata => ({
  fileName: `${id}.jpg`,
  originalLocale: 'ko',
  captions: { ko: caption, en: `${id} in English`, 'zh-Hant': `${id} 中文` },
  altTexts: { ko: '두 사람', en: 'Two people' },
  creator: 'Sisa Times',
  credit: '(c) Sisa Times',
  copyright: '© Sisa Times',
  webStatement: 'https://press.example.org/ko/usage-terms/',
  people: ['Kang Yo-sik'],
  city: 'Taipei',
  country: 'Taiwan',
  countryCode: 'TW',
  keywords: ['SCSE 2023'],
  englishDescription: `${id} in English`,
});

async function cameraJpeg(path: string, colour: string): Promise<void> {
  await sharp({ create: { width: 96, height: 64, channels: 3, background: colour } }).jpeg({ quality: 85 }).toFile(path);
  await exiftool.write(path, { GPSLatitude: 25.0563, GPSLongitude: 121.6167, SerialNumber: '032021001234', Make: 'Canon' } as never, {
    writeArgs: ['-overwrite_original'],
  });
}

function plan(photoList: PackPhoto[], overrides: Partial<PackPlan> = {}): PackPlan {
  return {
    kind: 'release',
    id: 'sample',
    href: '/packs/releases/sample.zip',
    photos: photoList,
    texts: [
      { name: 'captions-ko.txt', text: photoList.map((photo) => photo.meta.captions.ko).join('\n') },
      { name: 'README.txt', text: '사용 조건\n' },
    ],
    modifiedAt: '2023-04-03T09:00:00',
    credits: { ko: '(c)시사타임즈', en: '(c) Sisa Times', 'zh-Hant': '(c) Sisa Times' },
    ...overrides,
  };
}

const store = (cacheDir = join(dir, 'cache'), maxPixels?: number) => new PackStore({ cacheDir, exiftool, maxPixels });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pack-store-'));
  photos = [];
  for (const [id, colour] of [['sample-01-visit', '#c81e3c'], ['sample-02-signing', '#1e64c8']] as const) {
    const source = join(dir, `${id}.jpg`);
    await cameraJpeg(source, colour);
    photos.push({ id, source, meta: meta(id, `${id} 사진 설명`) });
  }
}, 30_000);

afterAll(async () => {
  await exiftool.end();
  await rm(dir, { recursive: true, force: true });
});

describe('PackStore', () => {
  test('writes a ZIP of press copies and texts, with checksums that match', async () => {
    const made = await store().pack(plan(photos));
    expect(made.rebuilt).toBe(true);
    expect(made.photoCount).toBe(2);
    expect(made.size).toBe((await stat(made.cachedPath)).size);
    const entries = await readZip(made.cachedPath);
    expect(entries.map((entry) => entry.name)).toEqual(['README.txt', 'SHA256SUMS', 'captions-ko.txt', 'sample-01-visit.jpg', 'sample-02-signing.jpg']);
    const sums = parseSums(entries.find((entry) => entry.name === 'SHA256SUMS')!.data.toString('utf8'));
    for (const entry of entries.filter((item) => item.name !== 'SHA256SUMS')) {
      expect(sums[entry.name], entry.name).toBe(createHash('sha256').update(entry.data).digest('hex'));
    }
    expect(entries.filter((entry) => entry.name.endsWith('.jpg')).map((entry) => entry.compressionMethod)).toEqual([0, 0]);
  });

  test('puts press copies in the ZIP: same image data as the original, captions in, GPS and serial out', async () => {
    const made = await store().pack(plan(photos));
    const entries = await readZip(made.cachedPath);
    for (const photo of photos) {
      const entry = entries.find((item) => item.name === photo.meta.fileName)!;
      const original = await readFile(photo.source);
      expect(jpegImageData(entry.data).equals(jpegImageData(original))).toBe(true);
      const extracted = join(dir, `extracted-${entry.name}`);
      await writeFile(extracted, entry.data);
      const tags = (await exiftool.readRaw(extracted, { readArgs: ['-G1', '-a'] })) as Record<string, unknown>;
      expect(tags['XMP-dc:Description-ko']).toBe(photo.meta.captions.ko);
      expect(Object.keys(tags).filter((key) => /GPS|Serial/i.test(key))).toEqual([]);
    }
  });

  test('makes each file once per build, however often it is asked for', async () => {
    const fresh = store(join(dir, 'cache-once'));
    const [first, second] = await Promise.all([fresh.pack(plan(photos)), fresh.pack(plan(photos))]);
    expect(second).toBe(first);
    expect(await fresh.pressCopy(photos[0]!)).toBe(await fresh.pressCopy(photos[0]!));
  });

  test('reuses every cached file in the next build when nothing changed', async () => {
    const before = await store().pack(plan(photos));
    const { ino, mtimeMs } = await stat(before.cachedPath);
    const nextBuild = store();
    const again = await nextBuild.pack(plan(photos));
    expect(again.rebuilt).toBe(false);
    expect(again.madeDuring).toBeUndefined();
    expect(again.cachedPath).toBe(before.cachedPath);
    expect(await stat(again.cachedPath)).toMatchObject({ ino, mtimeMs });
    expect((await nextBuild.pressCopy(photos[1]!)).rebuilt).toBe(false);
  });

  test('remakes only what a changed caption touches', async () => {
    const before = await store().pack(plan(photos));
    const edited = [photos[0]!, { ...photos[1]!, meta: meta(photos[1]!.id, '수정된 사진 설명') }];
    const nextBuild = store();
    const after = await nextBuild.pack(plan(edited));
    expect(after.rebuilt).toBe(true);
    expect(after.cachedPath).not.toBe(before.cachedPath);
    expect((await nextBuild.pressCopy(edited[0]!)).rebuilt).toBe(false);
    expect((await nextBuild.pressCopy(edited[1]!)).rebuilt).toBe(true);
  });

  test('remakes the ZIP, not the photos, when only a text or the date changes', async () => {
    const nextBuild = store();
    const after = await nextBuild.pack(plan(photos, { modifiedAt: '2023-04-04T09:00:00' }));
    expect(after.rebuilt).toBe(true);
    expect((await nextBuild.pressCopy(photos[0]!)).rebuilt).toBe(false);
  });

  test('works the photo facts out again when the note beside a cached copy is damaged', async () => {
    const cacheDir = join(dir, 'cache-facts');
    const first = await store(cacheDir).pressCopy(photos[0]!);
    const notes = (await readdir(join(cacheDir, 'photos'))).filter((name) => name.endsWith('.json'));
    expect(notes).toHaveLength(1);
    await writeFile(join(cacheDir, 'photos', notes[0]!), '{"sha2');
    const again = await store(cacheDir).pressCopy(photos[0]!);
    expect(again.rebuilt).toBe(false);
    expect({ ...again, madeDuring: undefined, rebuilt: true }).toEqual({ ...first, madeDuring: undefined });
    expect([again.width, again.height]).toEqual([96, 64]);
  });

  test('refuses a photo above the pixel limit, naming the file, and caches nothing', async () => {
    const cacheDir = join(dir, 'cache-limit');
    await expect(store(cacheDir, 1000).pressCopy(photos[0]!)).rejects.toThrow(`${photos[0]!.source} is 96×64`);
    expect(await readdir(join(cacheDir, 'photos'))).toEqual([]);
  });
});
