import { describe, expect, it } from 'vitest';
import type { BuildFigures } from '../../../scripts/bench/report';
import { evaluate, type Measured } from '../../../scripts/bench/targets';

const build = (wallSeconds: number, imageSeconds: number, extra: Partial<BuildFigures> = {}): BuildFigures => ({
  wallSeconds,
  peakRssBytes: 2e9,
  pages: 100,
  pagesPerSecond: 100 / wallSeconds,
  stages: [{ name: 'image generation', startsAt: 10, seconds: imageSeconds, source: 'timer' }],
  images: { encoded: 0, reused: 10, secondsByFormat: {} },
  rendered: 100,
  restored: 0,
  packs: { present: false, zips: 0, written: 0, source: 'no pack stage in this build' },
  search: { present: false, source: 'no search index in this build' },
  ...extra,
});

const page = { page: '/ko/releases/a/', html: { bytes: 16_000, gzip: 5000 }, inlineCss: 3000, css: { bytes: 0, gzip: 0 }, js: { bytes: 0, gzip: 0 }, fonts: { bytes: 0, gzip: 0 }, total: { bytes: 16_000, gzip: 5000 }, scripts: 0 };

function measured(overrides: Partial<Measured['ours']> = {}): Measured {
  return {
    machine: { cores: 2, memoryBytes: 24e9, cpu: 'x', node: 'v24', astro: '7', os: 'linux', loadBefore: 1, loadAfter: 1, date: '2026-01-01' },
    options: {},
    corpus: { releases: 10, languages: 3, events: 1, mous: 1, photos: 20, photoSize: '3000x2000', originalsBytes: 1, standIns: false },
    ours: {
      cold: build(100, 60, { images: { encoded: 90, reused: 0, secondsByFormat: { avif: 50 } } }),
      noChange: build(20, 1),
      oneEdit: { ...build(30, 1), editedFile: 'releases/a/ko.mdx' },
      dist: { bytes: 1, files: 1, byKind: {} },
      releasePages: [page],
      profile: [],
      ...overrides,
    },
    packAlone: { cold: { seconds: 10, originalBytes: 100e6, writtenBytes: 300e6, packs: 2, rebuilt: 2, pressCopySeconds: 8, zipSeconds: 2 }, cpSeconds: 1, throughputRatio: 0.1 },
    bare: { wallSeconds: 20, peakRssBytes: 1e9, pages: 30, pagesPerSecond: 1.5 },
    hugo: { wallSeconds: 1, peakRssBytes: 1e8, pages: 40, pagesPerSecond: 40 },
  };
}

const verdict = (result: ReturnType<typeof evaluate>, name: string) => result.targets.find((target) => target.name === name)!;

describe('evaluate', () => {
  it('judges the cold build against bare Astro plus our image stage, with no pack stage in the site', () => {
    const result = evaluate(measured());
    expect(result.ratios['cold build / (bare Astro + our image and pack stages)']).toBeCloseTo(100 / 80);
    expect(verdict(result, 'cold build').met).toBe(true);
    expect(verdict(result, 'cold build').note).toMatch(/no pack stage/);
  });

  it('judges the one-edit rebuild against the full-size cold build when the run used stand-in photos', () => {
    expect(verdict(evaluate(measured()), 'rebuild after one edit').met).toBe(false);
    const withEstimate = evaluate(measured({ fullSizeImageEstimate: { seconds: 1000, from: 'earlier run' } }));
    expect(verdict(withEstimate, 'rebuild after one edit').met).toBe(true);
    expect(verdict(withEstimate, 'rebuild after one edit').value).toMatch(/2\.9 % of the cold build with full-size photos \(estimated 1040 s\)/);
  });

  it('misses the pack target below half of cp and the memory target above 2.5 GB', () => {
    const result = evaluate(measured({ noChange: build(20, 1, { peakRssBytes: 2.6e9 }) }));
    expect(verdict(result, 'pack stage throughput').met).toBe(false);
    expect(verdict(result, 'peak memory').met).toBe(false);
    expect(verdict(result, 'release page weight').met).toBe(true);
  });
});
