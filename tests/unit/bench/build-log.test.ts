import { describe, expect, it } from 'vitest';
import { findStage, PACK_LABEL, parseBuildLog, parseDuration, SEARCH_LABEL, stageAt, stageSeconds } from '../../../scripts/bench/build-log';

/** Lines as `runCommand` records them: text without colours, with the millisecond they arrived. */
const timed = (entries: Array<[number, string]>) => entries.map(([at, text]) => ({ at, text }));

const astroBuild = timed([
  [400, '05:08:53 [content] Syncing content'],
  [900, '05:08:53 [content] Synced content'],
  [1900, '05:08:53 [types] Generated 951ms'],
  [1950, '05:08:53 [build] Collecting build info...'],
  [2990, '05:08:53 [build] ✓ Completed in 1.04s.'],
  [3000, '05:08:53 [build] Building static entrypoints...'],
  [3600, '05:08:53 [vite] ✓ built in 544ms'],
  [3700, '05:08:53 [build] Rearranging server assets...'],
  [3710, ' generating static routes '],
  [3720, '05:08:53   ├─ /ko/releases/a/index.html (+14ms) '],
  [3730, '05:08:53   ├─ /en/releases/a/index.html (restored)'],
  [3740, '05:08:53   ├─ /zh-hant/releases/a/index.html (cached)'],
  [3900, '05:08:53 ✓ Completed in 154ms.'],
  [3910, ' generating optimized images '],
  [5000, '05:08:55   ▶ /_astro/a-01.u5JTbMms_Z2waUe6.avif (before: 1729kB, after: 9kB) (+2.21s) (1/4)'],
  [5100, '05:08:55   ▶ /_astro/a-01.u5JTbMms_cfLO2.webp (before: 1729kB, after: 18kB) (+53ms) (2/4)'],
  [5200, '05:08:55   ▶ /_astro/a-01.u5JTbMms_Z1AfEhQ.jpg (reused cache entry) (+0ms) (3/4)'],
  [5300, '05:08:55   ▶ /_astro/a-02.B31ldL3N_ZDm3lm.avif (before: 1726kB, after: 42kB) (+1m 2s) (4/4)'],
  [185_000, '05:11:55 ✓ Completed in 3m 10s.'],
  [185_100, '05:11:55 [pressroom:press-kit] reused 9 packs, built 3; press copies: reused 4, built 0; 4.4 s making them during page generation, 0.10 s placing 16 files'],
  [186_000, '05:11:56 [build] ✓ Completed in 3m 11s.'],
  [186_100, '05:11:56 [build] 3 page(s) built in 3m 13s'],
  [186_200, '05:11:56 [build] Complete!'],
  [190_000, '[pagefind] Indexed 3 pages'],
  [196_000, '[pagefind] Finished in 5.8 seconds'],
]);

describe('parseDuration', () => {
  it('reads the forms Astro prints', () => {
    expect(parseDuration('745ms')).toBe(0.745);
    expect(parseDuration('1.02s')).toBe(1.02);
    expect(parseDuration('3m 10s')).toBe(190);
    expect(parseDuration('soon')).toBeUndefined();
  });
});

describe('parseBuildLog', () => {
  const log = parseBuildLog(astroBuild, 200);
  const stage = (name: string) => log.stages.find((candidate) => candidate.name === name);

  it('takes stage times from Astro’s own timers where they time the stage alone', () => {
    expect(stage('page generation')).toEqual({ name: 'page generation', startsAt: 3.71, seconds: 0.154, source: 'timer' });
    expect(stage('image generation')).toMatchObject({ seconds: 190, source: 'timer' });
  });

  it('times sections without a timer from the moments their lines arrived', () => {
    expect(stage('start-up (npm, Node, config)')).toMatchObject({ seconds: 0.4, source: 'log-times' });
    expect(stage('content sync')!.seconds).toBeCloseTo(0.5);
    // Astro's build-info and types timers include content sync, so their lines time them.
    expect(stage('type generation')).toMatchObject({ seconds: 1, source: 'log-times' });
    expect(stage('build info')).toMatchObject({ seconds: 1.04, source: 'log-times' });
    expect(stage('bundling (Vite)')!.seconds).toBeCloseTo(0.7);
    expect(stage('after astro build (other commands)')!.seconds).toBeCloseTo(200 - 186.2);
  });

  it('names the stage running at a given moment', () => {
    expect(stageAt(log.stages, 0.1)).toBe('start-up (npm, Node, config)');
    expect(stageAt(log.stages, 3.2)).toBe('bundling (Vite)');
    expect(stageAt(log.stages, 100)).toBe('image generation');
  });

  it('counts rendered and restored pages, and encoded and reused images by format', () => {
    expect(log.pages).toEqual({ rendered: 1, restored: 2 });
    expect(log.pageCount).toBe(3);
    expect(log.images.encoded).toBe(3);
    expect(log.images.reused).toBe(1);
    expect(log.images.secondsByFormat.avif).toBeCloseTo(64.21);
    expect(log.images.secondsByFormat.webp).toBeCloseTo(0.053);
    expect(log.images.secondsByFormat.jpg).toBeUndefined();
  });

  it('finds other stages by their own log labels and the time they report', () => {
    const packs = findStage(log, PACK_LABEL)!;
    expect(packs.label).toBe('pressroom:press-kit');
    expect(stageSeconds(packs)).toBe(4.5);
    const search = findStage(log, SEARCH_LABEL)!;
    expect(search.lines).toBe(2);
    expect(stageSeconds(search)).toBeCloseTo(5.8);
  });

  it('finds no pack or search stage in a build that has none', () => {
    const bare = parseBuildLog(astroBuild.filter((line) => !/pack|pagefind/.test(line.text)), 190);
    expect(findStage(bare, PACK_LABEL)).toBeUndefined();
    expect(findStage(bare, SEARCH_LABEL)).toBeUndefined();
  });
});
