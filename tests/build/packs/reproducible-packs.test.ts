import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite, contentCopy, projectRoot, type BuildResult } from '../../helpers/build-site';

const siteDir = inject('siteDir');

/** SHA-256 of every download (packs and single originals), by path inside the output folder. */
function downloadHashes(outDir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(outDir, { withFileTypes: true, recursive: true })
      .filter((item) => item.isFile() && /^(packs|photos)$/.test(relative(outDir, item.parentPath).split('/')[0]!))
      .map((item) => {
        const file = join(item.parentPath, item.name);
        return [relative(outDir, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
      })
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

describe('a second clean build of the same content', () => {
  let second: BuildResult;
  let content: string;
  let mediaCache: string;
  const supersededPack = () => join(mediaCache, 'objects/media/packs', '0'.repeat(20), 'scse-2023-taipei.zip');

  // The shared build's content, with an empty media cache: everything is made again from scratch.
  // The cache holds only a ZIP that an edit superseded 40 days ago, which no build needs now.
  beforeAll(async () => {
    content = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`]);
    mediaCache = await mkdtemp(join(tmpdir(), 'pressroom-media-cache-'));
    await mkdir(join(supersededPack(), '..'), { recursive: true });
    await writeFile(supersededPack(), 'an old pack');
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await utimes(supersededPack(), fortyDaysAgo, fortyDaysAgo);
    second = await buildSite(content, { PRESS_MEDIA_CACHE_DIR: mediaCache });
    if (second.code !== 0) throw new Error(`The second build failed:\n${second.output.slice(-4000)}`);
  });

  afterAll(async () => {
    await Promise.all([content, mediaCache, second?.outDir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
  });

  it('made every web image, press copy and pack again', () => {
    const report = JSON.parse(readFileSync(join(mediaCache, 'last-stage.json'), 'utf8')) as Record<string, number>;
    expect(report).toMatchObject({ photos: 4, photosEncoded: 4, pressCopiesBuilt: 4, packs: 2, zipsBuilt: 2 });
  });

  it('leaves the media cache holding what it used, and not what no build used for 30 days', () => {
    const cached = (kind: string) => readdirSync(join(mediaCache, 'objects/media', kind), { recursive: true, withFileTypes: true }).filter((item) => item.isFile()).map((item) => item.name);
    expect(existsSync(supersededPack())).toBe(false);
    expect(cached('packs').sort()).toEqual(['scse-2023-taipei.zip', 'scse-2023.zip']);
    expect(cached('originals').filter((name) => name.endsWith('.jpg'))).toHaveLength(4);
  });

  it('gives the same SHA-256 for every ZIP and every single original', () => {
    const first = downloadHashes(siteDir);
    expect(Object.keys(first).filter((path) => path.endsWith('.zip'))).toEqual(['packs/events/scse-2023.zip', 'packs/releases/scse-2023-taipei.zip']);
    expect(downloadHashes(second.outDir)).toEqual(first);
  });
});
