import { mkdtemp, writeFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenContentCases, type BrokenContentCase } from '../../fixtures/broken-content';
import { contentCopy, projectRoot, runProject, runScript } from '../../helpers/build-site';
import { leaksIn, scanDataSample } from '../../helpers/embargo-leaks';
import { writeFixtureJpeg } from '../../helpers/fixture-photo';
import { BUILD_NOW, EMBARGOED_PHOTO } from '../../helpers/shared-site';
import { treeDigest } from '../../helpers/tree-digest';

/** Astro colours its output; the words are what the author reads. */
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '');

interface Reported {
  file: string;
  field?: string;
  problem: string;
  fix: string;
}

/** The problems of a report, as "file — field "x": problem" lines each followed by "    → fix". */
function reportedProblems(output: string): Reported[] {
  const pattern = /^(\S[^\n]*?)(?: — (?:field|항목) "([^\n]*?)")?: ([^\n]*)\n {4}→ ([^\n]*)$/gm;
  return [...plain(output).matchAll(pattern)].map(([, file, field, problem, fix]) => ({ file: file!, field, problem: problem!, fix: fix! }));
}

const matches = (reported: Reported, { file, field, fix, says = '' }: BrokenContentCase) =>
  reported.file.endsWith(file) &&
  (field === 'line' ? /^line \d+$/.test(reported.field ?? '') : reported.field === field) &&
  reported.fix.includes(fix) &&
  `${reported.problem} ${reported.fix}`.includes(says);

/** A stand-in for the last good site, shaped like a build (index.html and _astro/ at its root). */
async function previousSite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-previous-site-'));
  await mkdir(join(dir, '_astro'));
  await mkdir(join(dir, 'ko'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>last good build</title>');
  await writeFile(join(dir, 'ko', 'index.html'), '<!doctype html><title>last good build</title>');
  await writeFile(join(dir, '_astro', 'site.css'), 'body{}');
  return dir;
}

describe('the bad-content catalogue: npm run check and npm run build fail with the same report, naming file, field and fix', () => {
  let embargoedImage: Buffer;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-embargoed-photo-'));
    await writeFixtureJpeg(join(dir, 'photo.jpg'), 'embargoed');
    embargoedImage = await readFile(join(dir, 'photo.jpg'));
  });

  it('has at least 60 kinds of broken input', () => {
    expect(brokenContentCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(brokenContentCases)('$name', async (testCase) => {
    const { edits, env, embargoed } = testCase;
    const overlays = embargoed ? [join(projectRoot, 'tests/fixtures/embargoed-release')] : [];
    const edited = await contentCopy(edits, overlays);
    if (embargoed) await writeFile(join(edited, EMBARGOED_PHOTO), embargoedImage);
    const contentDigest = treeDigest(edited);
    const [checkSite, buildSite] = [await previousSite(), await previousSite()];
    const siteDigest = treeDigest(checkSite);
    // A media store of its own, so that nothing made before the failure can hide among other tests' files.
    const mediaStore = await mkdtemp(join(tmpdir(), 'pressroom-media-store-'));
    const settings = { PRESS_AUTHOR_LANG: 'en', PRESS_CONTENT_DIR: edited, PRESS_MEDIA_CACHE_DIR: mediaStore, ...(embargoed ? { PRESS_NOW: BUILD_NOW } : {}), ...env };

    // One after the other: a problem only the media stage finds (a damaged photo) passes the
    // check's content step, and its build would then wait for the other build's locks.
    const check = await runScript('check', [], { ...settings, PRESS_OUT_DIR: checkSite });
    const build = await runProject([join(projectRoot, 'scripts/build.ts')], { ...settings, PRESS_OUT_DIR: buildSite });
    const checkReport = reportedProblems(check.output);
    const buildReport = reportedProblems(build.output);

    expect(check.code, plain(check.output).slice(-2000)).not.toBe(0);
    expect(build.code, plain(build.output).slice(-2000)).not.toBe(0);
    expect(checkReport.some((reported) => matches(reported, testCase)), plain(check.output).slice(-3000)).toBe(true);
    expect(plain(check.output)).toMatch(/✗ (content files|build)/);
    expect(buildReport, 'npm run build reports what npm run check reports').toEqual(checkReport);
    expect(plain(build.output), 'a content mistake is reported without a stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(treeDigest(checkSite), 'the previous site was changed by a failed check').toBe(siteDigest);
    expect(treeDigest(buildSite), 'the previous site was changed by a failed build').toBe(siteDigest);
    expect(treeDigest(edited), 'the build wrote into the content folder').toBe(contentDigest);
    if (embargoed) {
      const needles = ['fixture-embargoed', '엠바고 시험용', 'Embargo test', scanDataSample(embargoedImage)];
      expect([...(await leaksIn(buildSite, needles)), ...(await leaksIn(mediaStore, needles))]).toEqual([]);
    }
  });

  it('words the report in Korean for a Korean press team', async () => {
    const content = await contentCopy([{ file: 'releases/scse-2023-taipei/ko.mdx', edit: (text) => text.replace(/^---\n/, '---\nembarg0: 2030-01-01T09:00+09:00\n') }]);
    const result = await runScript('check', [], { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: await previousSite(), PRESS_AUTHOR_LANG: 'ko' });
    const [reported] = reportedProblems(result.output);
    expect(plain(result.output)).toContain('고쳐야 할 콘텐츠 문제가 1개 있습니다');
    expect(reported).toMatchObject({ field: 'embarg0', fix: expect.stringContaining('"embargo"를 쓰려던 것인가요?') });
  });
});
