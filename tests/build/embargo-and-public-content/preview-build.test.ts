import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { useTranslations } from '../../../src/i18n/ui';
import { htmlFiles } from '../../../src/lib/after-build/built-files';
import { formatMoment } from '../../../src/lib/view/date-format';
import { contentCopy, projectRoot, runProject } from '../../helpers/build-site';
import { leaksIn, scanDataSample } from '../../helpers/embargo-leaks';
import { writeFixtureJpeg } from '../../helpers/fixture-photo';
import { loadPage } from '../../helpers/html';
import { BUILD_NOW, EMBARGOED_PHOTO } from '../../helpers/shared-site';

// The same content, with a release under embargo at BUILD_NOW, built twice from one environment:
// the public build, then the embargoed preview (PRESS_PREVIEW=1). The preview must show the
// release to journalists and nothing to search engines; the public build must hold no byte of it,
// and the preview must not have written into any folder of the public build.

const slug = 'fixture-embargoed';
const embargo = new Date('2026-01-05T11:00:00+09:00');
const publicOrigin = 'https://press.example.org';
const previewOrigin = 'https://preview.press.example.org';

let work = '';
let content = '';
let image: Buffer;
/** The public build's output and caches, all under one folder so a lock file beside them shows too. */
let publicRoot = '';
let previewOut = '';
let publicEnv: Record<string, string>;
let previewEnv: Record<string, string>;
let publicBuild: { code: number; output: string };
let previewBuild: { code: number; output: string };
let publicBefore: Map<string, string>;

/** Every file and folder under `dir` with its size and modification time, to see whether anything wrote there. */
function snapshot(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const item of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(item.parentPath, item.name);
    const stat = statSync(path, { throwIfNoEntry: false });
    found.set(relative(dir, path), stat ? `${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}` : 'gone');
  }
  return found;
}

const build = (env: Record<string, string>) => runProject([join(projectRoot, 'scripts/build.ts')], env);

/** Every file of a built site, as paths relative to it. */
const filesOf = (dir: string) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile())
    .map((item) => relative(dir, join(item.parentPath, item.name)));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pressroom-preview-'));
  content = await contentCopy([], [join(projectRoot, 'tests/fixtures/embargoed-release')]);
  await writeFixtureJpeg(join(content, EMBARGOED_PHOTO), 'embargoed');
  image = await readFile(join(content, EMBARGOED_PHOTO));
  publicRoot = join(work, 'public');
  previewOut = join(work, 'preview', 'site');
  // Both media caches start from the project's, so the sample's web images are not made again.
  const made = join(projectRoot, '.cache/media');
  for (const media of [join(publicRoot, 'media'), join(work, 'preview', 'media')]) {
    if (existsSync(made)) await cp(made, media, { recursive: true, filter: (source) => !source.endsWith('manifest.json') });
  }
  publicEnv = {
    PRESS_CONTENT_DIR: content,
    PRESS_NOW: BUILD_NOW,
    PRESS_SITE_URL: publicOrigin,
    PRESS_OUT_DIR: join(publicRoot, 'site'),
    PRESS_CACHE_DIR: join(publicRoot, 'astro'),
    PRESS_MEDIA_CACHE_DIR: join(publicRoot, 'media'),
    PRESS_AUTHOR_LANG: 'en',
  };
  // The public build's variables stay set, as in one CI job that runs both builds.
  previewEnv = {
    ...publicEnv,
    PRESS_PREVIEW: '1',
    PRESS_PREVIEW_SITE_URL: previewOrigin,
    PRESS_PREVIEW_OUT_DIR: previewOut,
    PRESS_PREVIEW_CACHE_DIR: join(work, 'preview', 'astro'),
    PRESS_PREVIEW_MEDIA_CACHE_DIR: join(work, 'preview', 'media'),
  };
  const publicStarted = performance.now();
  publicBuild = await build(publicEnv);
  const publicSeconds = (performance.now() - publicStarted) / 1000;
  if (publicBuild.code !== 0) throw new Error(`The public build failed:\n${publicBuild.output.slice(-4000)}`);
  publicBefore = snapshot(publicRoot);
  const started = performance.now();
  previewBuild = await build(previewEnv);
  const previewSeconds = (performance.now() - started) / 1000;
  if (previewBuild.code !== 0) throw new Error(`The preview build failed:\n${previewBuild.output.slice(-4000)}`);
  // The figures of docs/decisions/0071-embargoed-preview.md.
  console.info(`sample + embargoed fixture: public build ${publicSeconds.toFixed(1)} s, preview build ${previewSeconds.toFixed(1)} s, ${htmlFiles(previewOut).length} preview pages`);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(content, { recursive: true, force: true });
});

describe('the embargoed preview (PRESS_PREVIEW=1)', () => {
  it('has the embargoed release, with the banner in each language and the moment in the site zone', () => {
    for (const code of ['ko', 'en'] as const) {
      const $ = loadPage(previewOut, `/${code}/releases/${slug}/`);
      const banner = $('article.release .notice.embargo');
      expect(banner.length, code).toBe(1);
      expect(banner.text().trim()).toBe(useTranslations(code)('embargo.banner', { moment: formatMoment(embargo, code) }));
      // The zone is named, so a journalist abroad reads the right hour.
      expect(banner.text()).toMatch(/GMT\+9|UTC\+9|KST/);
    }
    expect(loadPage(previewOut, `/en/releases/${slug}/`)('.notice.embargo').text()).toMatch(/^EMBARGOED until January 5, 2026.* 11:00 AM .*not for publication before then$/);
    expect(loadPage(previewOut, `/ko/releases/${slug}/`)('.notice.embargo').text()).toContain('2026년 1월 5일 오전 11:00');
    // Its photo is there for journalists: the preview's media are in its own site folder.
    expect(existsSync(join(previewOut, 'photos/originals/fixture-embargoed-01-photo.jpg'))).toBe(true);
  });

  it('shows no banner on a release already published', () => {
    expect(loadPage(previewOut, '/en/releases/scse-2023-taipei/')('.notice.embargo').length).toBe(0);
    expect(loadPage(previewOut, '/en/releases/scse-2023-taipei/')('.notice.embargo-preview').length).toBe(1);
  });

  it('keeps every page out of search engines, with links on its own origin', () => {
    const pages = htmlFiles(previewOut);
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const $ = cheerio.load(html);
      expect($('meta[name="robots"]').attr('content'), file).toBe('noindex, nofollow');
      const canonical = $('link[rel="canonical"]').attr('href');
      if (canonical !== undefined) expect(canonical.startsWith(`${previewOrigin}/`), `${file}: ${canonical}`).toBe(true);
      expect(html.includes(publicOrigin), `${file} names the public origin`).toBe(false);
      expect($('link[type="application/rss+xml"], link[type="application/feed+json"]').length, file).toBe(0);
      expect($('a[href$="rss.xml"], a[href$="feed.json"]').length, file).toBe(0);
    }
  });

  it('has no feeds, sitemap or search index, and a robots.txt that disallows everything', () => {
    const files = filesOf(previewOut);
    expect(files.filter((file) => /(^|\/)(rss\.xml|feed\.json)$|sitemap|^pagefind\//.test(file))).toEqual([]);
    expect(readFileSync(join(previewOut, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    expect(readFileSync(join(previewOut, '_headers'), 'utf8')).toContain('X-Robots-Tag: noindex, nofollow');
    for (const locale of locales) {
      const $ = loadPage(previewOut, `/${locale.path}/search/`);
      expect($('main .notice').text()).toBe(useTranslations(locale.code)('search.offInPreview'));
      expect($('[data-search]').length).toBe(0);
      expect($('link[href^="/pagefind/"], script[src^="/pagefind/"]').length).toBe(0);
    }
  });
});

describe('the public build beside it', () => {
  it('holds no byte of the embargoed release: paths, pages, ZIPs, search fragments', async () => {
    const site = join(publicRoot, 'site');
    expect(existsSync(join(site, 'pagefind')), 'the public build has its search index').toBe(true);
    const needles = [slug, '엠바고 시험용', 'Embargo test', scanDataSample(image)];
    expect(await leaksIn(site, needles)).toEqual([]);
    expect(await leaksIn(join(publicRoot, 'media'), needles)).toEqual([]);
  });

  it('is still announced to search engines', () => {
    const site = join(publicRoot, 'site');
    expect(readFileSync(join(site, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${publicOrigin}/sitemap-index.xml`);
    expect(existsSync(join(site, 'en/rss.xml'))).toBe(true);
    expect(loadPage(site, '/en/releases/scse-2023-taipei/')('meta[name="robots"]').length).toBe(0);
  });

  it('had none of its folders or caches written by the preview', () => {
    expect(snapshot(publicRoot)).toEqual(publicBefore);
  });
});

describe('a preview build that could reach the public', () => {
  it.each([
    ['without PRESS_PREVIEW_SITE_URL', { PRESS_PREVIEW_SITE_URL: '' }, /PRESS_PREVIEW=1 needs PRESS_PREVIEW_SITE_URL/],
    ['on the public origin', { PRESS_PREVIEW_SITE_URL: `${publicOrigin}/` }, /PRESS_PREVIEW_SITE_URL=".*" is the public site's address/],
    ['with the S3 media store', { PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_S3_BUCKET: 'press-media', PRESS_MEDIA_URL: 'https://media.example.org' }, /PRESS_MEDIA_STORE="s3" cannot be used with PRESS_PREVIEW=1/],
    ['into the public output folder', { PRESS_PREVIEW_OUT_DIR: '' as string, PRESS_OUT_DIR: 'dist-preview' }, /PRESS_PREVIEW_OUT_DIR .* overlaps the public build's PRESS_OUT_DIR/],
  ])('stops %s, with the message and before any work', async (_name, env, message) => {
    const before = snapshot(work);
    const result = await build({ ...previewEnv, ...env });
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(message);
    expect(result.output, 'a settings mistake is reported without a stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(snapshot(work)).toEqual(before);
  });
});
