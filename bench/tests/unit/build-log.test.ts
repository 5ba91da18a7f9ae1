import { describe, expect, it } from 'vitest';
import { findStage, MEDIA_STAGE, parseBuildLog, parseDeployLog, parseDuration, SEARCH_LABEL, stageAt, stageSeconds } from '../../lib/build-log';

/** Lines as `runCommand` records them: text without colours, with the millisecond they arrived. */
const timed = (entries: Array<[number, string]>) => entries.map(([at, text]) => ({ at, text }));

const astroBuild = timed([
  [300, '05:08:50 [pressroom:media] media store: s3://press-media at http://127.0.0.1:41234/press-media'],
  [2400, '05:08:52 [pressroom:media] 40 photos, 21 packs: encoded 40 photos (440 images), built 40 press copies and 21 ZIPs, fetched 0 originals (0.0 MB), downloaded 0 from the store, in 1.8 s'],
  [3000, '05:08:53 [vite] Re-optimizing dependencies because vite config has changed'],
  [3400, '05:08:53 [content] Syncing content'],
  [3900, '05:08:53 [content] Synced content'],
  [4900, '05:08:53 [types] Generated 951ms'],
  [4950, '05:08:53 [build] Collecting build info...'],
  [5990, '05:08:53 [build] ✓ Completed in 1.04s.'],
  [6000, '05:08:53 [build] Building static entrypoints...'],
  [6600, '05:08:53 [vite] ✓ built in 544ms'],
  [6700, '05:08:53 [build] Rearranging server assets...'],
  [6710, ' generating static routes '],
  [6720, '05:08:53   ├─ /ko/releases/a/index.html (+14ms) '],
  [6730, '05:08:53   ├─ /en/releases/a/index.html (restored)'],
  [6740, '05:08:53   ├─ /zh-hant/releases/a/index.html (cached)'],
  [6900, '05:08:53 ✓ Completed in 154ms.'],
  [7000, '05:11:56 [build] ✓ Completed in 1.2s.'],
  [7100, '05:11:56 [build] 3 page(s) built in 3.7s'],
  [7200, '05:11:56 [build] Complete!'],
  [9000, '05:11:58 [pressroom:search-index] indexed 1 en, 1 ko, 1 zh-Hant pages for search in 293 ms'],
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
  const log = parseBuildLog(astroBuild, 10);
  const stage = (name: string) => log.stages.find((candidate) => candidate.name === name);

  it('times the media stage from the build’s start to its summary line, start-up included', () => {
    expect(stage(MEDIA_STAGE)).toEqual({ name: MEDIA_STAGE, startsAt: 0, seconds: 2.4, source: 'log-times' });
    expect(stage('Astro start-up (Node, config)')).toMatchObject({ startsAt: 2.4, seconds: 0.6, source: 'log-times' });
  });

  it('takes stage times from Astro’s own timers where they time the stage alone', () => {
    expect(stage('page generation')).toEqual({ name: 'page generation', startsAt: 6.71, seconds: 0.154, source: 'timer' });
  });

  it('times sections without a timer from the moments their lines arrived', () => {
    expect(stage('content sync')!.seconds).toBeCloseTo(0.5);
    // Astro's build-info and types timers include content sync, so their lines time them.
    expect(stage('type generation')).toMatchObject({ seconds: 1, source: 'log-times' });
    expect(stage('build info')).toMatchObject({ seconds: 1.04, source: 'log-times' });
    expect(stage('bundling (Vite)')!.seconds).toBeCloseTo(0.7);
    expect(stage('after astro build (other commands)')!.seconds).toBeCloseTo(10 - 7.2);
  });

  it('starts at the first line when the build has no media stage', () => {
    const withoutMedia = parseBuildLog(astroBuild.filter((line) => !line.text.includes('[pressroom:media]')), 10);
    expect(withoutMedia.stages.find((candidate) => candidate.name === MEDIA_STAGE)).toBeUndefined();
    expect(withoutMedia.stages[0]).toMatchObject({ name: 'start-up (npm, Node, config)', startsAt: 0, seconds: 3 });
  });

  it('names the stage running at a given moment', () => {
    expect(stageAt(log.stages, 0.1)).toBe(MEDIA_STAGE);
    expect(stageAt(log.stages, 6.2)).toBe('bundling (Vite)');
    expect(stageAt(log.stages, 9)).toBe('after astro build (other commands)');
  });

  it('counts rendered and restored pages', () => {
    expect(log.pages).toEqual({ rendered: 1, restored: 2 });
    expect(log.pageCount).toBe(3);
  });

  it('finds other stages by their own log labels and the time they report', () => {
    const search = findStage(log, SEARCH_LABEL)!;
    expect(search.label).toBe('pressroom:search-index');
    expect(stageSeconds(search)).toBeCloseTo(0.293);
    expect(findStage(parseBuildLog(astroBuild.filter((line) => !/search/.test(line.text)), 10), SEARCH_LABEL)).toBeUndefined();
  });
});

describe('parseDeployLog', () => {
  it('reads what npm run deploy:media says it uploaded, copied, skipped and found unreferenced', () => {
    const lines = [
      'media store: s3://press-media at http://127.0.0.1:41234/press-media',
      'uploading: 1,300 of 1,300 objects, 2,345.6 MB',
      'uploaded: 1,200 objects, 2,345.6 MB',
      'copied in the bucket (stable download addresses, no bytes sent): 100 objects, 1,003.5 MB',
      'already there: 1 object, 0.2 MB',
      'unreferenced (not linked by this build): 3 objects, 0.4 MB',
      '  media/packs/x/a.zip',
    ];
    expect(parseDeployLog(lines)).toEqual({ uploaded: { count: 1200, megabytes: 2345.6 }, copied: { count: 100, megabytes: 1003.5 }, skipped: { count: 1, megabytes: 0.2 }, unreferenced: 3 });
    expect(parseDeployLog(['uploaded: 0 objects, 0.0 MB', 'already there: 26 objects, 1.6 MB', 'unreferenced: none']).unreferenced).toBe(0);
  });

  it('fails when the command printed no summary', () => {
    expect(() => parseDeployLog(['deploy:media: something went wrong'])).toThrow(/uploaded:/);
  });
});
