import { describe, expect, it } from 'vitest';
import type { BuildAndDeploy, BuildFigures, DeployFigures } from '../../lib/report';
import { throughput } from '../../lib/press-throughput';
import { evaluate, GOALS, peakMemory, type Measured } from '../../lib/targets';
import type { MediaStageReport } from '../../../src/lib/media/stage';

const report = (overrides: Partial<MediaStageReport> = {}): MediaStageReport => ({
  photos: 20,
  packs: 11,
  photosEncoded: 0,
  imagesEncoded: 0,
  pressCopiesBuilt: 0,
  zipsBuilt: 0,
  originalsChecked: 0,
  originalsFetched: 0,
  originalBytesFetched: 0,
  downloadedFromStore: 0,
  bytesWritten: { webImages: 0, pressCopies: 0, zips: 0 },
  phaseSeconds: { read: 1, fetch: 0, webImages: 0, pressCopies: 0, zips: 0 },
  seconds: 1,
  ...overrides,
});

const build = (wallSeconds: number, mediaSeconds: number, extra: Partial<BuildFigures> = {}): BuildFigures => ({
  wallSeconds,
  peakPssBytes: 2e9,
  pages: 100,
  pagesPerSecond: 100 / wallSeconds,
  stages: [],
  rendered: 100,
  restored: 0,
  media: { ...report(), spanSeconds: mediaSeconds },
  pageWorkSeconds: wallSeconds - mediaSeconds,
  search: { source: 'time after astro build' },
  ...extra,
});

const deploy = (count: number, extra: Partial<DeployFigures> = {}): DeployFigures => ({
  wallSeconds: 5,
  peakPssBytes: 2e8,
  uploaded: { count, megabytes: count },
  copied: { count: 0, megabytes: 0 },
  skipped: { count: 0, megabytes: 0 },
  unreferenced: 0,
  written: { count, bytes: count * 1e6 },
  bookkeeping: count > 0 ? ['_pressroom/records.json'] : [],
  ...extra,
});

const pair = (built: BuildFigures, deployed: DeployFigures): BuildAndDeploy => ({
  wallSeconds: built.wallSeconds + deployed.wallSeconds,
  peakPssBytes: Math.max(built.peakPssBytes, deployed.peakPssBytes),
  build: built,
  deploy: deployed,
});

const page = { page: '/ko/releases/a/', html: { bytes: 16_000, gzip: 5000 }, inlineCss: 3000, css: { bytes: 0, gzip: 0 }, js: { bytes: 0, gzip: 0 }, fonts: { bytes: 0, gzip: 0 }, total: { bytes: 16_000, gzip: 5000 }, scripts: 0 };
const cp = { seconds: 1, bytes: 100e6 };
const made = report({ pressCopiesBuilt: 20, zipsBuilt: 11, bytesWritten: { webImages: 0, pressCopies: 100e6, zips: 200e6 }, phaseSeconds: { read: 1, fetch: 0, webImages: 0, pressCopies: 6, zips: 4 } });

function measured(overrides: Partial<Measured['ours']> = {}): Measured {
  const cloneBuild = build(60, 10);
  return {
    machine: { cores: 2, memoryBytes: 24e9, cpu: 'x', node: 'v24', astro: '7', os: 'linux', loadBefore: 1, loadAfter: 1, date: '2026-01-01' },
    memoryMeasure: 'PSS',
    options: {},
    corpus: { releases: 10, languages: 3, events: 1, mous: 1, photos: 20, photoSize: '3000x2000', originalsBytes: 100e6 },
    ours: {
      cold: pair(build(600, 400), deploy(300)),
      noChange: pair(build(50, 5), deploy(0)),
      bucketClone: { wallSeconds: 60, peakPssBytes: 2e9, imagesEncoded: 0, zipsBuilt: 0, originalsFetched: 0, originalBytesFetched: 0, build: cloneBuild, setup: { commitSeconds: 1, pushSeconds: 1, cloneSeconds: 1, lfsObjects: 20, lfsBytes: 100e6 } },
      oneEdit: {
        wallSeconds: 70,
        peakPssBytes: 2e9,
        build: build(70, 10),
        deploy: deploy(2),
        edited: { release: 'a', photo: 'a-01', event: 'e', files: ['content/releases/a/ko.mdx'] },
        upload: { keys: ['media/packs/1/a.zip', 'packs/releases/a.zip'], expected: ['media/packs/1/a.zip', 'packs/releases/a.zip'], unexpected: [], missing: [] },
      },
      pagesOnlyDist: { bytes: 100e6, files: 5000, byKind: {}, largestFile: 'pagefind/x.js', largestFileBytes: 1e6 },
      bucket: { objects: 300, bytes: 1e9 },
      releasePages: [page],
      profile: [],
      ...overrides,
    },
    pressThroughput: { inBuild: throughput(made, cp), alone: { ...throughput(made, cp, 2), wallSeconds: 15, peakPssBytes: 3e8 }, cp },
    bare: { wallSeconds: 100, peakPssBytes: 1e9, pages: 30, pagesPerSecond: 0.3 },
    hugo: { wallSeconds: 10, peakPssBytes: 1e8, pages: 40, pagesPerSecond: 4 },
  };
}

const verdict = (result: ReturnType<typeof evaluate>, name: string) => {
  const found = result.targets.find((target) => target.name === name);
  if (!found) throw new Error(`no target named "${name}"`);
  return found;
};

describe('throughput', () => {
  it('counts the bytes written for press copies and ZIPs over their phases, flushing included, against cp', () => {
    const alone = throughput(made, cp, 2);
    expect(alone).toMatchObject({ bytesWritten: 300e6, seconds: 12, pressCopies: 20, zips: 11 });
    // 25 MB/s written against cp's 100 MB/s of originals.
    expect(alone.ratioToCp).toBeCloseTo(0.25);
  });
});

describe('evaluate', () => {
  it('judges every issue-11 target, and meets them on figures within the goals', () => {
    const result = evaluate(measured());
    const issue11 = result.targets.filter((target) => target.issue === 11);
    expect(issue11.map((target) => target.name)).toEqual([
      'fresh clone, populated bucket (CI case): build',
      'fresh clone, populated bucket (CI case): work done',
      'truly cold: build + upload',
      'peak memory',
      'page work vs bare Astro + MDX',
      'pages-only dist/: size',
      'pages-only dist/: files',
      'pages-only dist/: largest file',
      'one release edited (CI case): build',
      'one release edited (CI case): upload',
      'media stage: press copies + ZIPs vs cp',
    ]);
    expect(issue11.filter((target) => !target.met).map((target) => target.name)).toEqual([]);
    expect(verdict(result, 'truly cold: build + upload').value).toBe('10.1 min (build 10.0 min, upload 5.0 s)');
    expect(verdict(result, 'page work vs bare Astro + MDX').value).toBe('3.3 min vs 100.0 s (2.00×)');
  });

  it('misses the fresh-clone target when anything was made or fetched', () => {
    const clone = measured().ours.bucketClone;
    const fetched = evaluate(measured({ bucketClone: { ...clone, originalsFetched: 1, originalBytesFetched: 3e6 } }));
    expect(verdict(fetched, 'fresh clone, populated bucket (CI case): work done').met).toBe(false);
    const pressed = evaluate(measured({ bucketClone: { ...clone, build: build(60, 10, { media: { ...report({ pressCopiesBuilt: 1 }), spanSeconds: 10 } }) } }));
    expect(verdict(pressed, 'fresh clone, populated bucket (CI case): work done').met).toBe(false);
  });

  it('counts build and upload against the cold budget', () => {
    const result = evaluate(measured({ cold: pair(build(880, 600), deploy(300, { wallSeconds: 30 })) }));
    expect(verdict(result, 'truly cold: build + upload').met).toBe(false);
  });

  it('takes the highest peak of our runs and names it', () => {
    const results = measured({ noChange: pair(build(50, 5), deploy(0, { peakPssBytes: 3.2e9 })) });
    expect(peakMemory(results)).toEqual({ bytes: 3.2e9, run: 'no-change upload' });
    expect(verdict(evaluate(results), 'peak memory').met).toBe(false);
  });

  it('misses the dist/ targets one by one', () => {
    const result = evaluate(measured({ pagesOnlyDist: { bytes: 600e6, files: 25_000, byKind: {}, largestFile: 'packs/a.zip', largestFileBytes: GOALS.largestFileBytes + 1 } }));
    expect(verdict(result, 'pages-only dist/: size').met).toBe(false);
    expect(verdict(result, 'pages-only dist/: files').met).toBe(false);
    expect(verdict(result, 'pages-only dist/: largest file').met).toBe(false);
  });

  it('misses the upload target when anything but the release’s changed media was written, or some of it was not', () => {
    const edit = measured().ours.oneEdit;
    const extra = evaluate(measured({ oneEdit: { ...edit, upload: { ...edit.upload, keys: [...edit.upload.keys, 'media/img/x/b-400.avif'], unexpected: ['media/img/x/b-400.avif'] } } }));
    expect(verdict(extra, 'one release edited (CI case): upload').met).toBe(false);
    expect(verdict(extra, 'one release edited (CI case): upload').value).toMatch(/1 others/);
    const short = evaluate(measured({ oneEdit: { ...edit, upload: { ...edit.upload, keys: ['media/packs/1/a.zip'], missing: ['packs/releases/a.zip'] } } }));
    expect(verdict(short, 'one release edited (CI case): upload').met).toBe(false);
  });

  it('judges press copies and ZIPs on the stage alone', () => {
    const results = measured();
    const slow = throughput(made, cp, 10);
    const result = evaluate({ ...results, pressThroughput: { ...results.pressThroughput, alone: { ...slow, wallSeconds: 20, peakPssBytes: 3e8 } } });
    expect(verdict(result, 'media stage: press copies + ZIPs vs cp').met).toBe(false);
    expect(verdict(result, 'media stage: press copies + ZIPs vs cp').value).toMatch(/^15 % with the stage alone; 30 % inside the cold build/);
  });

  it('keeps issue 7’s no-change, page weight and Hugo checks', () => {
    const result = evaluate(measured({ noChange: pair(build(50, 5), deploy(1)) }));
    expect(verdict(result, 'rebuild with no change').met).toBe(false);
    expect(verdict(result, 'release page weight').met).toBe(true);
    expect(verdict(result, 'moonshot: page work vs Hugo').met).toBe(false);
  });

  it('has no anchor verdicts without the anchors', () => {
    const result = evaluate({ ...measured(), bare: null, hugo: null });
    expect(verdict(result, 'page work vs bare Astro + MDX').met).toBeNull();
    expect(result.ratios['page work (cold build minus media stage) / bare Astro build']).toBeNull();
  });
});
