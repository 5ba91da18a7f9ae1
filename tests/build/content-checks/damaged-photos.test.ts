import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStageReport } from '../../../src/lib/media/stage';
import { buildSite, contentCopy, projectRoot, runScript, type BuildResult } from '../../helpers/build-site';
import { truncated, withCorruptScanData } from '../../helpers/damaged-jpeg';
import { treeDigest } from '../../helpers/tree-digest';

const photos = 'releases/scse-2023-taipei/photos';
const id = (n: string) => `scse-2023-taipei-${n}`;
const CORRUPT = id('01-ntca-visit');
const CUT = id('02-taipei-city-meeting');
const sampleBytes = (photo: string) => readFileSync(join(projectRoot, 'content', photos, `${photo}.jpg`));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Astro and the build colour their output; the words are what the author reads. */
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '');

describe('a build with a damaged and a truncated photo', () => {
  let content: string;
  let previousSite: string;
  let previousDigest: string;
  let mediaCache: string;
  let result: BuildResult;
  let output: string;

  beforeAll(async () => {
    content = await contentCopy([
      // 64 bytes overwritten in the middle of the picture data; start and end markers intact.
      { file: `${photos}/${CORRUPT}.jpg`, write: withCorruptScanData(sampleBytes(CORRUPT)) },
      { file: `${photos}/${CUT}.jpg`, write: truncated(sampleBytes(CUT)) },
    ]);
    // Stands in for the last good site: a failed build must leave it exactly as it was.
    previousSite = await mkdtemp(join(tmpdir(), 'pressroom-previous-site-'));
    await mkdir(join(previousSite, 'photos', 'originals'), { recursive: true });
    await writeFile(join(previousSite, 'photos', 'originals', `${CORRUPT}.jpg`), sampleBytes(CORRUPT));
    await writeFile(join(previousSite, 'index.html'), '<!doctype html><title>last good build</title>');
    await mkdir(join(previousSite, '_astro'));
    await writeFile(join(previousSite, '_astro', 'site.css'), 'body { margin: 0 }');
    previousDigest = treeDigest(previousSite);
    mediaCache = await mkdtemp(join(tmpdir(), 'pressroom-media-cache-'));
    result = await buildSite(content, { PRESS_OUT_DIR: previousSite, PRESS_MEDIA_CACHE_DIR: mediaCache });
    output = plain(result.output);
  });

  afterAll(async () => {
    await Promise.all([content, previousSite, mediaCache, result?.outDir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
  });

  it('fails', () => {
    expect(result.code, output.slice(-3000)).not.toBe(0);
  });

  it('names both photos at once: caption file, field, what is wrong and what to do', () => {
    expect(output, output.slice(-3000)).toContain('The content has 2 problems to fix before the site can be built');
    const report = (photo: string) => output.slice(output.indexOf(`${photos}/${photo}.yaml — field "image": `)).split('\n').slice(0, 2).join('\n');
    expect(report(CORRUPT)).toMatch(new RegExp(`^${photos}/${CORRUPT}\\.yaml — field "image": "\\./${CORRUPT}\\.jpg" is damaged: part of its picture data cannot be read \\(.+\\), so the photo would show with grey or scrambled areas\\n {4}→ export the photo again from the camera or editor`));
    expect(report(CUT)).toMatch(new RegExp(`^${photos}/${CUT}\\.yaml — field "image": "\\./${CUT}\\.jpg" is cut short \\(.+\\): copying, uploading or exporting it stopped halfway.*\\n {4}→ export the photo again from the camera or editor`));
  });

  it('prints no stack trace', () => {
    expect(output.split('\n').filter((line) => /^\s+at /.test(line))).toEqual([]);
  });

  it('leaves the previous site exactly as it was', () => {
    expect(treeDigest(previousSite)).toBe(previousDigest);
  });

  it('makes nothing from the damaged photos and records neither as whole; the others are recorded', async () => {
    const made = readdirSync(join(mediaCache, 'objects'), { recursive: true }).map(String);
    expect(made.filter((path) => path.includes(CORRUPT) || path.includes(CUT))).toEqual([]);
    const records = JSON.parse(await readFile(join(mediaCache, 'records.json'), 'utf8')) as Record<string, { kind: string }>;
    const whole = Object.keys(records).filter((key) => key.startsWith('original:'));
    const damaged = [withCorruptScanData(sampleBytes(CORRUPT)), truncated(sampleBytes(CUT))].map((bytes) => `original:${sha256(bytes)}`);
    expect(whole).toHaveLength(2);
    expect(whole.filter((key) => damaged.includes(key))).toEqual([]);
  });
});

describe('an original is read through once: its integrity is recorded under its hash', () => {
  let content: string;
  let mediaCache: string;
  const stage = async () => {
    const run = await runScript('media-stage', ['make'], { PRESS_CONTENT_DIR: content, PRESS_MEDIA_CACHE_DIR: mediaCache });
    const report = run.code === 0 ? (JSON.parse(await readFile(join(mediaCache, 'last-stage.json'), 'utf8')) as MediaStageReport) : undefined;
    return { ...run, output: plain(run.output), report };
  };
  const recordsFile = () => join(mediaCache, 'records.json');
  const forgetIntegrity = async () => {
    const records = JSON.parse(await readFile(recordsFile(), 'utf8')) as Record<string, unknown>;
    await writeFile(recordsFile(), JSON.stringify(Object.fromEntries(Object.entries(records).filter(([key]) => !key.startsWith('original:')))));
  };
  /** What a checkout without Git LFS files holds in place of a photo. */
  const pointerTo = (bytes: Buffer) => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(bytes)}\nsize ${bytes.length}\n`;

  // The media stage alone: the build's first step, and the only one that reads originals.
  beforeAll(async () => {
    content = await contentCopy();
    mediaCache = await mkdtemp(join(tmpdir(), 'pressroom-media-cache-'));
  });
  afterAll(async () => {
    await Promise.all([content, mediaCache].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('checks every original while making its web images, from the same decode', async () => {
    const first = await stage();
    expect(first.code, first.output.slice(-3000)).toBe(0);
    expect(first.report).toMatchObject({ photos: 4, photosEncoded: 4, originalsChecked: 4 });
  });

  it('does not read or decode them again in the next build', async () => {
    const second = await stage();
    expect(second.report).toMatchObject({ photosEncoded: 0, pressCopiesBuilt: 0, originalsChecked: 0, originalsFetched: 0 });
  });

  it('checks originals whose web images are cached but whose integrity was never recorded, without encoding them', async () => {
    await forgetIntegrity();
    const third = await stage();
    expect(third.report).toMatchObject({ photosEncoded: 0, pressCopiesBuilt: 0, originalsChecked: 4 });
    expect((await stage()).report).toMatchObject({ originalsChecked: 0 });
  });

  it('needs no original of a checkout holding only Git LFS pointers once its integrity is recorded', async () => {
    const file = join(content, photos, `${CORRUPT}.jpg`);
    const bytes = readFileSync(file);
    await writeFile(file, pointerTo(bytes));
    const pointerOnly = await stage();
    expect(pointerOnly.code, pointerOnly.output.slice(-3000)).toBe(0);
    expect(pointerOnly.report).toMatchObject({ originalsFetched: 0, originalsChecked: 0, photosEncoded: 0 });
  });

  it('fetches an original that is a pointer when its integrity is not recorded, to check it', async () => {
    await forgetIntegrity();
    // This content copy is no git checkout, so the fetch fails, and says which photo it needed.
    const unrecorded = await stage();
    expect(unrecorded.code).not.toBe(0);
    expect(unrecorded.output).toContain('is not a git checkout, so Git LFS cannot fetch them');
    expect(unrecorded.output).toContain(`${CORRUPT}.jpg`);
  });
});
