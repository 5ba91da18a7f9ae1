import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packInputsKey, writeZip, ZIP_LAYOUT_VERSION, type ZipEntry } from '../../../src/lib/packs/zip-writer';
import { readZip, type ZipFileEntry } from '../../helpers/zip';

let dir: string;
let photoA: string;
let photoB: string;
/** Bigger than writeZip's 1 MiB read chunk, so its data crosses chunk boundaries. */
let photoLarge: string;
const captionsKo = '파일: 2023-04-03-tca-visit-01.jpg\n캡션: 신베이컴퓨터협회 방문\n'.repeat(20);
const captionsZh = '檔案：2023-04-03-tca-visit-01.jpg\n圖說：新北市電腦商業同業公會參訪\n'.repeat(20);

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const run = promisify(execFile);

interface PythonEntry {
  name: string;
  crc: number;
  method: number;
  size: number;
  dateTime: number[];
  mode: number;
  system: number;
  extra: number;
  /** General purpose bit flag: bit 3 = sizes in a data descriptor, bit 11 = UTF-8 name. */
  flags: number;
}

/**
 * Python's zipfile, a reader independent of yauzl: `testzip()` reads every entry and checks its
 * CRC-32 and local header, `bad` is the first entry that fails.
 */
async function pythonZip(path: string): Promise<{ bad: string | null; entries: PythonEntry[] }> {
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    entries = [dict(name=i.filename, crc=i.CRC, method=i.compress_type, size=i.file_size, dateTime=list(i.date_time),
                    mode=i.external_attr >> 16, system=i.create_system, extra=len(i.extra), flags=i.flag_bits) for i in z.infolist()]
print(json.dumps(dict(bad=bad, entries=entries)))`;
  const { stdout } = await run('python3', ['-c', script, path]);
  return JSON.parse(stdout) as { bad: string | null; entries: PythonEntry[] };
}

/** Info-ZIP's `unzip -t`, which extracts every entry in memory and checks its CRC-32. */
async function unzipTest(path: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run('unzip', ['-t', path]);
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    return { ok: false, output: `${failed.stdout ?? ''} (exit ${failed.code})` };
  }
}

function packEntries(): ZipEntry[] {
  // Deliberately out of order: writeZip must sort.
  return [
    { name: 'photos/b.jpg', source: { path: photoB } },
    { name: 'captions-zh-Hant.txt', source: { data: captionsZh } },
    { name: 'photos/a.jpg', source: { path: photoA } },
    { name: 'captions-ko.txt', source: { data: Buffer.from(captionsKo, 'utf8') } },
  ];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-pack-'));
  photoA = join(dir, 'a.jpg');
  photoB = join(dir, 'b.jpg');
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c81e3c' } }).jpeg().toFile(photoA);
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1e64c8' } }).jpeg().toFile(photoB);
  photoLarge = join(dir, 'large.jpg');
  const large = randomBytes(3 * 1024 * 1024 + 7);
  large.set([0xff, 0xd8, 0xff, 0xe0]);
  large.set([0xff, 0xd9], large.length - 2);
  await writeFile(photoLarge, large);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeZip', () => {
  let zipPath: string;
  let result: { size: number; sha256: string };
  let entries: ZipFileEntry[];

  beforeAll(async () => {
    zipPath = join(dir, 'pack.zip');
    result = await writeZip(zipPath, packEntries());
    entries = await readZip(zipPath);
  });

  test('sorts entries by name', () => {
    expect(entries.map((entry) => entry.name)).toEqual(['captions-ko.txt', 'captions-zh-Hant.txt', 'photos/a.jpg', 'photos/b.jpg']);
  });

  test('stores JPEGs and deflates text', () => {
    expect(entries.map((entry) => entry.compressionMethod)).toEqual([8, 8, 0, 0]);
  });

  test('round-trips every entry', async () => {
    expect(entries[0]!.data.toString('utf8')).toBe(captionsKo);
    expect(entries[1]!.data.toString('utf8')).toBe(captionsZh);
    expect(entries[2]!.data.equals(await readFile(photoA))).toBe(true);
    expect(entries[3]!.data.equals(await readFile(photoB))).toBe(true);
  });

  test('stamps 1980-01-01 00:00 and no extra fields', () => {
    for (const entry of entries) {
      expect(entry.lastModFileDate).toBe((0 << 9) | (1 << 5) | 1);
      expect(entry.lastModFileTime).toBe(0);
      expect(entry.extraFields).toBe(0);
    }
  });

  test('reports the size and SHA-256 of what it wrote', async () => {
    const bytes = await readFile(zipPath);
    expect(result).toEqual({ size: bytes.length, sha256: sha256(bytes) });
  });

  test('gives identical bytes when written again', async () => {
    const again = await writeZip(join(dir, 'pack-again.zip'), packEntries().reverse());
    expect(again.sha256).toBe(result.sha256);
  });

  test('stamps a given wall-clock time', async () => {
    const stamped = join(dir, 'stamped.zip');
    await writeZip(stamped, packEntries(), { modifiedAt: '2023-04-03T10:15:30' });
    const [first] = await readZip(stamped);
    expect(first!.lastModFileDate).toBe(((2023 - 1980) << 9) | (4 << 5) | 3);
    expect(first!.lastModFileTime).toBe((10 << 11) | (15 << 5) | (30 / 2));
  });

  test('lets the caller force compression either way', async () => {
    const forced = join(dir, 'forced.zip');
    await writeZip(forced, [
      { name: 'a.jpg', source: { path: photoA }, compress: true },
      { name: 'notes.txt', source: { data: '메모' }, compress: false },
    ]);
    expect((await readZip(forced)).map((entry) => entry.compressionMethod)).toEqual([8, 0]);
  });

  test('records CRC-32s of the source bytes, and Python and Info-ZIP unzip verify them', async () => {
    const sources = [Buffer.from(captionsKo, 'utf8'), Buffer.from(captionsZh, 'utf8'), await readFile(photoA), await readFile(photoB)];
    const python = await pythonZip(zipPath);
    expect(python.bad).toBeNull();
    expect(python.entries.map((entry) => [entry.name, entry.crc, entry.size])).toEqual(
      entries.map((entry, index) => [entry.name, crc32(sources[index]!), sources[index]!.length]),
    );
    const unzip = await unzipTest(zipPath);
    expect(unzip.ok, unzip.output).toBe(true);
    expect(unzip.output).toContain('No errors detected');
  });

  test('writes fixed headers: Unix 0644 files, the given time, no extra fields, UTF-8 names flagged', async () => {
    const python = await pythonZip(zipPath);
    for (const entry of python.entries) {
      expect(entry).toMatchObject({ mode: 0o100644, system: 3, extra: 0, dateTime: [1980, 1, 1, 0, 0, 0] });
      // ASCII names need no UTF-8 flag (bit 11); streamed entries carry a data descriptor (bit 3).
      expect(entry.flags & 0x800).toBe(0);
    }
    const unicode = join(dir, 'unicode.zip');
    await writeZip(unicode, [{ name: '사진/신베이-01.jpg', source: { path: photoA } }]);
    const [named] = (await pythonZip(unicode)).entries;
    expect(named!.name).toBe('사진/신베이-01.jpg');
    expect(named!.flags & 0x800).toBe(0x800);
  });

  test('fails a check by the other readers once a stored byte is changed', async () => {
    // Proves the CRC checks above are real: flip one byte in the middle of photos/a.jpg's data.
    const corrupt = join(dir, 'corrupt.zip');
    await copyFile(zipPath, corrupt);
    const bytes = await readFile(corrupt);
    const photo = await readFile(photoA);
    const at = bytes.indexOf(photo) + Math.floor(photo.length / 2);
    expect(at).toBeGreaterThan(photo.length / 2);
    const handle = await open(corrupt, 'r+');
    await handle.write(Buffer.from([bytes[at]! ^ 0xff]), 0, 1, at);
    await handle.close();
    expect((await pythonZip(corrupt)).bad).toBe('photos/a.jpg');
    expect((await unzipTest(corrupt)).ok).toBe(false);
  });

  test('streams a file larger than one read chunk, byte for byte', async () => {
    const large = join(dir, 'large.zip');
    await writeZip(large, [
      { name: 'photos/large.jpg', source: { path: photoLarge } },
      { name: 'README.txt', source: { data: captionsKo } },
    ]);
    const original = await readFile(photoLarge);
    const read = await readZip(large);
    expect(read.map((entry) => [entry.name, entry.compressionMethod])).toEqual([
      ['README.txt', 8],
      ['photos/large.jpg', 0],
    ]);
    expect(read[1]!.data.equals(original)).toBe(true);
    const python = await pythonZip(large);
    expect(python.bad).toBeNull();
    expect(python.entries[1]!.crc).toBe(crc32(original));
    expect((await unzipTest(large)).ok).toBe(true);
  });

  test('keeps its byte layout for stored entries (bump ZIP_LAYOUT_VERSION when this hash changes)', async () => {
    // Only stored entries and fixed bytes: the hash depends on the ZIP writer alone, not on zlib's
    // deflate or on sharp's JPEG encoder. An upgrade of zip-stream or compress-commons that changes
    // the bytes fails here; cached packs are then stale until ZIP_LAYOUT_VERSION is bumped.
    const fixedPhoto = join(dir, 'fixed.jpg');
    await writeFile(fixedPhoto, Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7) % 256)));
    const pinned = join(dir, 'pinned.zip');
    const result = await writeZip(
      pinned,
      [
        { name: 'photos/fixed.jpg', source: { path: fixedPhoto } },
        { name: 'SHA256SUMS', source: { data: 'f'.repeat(64) + '  photos/fixed.jpg\n' }, compress: false },
        { name: '캡션.txt', source: { data: captionsKo }, compress: false },
      ],
      { modifiedAt: '2023-04-03T10:15:30' },
    );
    expect(ZIP_LAYOUT_VERSION).toBe(2);
    expect(result).toEqual({ size: 71_941, sha256: '21ff7c94cfa1c158f11b49d3e4c38ac39a3c848eee191128402caeb3f2470257' });
  });
});

describe('writeZip under different time zones', () => {
  const node = resolve('node_modules/.bin/node');
  const moduleUrl = pathToFileURL(resolve('src/lib/packs/zip-writer.ts')).href;

  async function hashUnder(timeZone: string, out: string, modifiedAt = '2023-04-03T10:15:30'): Promise<string> {
    const script = `
      import { writeZip } from ${JSON.stringify(moduleUrl)};
      const entries = JSON.parse(process.argv[1]);
      const result = await writeZip(process.argv[2], entries, { modifiedAt: process.argv[3] });
      console.log(result.sha256);`;
    const entries = [
      { name: 'photos/a.jpg', source: { path: photoA } },
      { name: 'captions-ko.txt', source: { data: captionsKo } },
    ];
    const { stdout } = await promisify(execFile)(node, ['--input-type=module', '-e', script, JSON.stringify(entries), out, modifiedAt], {
      env: { ...process.env, TZ: timeZone },
    });
    return stdout.trim();
  }

  test('gives the same bytes in UTC, Seoul and New York', async () => {
    const hashes = await Promise.all(
      ['UTC', 'Asia/Seoul', 'America/New_York'].map((timeZone, index) => hashUnder(timeZone, join(dir, `tz-${index}.zip`))),
    );
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(hashes).size).toBe(1);
    const [entry] = await readZip(join(dir, 'tz-2.zip'));
    expect(entry!.lastModFileTime).toBe((10 << 11) | (15 << 5) | 15);
  }, 30_000);

  test('stamps a wall-clock time that daylight saving skips in New York', async () => {
    // 2023-03-12 02:30 does not exist in New York; the stamp has no zone, so it is still written.
    const hashes = await Promise.all(
      ['UTC', 'America/New_York'].map((timeZone, index) => hashUnder(timeZone, join(dir, `dst-${index}.zip`), '2023-03-12T02:30:00')),
    );
    expect(hashes[0]).toBe(hashes[1]);
    const [entry] = await readZip(join(dir, 'dst-1.zip'));
    expect(entry!.lastModFileDate).toBe(((2023 - 1980) << 9) | (3 << 5) | 12);
    expect(entry!.lastModFileTime).toBe((2 << 11) | (30 << 5));
  }, 30_000);
});

describe('writeZip refusals', () => {
  test('rejects a missing source and leaves nothing behind', async () => {
    const out = join(dir, 'broken.zip');
    await expect(writeZip(out, [{ name: 'gone.jpg', source: { path: join(dir, 'gone.jpg') } }])).rejects.toThrow(/ENOENT/);
    const leftovers = (await readdir(dir)).filter((name) => name.startsWith('broken.zip'));
    expect(leftovers).toEqual([]);
  });

  test('rejects a source that fails while the pack is written, and leaves nothing behind', async () => {
    // The path is good when writeZip checks it and gone when it opens it.
    const out = join(dir, 'vanished.zip');
    let reads = 0;
    const source = {
      get path() {
        reads += 1;
        return reads === 1 ? photoA : join(dir, 'vanished.jpg');
      },
    };
    await expect(writeZip(out, [{ name: 'captions.txt', source: { data: captionsKo } }, { name: 'photos/a.jpg', source }])).rejects.toThrow(
      /ENOENT.*vanished\.jpg/,
    );
    expect(reads).toBe(2);
    expect((await readdir(dir)).filter((name) => name.startsWith('vanished.zip'))).toEqual([]);
  });

  test('rejects two entries with one name', async () => {
    await expect(
      writeZip(join(dir, 'dup.zip'), [
        { name: 'a.txt', source: { data: '가' } },
        { name: 'a.txt', source: { data: '나' } },
      ]),
    ).rejects.toThrow(/both named "a\.txt"/);
  });

  test('rejects an impossible date in modifiedAt', async () => {
    await expect(writeZip(join(dir, 'feb30.zip'), packEntries(), { modifiedAt: '2023-02-30' })).rejects.toThrow(/does not exist/);
  });

  test('rejects a source that is not a file, before writing anything', async () => {
    const out = join(dir, 'folder.zip');
    await expect(writeZip(out, [{ name: 'photos', source: { path: dir } }])).rejects.toThrow(/is not a file/);
    expect((await readdir(dir)).filter((name) => name.startsWith('folder.zip'))).toEqual([]);
  });

  test('rejects entry names the archive would have to rewrite', async () => {
    for (const name of ['/etc/passwd', '../up.txt', 'a/../b.txt', 'a//b.txt', 'folder/', 'win\\path.txt', 'c:drive.txt', '']) {
      await expect(writeZip(join(dir, 'names.zip'), [{ name, source: { data: 'x' } }]), name).rejects.toThrow(/must be a relative path/);
    }
  });

  test('rejects a year zip-stream cannot stamp', async () => {
    await expect(writeZip(join(dir, 'y2044.zip'), packEntries(), { modifiedAt: '2044-01-01' })).rejects.toThrow(/1980–2043/);
    await expect(writeZip(join(dir, 'y1979.zip'), packEntries(), { modifiedAt: '1979-12-31' })).rejects.toThrow(/1980–2043/);
  });

  test('rejects a time zone in modifiedAt', async () => {
    await expect(writeZip(join(dir, 'tz.zip'), packEntries(), { modifiedAt: '2023-04-03T10:00:00+09:00' })).rejects.toThrow(
      /without a time zone/,
    );
  });
});

describe('packInputsKey', () => {
  const base = {
    formatVersion: 1,
    files: [
      { name: 'a.jpg', sha256: 'a'.repeat(64) },
      { name: 'b.jpg', sha256: 'b'.repeat(64) },
    ],
    metadata: { caption: { ko: '신베이컴퓨터협회 방문', 'zh-Hant': '新北市電腦商業同業公會參訪' }, credit: 'Sisa Times' },
  };

  test('ignores the order of files and of object keys', () => {
    const reordered = {
      metadata: { credit: 'Sisa Times', caption: { 'zh-Hant': '新北市電腦商業同業公會參訪', ko: '신베이컴퓨터협회 방문' } },
      files: [...base.files].reverse(),
      formatVersion: 1,
    };
    expect(packInputsKey(reordered)).toBe(packInputsKey(base));
  });

  test('changes with a file, the metadata or the format version', () => {
    const key = packInputsKey(base);
    expect(packInputsKey({ ...base, files: [base.files[0]!, { name: 'b.jpg', sha256: 'c'.repeat(64) }] })).not.toBe(key);
    expect(packInputsKey({ ...base, metadata: { ...base.metadata, credit: 'Sisa Times / Kim' } })).not.toBe(key);
    expect(packInputsKey({ ...base, formatVersion: 2 })).not.toBe(key);
  });
});
