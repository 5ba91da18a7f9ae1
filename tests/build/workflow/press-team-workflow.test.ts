import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EMBARGOED_PHOTO } from '../../helpers/shared-site';
import { buildSite, contentCopy, projectRoot, runScript } from '../../helpers/build-site';
import { writeFixtureJpeg } from '../../helpers/fixture-photo';
import { loadPage } from '../../helpers/html';
import { treeDigest } from '../../helpers/tree-digest';
import { searchBuiltSite } from '../../helpers/search-built-site';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const embargoed = 'fixture-embargoed';
const embargoedPhoto = 'fixture-embargoed-01-photo';

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile())
    .map((item) => join(item.parentPath, item.name));
}

describe('before its embargo, a release appears nowhere in the built site', () => {
  const siteDir = inject('siteDir');
  const files = filesIn(siteDir);

  it('has no page, photo or other file named after it', () => {
    expect(files.filter((file) => file.includes(embargoed))).toEqual([]);
  });

  it('is mentioned in no page, feed, sitemap or index', () => {
    const texts = files.filter((file) => /\.(html|xml|json|txt|ics|js|csv)$/.test(file));
    expect(texts.length).toBeGreaterThan(10);
    const mentions = texts.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return text.includes(embargoed) || text.includes('엠바고 시험용') || text.includes('Embargo test release');
    });
    expect(mentions).toEqual([]);
  });

  it('is found by no search', () => {
    const found = searchBuiltSite(siteDir, 'en', ['embargo', 'Embargo test release']);
    expect(Object.values(found).flat().filter((url) => url.includes(embargoed))).toEqual([]);
  });

  it('is not listed by the event and organization it names', () => {
    for (const page of ['/ko/events/scse-2023/', '/en/organizations/tca/']) {
      const $ = loadPage(siteDir, page);
      expect($('a').toArray().map((link) => $(link).attr('href'))).not.toContainEqual(expect.stringContaining(embargoed));
    }
  });
});

describe('the press-team workflow on a fresh content folder', () => {
  let content: string;
  let outDir: string;
  let check: { code: number; output: string };
  let scaffold: { code: number; output: string };

  beforeAll(async () => {
    content = await contentCopy([], [join(projectRoot, 'tests/fixtures/embargoed-release')]);
    await writeFixtureJpeg(join(content, EMBARGOED_PHOTO), 'embargoed');
    outDir = join(await mkdtemp(join(tmpdir(), 'pressroom-check-')), 'site');
    const env = { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: outDir, PRESS_NOW: '2026-01-05T12:00:00+09:00' };
    scaffold = await runScript('new-release', ['--slug', 'test-release', '--title', '테스트', '--date', '2026-01-05T10:00+09:00', '--languages', 'ko,en'], env);
    const beforeCheck = treeDigest(content);
    check = await runScript('check', [], env);
    expect(treeDigest(content), 'npm run check wrote into the content folder').toBe(beforeCheck);
  });

  it('npm run new scaffolds the original only, with a captions template, and says what to do next', () => {
    expect(scaffold.code, scaffold.output).toBe(0);
    const folder = join(content, 'releases/test-release');
    expect(readdirSync(folder).sort()).toEqual(['ko.mdx', 'photos']);
    expect(readdirSync(join(folder, 'photos'))).toEqual(['TEMPLATE.yaml.example']);
    expect(scaffold.output).toMatch(/npm run check/);
  });

  it('npm run new --languages ko,en writes caption lines for Korean and English only, and names only en.mdx to add', () => {
    const template = parseYaml(readFileSync(join(content, 'releases/test-release/photos/TEMPLATE.yaml.example'), 'utf8')) as Record<string, Record<string, unknown>> & { place: { city: object } };
    for (const values of [template.caption, template.alt, template.credit, template.place.city]) expect(Object.keys(values!)).toEqual(['ko', 'en']);
    expect(scaffold.output).toContain('languages: ko, en');
    expect(scaffold.output).toContain('en.mdx');
    expect(scaffold.output).not.toContain('zh-hant.mdx');
  });

  it('npm run new refuses a language the site does not have, and creates nothing', async () => {
    const refused = await runScript('new-release', ['--slug', 'french-release', '--title', '프랑스어', '--date', '2026-01-06T10:00+09:00', '--languages', 'ko,fr'], { PRESS_CONTENT_DIR: content });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('language "fr": use ko, en, zh-Hant');
    expect(existsSync(join(content, 'releases/french-release'))).toBe(false);
  });

  it('npm run new refuses to overwrite an existing release', async () => {
    const again = await runScript('new-release', ['--slug', 'test-release', '--title', '다시', '--date', '2026-01-06T10:00+09:00'], { PRESS_CONTENT_DIR: content });
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('already exists');
    expect(readFileSync(join(content, 'releases/test-release/ko.mdx'), 'utf8')).toContain('title: 테스트');
  });

  it('npm run check passes on the sample content plus the scaffolded release', () => {
    expect(check.code, check.output.slice(-3000)).toBe(0);
    expect(check.output).toMatch(/✓ links: \d+ pages, \d+ internal links, images and fragments, 0 broken/);
    expect(check.output).toContain('Ready to publish.');
  });

  it('the scaffolded release shows up on the Korean home page', () => {
    const $ = loadPage(outDir, '/ko/');
    expect($('main .home h2 a, main .home h3 a').toArray().map((link) => $(link).attr('href'))).toContain('/ko/releases/test-release/');
  });

  it('after its embargo, the embargoed release appears on its pages, lists and entity pages, with its photo', () => {
    expect(existsSync(join(outDir, 'ko/releases', embargoed, 'index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'en/releases', embargoed, 'index.html'))).toBe(true);
    const home = loadPage(outDir, '/ko/');
    expect(home('main .home h2 a, main .home h3 a').toArray().map((link) => home(link).attr('href'))).toContain(`/ko/releases/${embargoed}/`);
    const event = loadPage(outDir, '/en/events/scse-2023/');
    expect(event('a').toArray().map((link) => event(link).attr('href'))).toContain(`/en/releases/${embargoed}/`);
    expect(filesIn(outDir).some((file) => file.includes(embargoedPhoto) && file.endsWith('.avif'))).toBe(true);
  });

  it('after its embargo, it is in the feeds, the sitemap, the search index and has its photo pack', () => {
    expect(readFileSync(join(outDir, 'ko/rss.xml'), 'utf8')).toContain(`/ko/releases/${embargoed}/`);
    expect(readFileSync(join(outDir, 'en/feed.json'), 'utf8')).toContain(`/en/releases/${embargoed}/`);
    const sitemaps = filesIn(outDir).filter((file) => /sitemap-\d+\.xml$/.test(file)).map((file) => readFileSync(file, 'utf8')).join('');
    expect(sitemaps).toContain(`/ko/releases/${embargoed}/`);
    expect(searchBuiltSite(outDir, 'en', ['embargo'])['embargo']).toContain(`/en/releases/${embargoed}/`);
    expect(existsSync(join(outDir, 'packs/releases', `${embargoed}.zip`))).toBe(true);
    expect(existsSync(join(outDir, 'photos/originals', `${embargoedPhoto}.jpg`))).toBe(true);
  });

  it('prints the translation status of every release', () => {
    expect(check.output).toMatch(/test-release\s+en\s+missing/);
    expect(check.output).toMatch(/scse-2023-taipei\s+en\s+translated/);
  });
});

describe('a caption file copied from the template and not yet filled in', () => {
  const photoId = 'ko-en-release-01-example';
  let build: { code: number; output: string };

  beforeAll(async () => {
    const content = await contentCopy();
    const env = { PRESS_CONTENT_DIR: content };
    const scaffold = await runScript('new-release', ['--slug', 'ko-en-release', '--title', '영어와 한국어', '--date', '2026-01-05T10:00+09:00', '--languages', 'ko,en'], env);
    expect(scaffold.code, scaffold.output).toBe(0);
    // What the template's first lines tell the author to do.
    const photos = join(content, 'releases/ko-en-release/photos');
    copyFileSync(join(photos, 'TEMPLATE.yaml.example'), join(photos, `${photoId}.yaml`));
    await writeFixtureJpeg(join(photos, `${photoId}.jpg`), 'template');
    const original = join(content, 'releases/ko-en-release/ko.mdx');
    writeFileSync(original, readFileSync(original, 'utf8').replace(/^tags: \[\]$/m, `tags: []\nphotos: [${photoId}]`));
    build = await buildSite(content);
  });

  it('fails the build naming each value still to write, in Korean and English only', () => {
    expect(build.code).not.toBe(0);
    expect(build.output).toContain(`${photoId}.yaml`);
    const named = new Set(build.output.match(/"(?:(?:caption|alt|credit|place\.city)\.[\w-]+|creator|copyright|headline[\w.-]*)"/g));
    expect([...named].sort()).toEqual(
      ['"alt.en"', '"alt.ko"', '"caption.en"', '"caption.ko"', '"copyright"', '"creator"', '"credit.en"', '"credit.ko"', '"place.city.en"', '"place.city.ko"'],
    );
    expect(build.output).not.toContain('zh-Hant');
  });
});
