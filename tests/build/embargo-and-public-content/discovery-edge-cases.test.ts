import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { htmlFiles } from '../../../src/lib/after-build/built-files';
import { buildSite, contentCopy, projectRoot, type BuildResult } from '../../helpers/build-site';
import { jsonLdBlocks, loadPage } from '../../helpers/html';
import { assertWellFormedXml } from '../../helpers/xml';

// One extra build: a release whose title tries to break out of the JSON-LD script element, and a
// release under embargo at the pinned build moment.
const hostileTitle = '</script><script>alert(1)</script> 제목에 스크립트 태그가 든 보도자료';
const hostile = 'fixture-hostile-title';
const embargoed = 'fixture-embargoed';
const embargoedWord = '비공개어휘';

let build: BuildResult;
let content = '';

beforeAll(async () => {
  content = await contentCopy([], [join(projectRoot, 'tests/fixtures/discovery-edge-cases')]);
  build = await buildSite(content, { PRESS_NOW: '2024-01-01T00:00:00+09:00' });
  if (build.code !== 0) throw new Error(`The edge-case build failed:\n${build.output.slice(-4000)}`);
});

afterAll(async () => {
  await rm(content, { recursive: true, force: true });
  await rm(build.outDir, { recursive: true, force: true });
});

describe('a title containing </script>', () => {
  it.each(['ko', 'en', 'zh-hant'])('cannot open a second script on the %s page', (path) => {
    const $ = loadPage(build.outDir, `/${path}/releases/${hostile}/`);
    expect($('script').length).toBe(1);
    expect($('script').attr('type')).toBe('application/ld+json');
    const [article] = jsonLdBlocks($) as Record<string, string>[];
    expect(article!.headline).toBe($('h1').text());
    expect(article!.headline.startsWith('</script><script>alert(1)</script>')).toBe(true);
    if (path !== 'en') expect(article!.headline).toBe(hostileTitle);
  });

  it('stays text in the feeds, which still parse', () => {
    for (const locale of locales.filter((candidate) => candidate.code !== 'zh-Hant')) {
      const xml = readFileSync(join(build.outDir, locale.path, 'rss.xml'), 'utf8');
      expect(() => assertWellFormedXml(xml)).not.toThrow();
      const items = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml).rss.channel.item as { title: string }[];
      expect(items.some((item) => item.title.startsWith('</script><script>alert(1)</script>'))).toBe(true);
    }
  });
});

describe('an embargoed release', () => {
  const everyFile = () =>
    htmlFiles(build.outDir).concat(
      ['sitemap-0.xml', ...locales.flatMap((locale) => [`${locale.path}/rss.xml`, `${locale.path}/feed.json`])].map((file) => join(build.outDir, file)),
    );

  it('has no page in any language', () => {
    for (const locale of locales) expect(existsSync(join(build.outDir, locale.path, 'releases', embargoed))).toBe(false);
  });

  it('appears in no page, list, feed or sitemap', () => {
    for (const file of everyFile()) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(embargoed), file).toBe(false);
      expect(text.includes(embargoedWord), file).toBe(false);
    }
    expect(existsSync(join(build.outDir, 'ko/tags/비공개태그'))).toBe(false);
    expect(existsSync(join(build.outDir, 'ko/categories/research'))).toBe(false);
  });

  it('is not in the search index', () => {
    const output = execFileSync(process.execPath, [join(projectRoot, 'tests/helpers/pagefind-search.mjs'), build.outDir, 'ko', embargoedWord, '제목에'], {
      encoding: 'utf8',
    });
    const found = JSON.parse(output) as Record<string, string[]>;
    expect(found[embargoedWord]).toEqual([]);
    // The index itself works: the hostile release, built alongside, is found.
    expect(found['제목에']).toContain(`/ko/releases/${hostile}/`);
  });
});
