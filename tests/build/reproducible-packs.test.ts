import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite, contentCopy, projectRoot, type BuildResult } from '../helpers/build-site';

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
  let packCache: string;
  const supersededPack = () => join(packCache, 'zips', `${'0'.repeat(64)}.zip`);

  // The shared build's content, with an empty pack cache: every pack is made again from scratch.
  // The cache holds only a ZIP that an edit superseded 40 days ago, which no build needs now.
  beforeAll(async () => {
    content = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`]);
    packCache = await mkdtemp(join(tmpdir(), 'pressroom-pack-cache-'));
    await mkdir(join(packCache, 'zips'));
    await writeFile(supersededPack(), 'an old pack');
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await utimes(supersededPack(), fortyDaysAgo, fortyDaysAgo);
    second = await buildSite(content, { PRESS_PACK_CACHE_DIR: packCache });
    if (second.code !== 0) throw new Error(`The second build failed:\n${second.output.slice(-4000)}`);
  });

  afterAll(async () => {
    await Promise.all([content, packCache, second?.outDir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
  });

  it('made every pack again', () => {
    expect(second.output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/reused 0 packs, built 2; press copies: reused 0, built 4/);
  });

  it('leaves the pack cache holding what it used, and not what no build used for 30 days', () => {
    const cachedZips = readdirSync(join(packCache, 'zips'));
    expect(cachedZips).not.toContain(relative(join(packCache, 'zips'), supersededPack()));
    expect(cachedZips.filter((name) => name.endsWith('.zip'))).toHaveLength(2);
    expect(readdirSync(join(packCache, 'photos')).filter((name) => name.endsWith('.jpg'))).toHaveLength(4);
  });

  it('gives the same SHA-256 for every ZIP and every single original', () => {
    const first = downloadHashes(siteDir);
    expect(Object.keys(first).filter((path) => path.endsWith('.zip'))).toEqual(['packs/events/scse-2023.zip', 'packs/releases/scse-2023-taipei.zip']);
    expect(downloadHashes(second.outDir)).toEqual(first);
  });
});
