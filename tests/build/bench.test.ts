import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingFigures, type BenchResults } from '../../scripts/bench/report';
import { projectRoot } from '../helpers/build-site';

/**
 * The benchmark run small, end to end, so that it never rots: a corpus of 20 releases with small
 * photos, all three builds of our site, the packs, both anchors and the profile. No figure is
 * compared with a time: the machine is shared and the figures are noisy.
 */
const RELEASES = 20;

describe(`npm run bench -- --releases ${RELEASES}`, () => {
  let dir: string;
  let code: number;
  let output = '';
  let results: BenchResults;
  let markdown: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pressroom-bench-test-'));
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

  it('writes JSON results with every figure present', () => {
    expect(missingFigures(results)).toEqual([]);
    expect(results.corpus).toMatchObject({ releases: RELEASES, languages: 3, events: 1, mous: 2, photos: 40 });
    expect(results.bare?.pages).toBe(RELEASES * 3);
    expect(results.hugo?.pages).toBeGreaterThanOrEqual(RELEASES * 3);
    expect(results.ours.cold.pages).toBeGreaterThan(RELEASES * 3);
    expect(results.ours.cold.images.encoded).toBeGreaterThan(0);
    expect(results.packAlone.cold.packs).toBe(RELEASES + 1);
    expect(Object.values(results.ratios).every((value) => value === null || Number.isFinite(value))).toBe(true);
  });

  it('finds the no-change rebuild re-encodes no image', () => {
    expect(results.ours.noChange.images).toMatchObject({ encoded: 0 });
    expect(results.ours.noChange.images.reused).toBe(results.ours.cold.images.encoded);
  });

  it('writes Markdown whose target table has a verdict for every target', () => {
    const section = markdown.split('## Targets')[1]!.split('\n## ')[0]!;
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| target') && !line.startsWith('| ---'));
    expect(rows.map((row) => row.split('|')[1]!.trim())).toEqual(results.targets.map((target) => target.name));
    for (const row of rows) expect(row).toMatch(/\| (met|\*\*missed\*\*|not measured) \|$/);
  });
});
