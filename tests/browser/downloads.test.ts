import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeZip } from '../../src/lib/packs/zip-writer';
import { downloadZip } from '../helpers/browser';
import { useBrowserSession } from '../helpers/served-pages';

/**
 * The download path the photo-pack tests rely on, proven on a two-file page: the test server
 * sends a ZIP as application/zip, Chromium saves it as a download, and the bytes it received
 * open as the same archive.
 */
let dir: string;
const captions = '파일: 01.jpg\n캡션: 신베이컴퓨터협회 방문\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pressroom-download-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="en"><title>Pack</title><link rel="icon" href="data:,"><a href="/pack.zip">Download the photo pack</a></html>');
  await writeZip(join(dir, 'pack.zip'), [
    { name: 'captions-ko.txt', source: { data: captions } },
    { name: 'photos/01.jpg', source: { data: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) } },
  ]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a ZIP download in Chromium', () => {
  const session = useBrowserSession(() => dir);

  test('arrives whole and opens as a ZIP', async () => {
    const { page, problems, close } = await session.visit('/');
    const pack = await downloadZip(page, page.getByRole('link', { name: 'Download the photo pack' }));
    expect(pack.name).toBe('pack.zip');
    expect(pack.entries.map((entry) => entry.name)).toEqual(['captions-ko.txt', 'photos/01.jpg']);
    expect(pack.entries[0]!.data.toString('utf8')).toBe(captions);
    expect(problems).toEqual([]);
    await close();
  });
});
