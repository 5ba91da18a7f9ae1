import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingFigures, type BenchResults } from '../../lib/report';
import { projectRoot } from '../../../tests/helpers/build-site';

/**
 * The benchmark run small, end to end, so that it never rots: a corpus of 20 releases with small
 * photos, every run of our site (cold with its upload to the benchmark's own s3rver, no change,
 * the fresh Git LFS clone and the one edit in it), the press copies and ZIPs against cp, both
 * anchors and the profile. No figure is compared with a time: the machine is shared and the
 * figures are noisy.
 */
const RELEASES = 20;

describe(`npm run bench -- --releases ${RELEASES}`, () => {
  let dir: string;
  let code: number;
  let output = '';
  let results: BenchResults;
  let markdown: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'pressroom-bench-test-'));
    const args = ['run', 'bench', '--', '--releases', String(RELEASES), '--photo-size', '400x267', '--out', join(dir, 'results.md'), '--work', join(dir, 'work')];
    const child = spawn('npm', args, { cwd: projectRoot, env: { ...process.env, PRESS_BENCH_CACHE: join(dir, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? 1)));
    if (code === 0) {
      results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as BenchResults;
      markdown = await readFile(join(dir, 'results.md'), 'utf8');
    }
  }, 1_200_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0', () => {
    expect(code, output.slice(-3000)).toBe(0);
  });

  it('writes JSON results with every figure present, issue 11’s keys among them', () => {
    expect(missingFigures(results)).toEqual([]);
    expect(results.corpus).toMatchObject({ releases: RELEASES, languages: 3, events: 1, mous: 2, photos: 40 });
    expect(results.memoryMeasure).toBe('PSS');
    expect(results.bare?.pages).toBe(RELEASES * 3);
    expect(results.hugo?.pages).toBeGreaterThanOrEqual(RELEASES * 3);
    expect(Object.values(results.ratios).every((value) => value === null || Number.isFinite(value))).toBe(true);
  });

  it('builds cold from nothing and uploads everything the pages link', () => {
    const { cold } = results.ours;
    expect(cold.build.pages).toBeGreaterThan(RELEASES * 3);
    expect(cold.build.media).toMatchObject({ photos: 40, photosEncoded: 40, pressCopiesBuilt: 40, zipsBuilt: RELEASES + 1, originalsFetched: 0 });
    // Every object in the bucket was either sent or, for stable keys, copied from its twin there.
    expect(cold.deploy.written.count).toBe(cold.deploy.uploaded.count + cold.deploy.copied.count);
    expect(cold.deploy.copied.count).toBeGreaterThan(0);
    expect(cold.deploy.skipped.count).toBe(0);
    expect(cold.wallSeconds).toBeCloseTo(cold.build.wallSeconds + cold.deploy.wallSeconds);
  });

  it('leaves pages only in dist/: no photo, press copy or ZIP', () => {
    expect(results.ours.pagesOnlyDist.byKind.zip ?? 0).toBe(0);
    expect(results.ours.pagesOnlyDist.largestFile).not.toMatch(/\.(jpe?g|avif|webp|zip)$/);
  });

  it('finds the no-change run makes nothing and uploads nothing', () => {
    expect(results.ours.noChange.build.media).toMatchObject({ imagesEncoded: 0, pressCopiesBuilt: 0, zipsBuilt: 0 });
    expect(results.ours.noChange.deploy.written.count).toBe(0);
  });

  it('builds the fresh clone of pointers from the bucket alone', () => {
    const clone = results.ours.bucketClone;
    expect(clone).toMatchObject({ imagesEncoded: 0, zipsBuilt: 0, originalsFetched: 0, originalBytesFetched: 0 });
    expect(clone.build.media.pressCopiesBuilt).toBe(0);
    expect(clone.build.pages).toBe(results.ours.cold.build.pages);
    expect(clone.setup.lfsObjects).toBe(40);
  });

  it('rebuilds one edit from the restored caches and uploads only that release’s changed media', () => {
    const { oneEdit } = results.ours;
    expect(oneEdit.build.media).toMatchObject({ imagesEncoded: 0, pressCopiesBuilt: 1, zipsBuilt: 2, originalsFetched: 1 });
    expect(oneEdit.build.restored).toBeGreaterThan(0);
    expect(oneEdit.upload.expected).toHaveLength(6);
    expect(oneEdit.upload).toMatchObject({ unexpected: [], missing: [] });
  });

  it('measures press copies and ZIPs alone, making no web image', () => {
    expect(results.pressThroughput.alone).toMatchObject({ pressCopies: 40, zips: RELEASES + 1 });
    expect(results.pressThroughput.alone.bytesWritten).toBe(results.pressThroughput.inBuild.bytesWritten);
  });

  it('writes Markdown whose target table has a verdict for every target', () => {
    const section = markdown.split('## Targets')[1]!.split('\n## ')[0]!;
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| target') && !line.startsWith('| ---'));
    expect(rows.map((row) => row.split('|')[1]!.trim())).toEqual(results.targets.map((target) => target.name));
    for (const row of rows) expect(row).toMatch(/\| (met|\*\*missed\*\*|not measured) \|$/);
  });
});
