import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { htmlFiles, pageUrlPath } from '../../../src/lib/after-build/built-files';
import { searchQuery, searchRanking } from '../../../src/lib/after-build/search-terms';
import { load as loadFragment } from 'cheerio';
import { useTranslations } from '../../../src/i18n/ui';
import { loadPage } from '../../helpers/html';
import { projectRoot } from '../../helpers/build-site';
import { searchBuiltSite } from '../../helpers/search-built-site';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const sample = 'scse-2023-taipei';
const pagefindDir = join(siteDir, 'pagefind');
/** Pagefind names each index after the page's <html lang>, lower-cased. */
const indexName = (code: string) => code.toLowerCase();

const search = (lang: string, queries: string[]) => searchBuiltSite(siteDir, lang, queries);
/** What the search page does: the query goes through searchQuery() first. */
const searchAsPage = (lang: string, queries: string[]) => {
  const found = search(lang, queries.map(searchQuery));
  return Object.fromEntries(queries.map((query) => [query, found[searchQuery(query)]!]));
};

/**
 * Pagefind's own search (as tests/helpers/pagefind-search.mjs runs it) with the search page's
 * ranking option: each query gives its results in order, with their metadata and excerpt.
 */
const rankedSearchScript = `
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
const [siteDir, lang, ranking, ...queries] = process.argv.slice(1);
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
globalThis.fetch = async (input) => {
  try { return new Response(await readFile(fileURLToPath(new URL(String(input))))); } catch { return new Response('', { status: 404 }); }
};
const bundle = pathToFileURL(siteDir + '/pagefind/').href;
const pagefind = await import(bundle + 'pagefind.js');
await pagefind.options({ basePath: bundle, baseUrl: '/', ranking: JSON.parse(ranking) });
const found = {};
for (const query of queries) {
  const search = await pagefind.search(query);
  found[query] = (await Promise.all(search.results.map((result) => result.data()))).map(({ url, meta, excerpt, content }) => ({ url: decodeURIComponent(url), meta, excerpt, content }));
}
process.stdout.write(JSON.stringify(found));
`;
interface RankedResult {
  url: string;
  meta: Record<string, string>;
  excerpt: string;
  content: string;
}
/** What the search page shows for each query: searchQuery() first, then searchRanking. */
function searchRanked(lang: string, queries: string[]): Record<string, RankedResult[]> {
  const args = [siteDir, lang, JSON.stringify(searchRanking), ...queries.map(searchQuery)];
  const found = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', rankedSearchScript, ...args], { encoding: 'utf8' }));
  return Object.fromEntries(queries.map((query) => [query, found[searchQuery(query)] as RankedResult[]]));
}

describe('the search index', () => {
  const entry = JSON.parse(readFileSync(join(pagefindDir, 'pagefind-entry.json'), 'utf8'));

  it.each(locales)('has an index for $code with exactly its searchable, listed pages', (locale) => {
    const searchable = htmlFiles(siteDir)
      .map((file) => pageUrlPath(siteDir, file))
      .filter((path) => path.startsWith(`/${locale.path}/`))
      .filter((path) => {
        const $ = loadPage(siteDir, path);
        const listed = $('link[rel="canonical"]').attr('href') === new URL(path, site).href && $('meta[name="robots"]').length === 0;
        return listed && $('[data-pagefind-body]').length > 0;
      });
    expect(searchable).toContain(`/${locale.path}/releases/${sample}/`);
    const index = entry.languages[indexName(locale.code)];
    expect(index?.page_count).toBe(searchable.length);
    expect(existsSync(join(pagefindDir, `pagefind.${index.hash}.pf_meta`))).toBe(true);
  });

  it('has no other index: pages without their own language text are not indexed', () => {
    expect(Object.keys(entry.languages).sort()).toEqual(locales.map((locale) => indexName(locale.code)).sort());
  });

  it('keeps each language’s results in that language', () => {
    for (const locale of locales) {
      for (const urls of Object.values(search(indexName(locale.code), ['SCSE', 'TCA']))) {
        expect(urls.length).toBeGreaterThan(0);
        for (const url of urls) expect(url.startsWith(`/${locale.path}/`), url).toBe(true);
      }
    }
  });

  it('leaves out pages showing an untranslated original, and search and error pages', () => {
    const urls = Object.values(search('en', ['시험용', 'search', '404'])).flat();
    expect(urls.filter((url) => /fixture-ko-only|\/search\/|\/404\//.test(url))).toEqual([]);
    expect(search('ko', ['시험용'])['시험용']).toContain('/ko/releases/fixture-ko-only/');
  });
});

describe('searching for the sample release', () => {
  const release = (path: string) => `/${path}/releases/${sample}/`;

  it('finds it in Korean, with or without a particle attached', () => {
    const found = searchAsPage('ko', ['타이베이', '타이베이에서', '업무협약', '업무협약으로', '타이베이로']);
    for (const urls of Object.values(found)) expect(urls).toContain(release('ko'));
  });

  it('finds every page the bare word finds when the word carries a particle', () => {
    const found = searchAsPage('ko', ['타이베이', '타이베이에서', '타이베이로']);
    for (const query of ['타이베이에서', '타이베이로']) expect(found[query]!.sort(), query).toEqual(found['타이베이']!.sort());
  });

  it('finds it in Chinese with 臺北 and 台北, and by 合作備忘錄', () => {
    const found = searchAsPage('zh-hant', ['臺北', '台北', '合作備忘錄']);
    for (const urls of Object.values(found)) expect(urls).toContain(release('zh-hant'));
  });

  it('finds pages that write only one form of 臺/台 with the other form too', () => {
    const text = readFileSync(join(projectRoot, 'content/releases', sample, 'zh-hant.mdx'), 'utf8');
    expect(text).toContain('臺灣');
    expect(text).not.toContain('台灣');
    expect(searchAsPage('zh-hant', ['台灣'])['台灣']).toContain(release('zh-hant'));
    // The city government's page writes 臺北市政府 only.
    const city = parseYaml(readFileSync(join(projectRoot, 'content/organizations/taipei-city-government.yaml'), 'utf8'));
    expect(city.name['zh-Hant']).toBe('臺北市政府');
    expect(searchAsPage('zh-hant', ['台北市政府'])['台北市政府']).toContain('/zh-hant/organizations/taipei-city-government/');
  });

  it('finds it in English by Taipei and MoU', () => {
    const found = searchAsPage('en', ['Taipei', 'MoU']);
    for (const urls of Object.values(found)) expect(urls).toContain(release('en'));
  });
});

describe('ranking and showing results as the search page does', () => {
  const release = (path: string) => `/${path}/releases/${sample}/`;
  // The sample writes 타이베이, Taipei and 臺北; organization and event pages name the city in their
  // titles, and with Pagefind's default ranking they came first (the release was 6th of 7 in Korean).
  const cityQueries = [
    { lang: 'ko', path: 'ko', queries: ['타이베이', '타이베이에서'] },
    { lang: 'en', path: 'en', queries: ['Taipei'] },
    { lang: 'zh-hant', path: 'zh-hant', queries: ['臺北'] },
  ];

  it.each(cityQueries)('puts the release first for its city in $lang', ({ lang, path, queries }) => {
    const found = searchRanked(lang, queries);
    for (const query of queries) {
      const urls = found[query]!.map((result) => result.url);
      expect(urls[0], `${query}: ${urls.join(', ')}`).toBe(release(path));
      expect(urls.length, query).toBeGreaterThan(1);
    }
  });

  it.each(cityQueries)('indexes only the release’s own text in $lang, so excerpts come from it, not from lists of names', ({ lang, path, queries }) => {
    const found = searchRanked(lang, queries)[queries[0]!]!.find((result) => result.url === release(path))!;
    const $ = loadPage(siteDir, release(path));
    const words = (selector: string) => $(selector).first().text().replace(/\s+/g, ' ').trim();
    // The body's lede is in the index; the downloads, related pages, contact and boilerplate are not.
    expect(found.content).toContain(words('.release-body p').slice(0, 40));
    for (const selector of ['.downloads > p.meta', '#related-heading + .cards > li', '.press-contact p', '.about p']) {
      expect(words(selector), selector).not.toBe('');
      expect(found.content, selector).not.toContain(words(selector));
    }
  });

  it.each(locales)('gives each $code result its kind, and the release its date and thumbnail', (locale) => {
    const t = useTranslations(locale.code);
    const results = searchRanked(indexName(locale.code), ['TCA'])['TCA']!;
    const found = results.find((result) => result.url === release(locale.path))!;
    expect(found.meta.type).toBe(t('search.type.release'));
    expect(found.meta.date).toMatch(/2023/);
    expect(found.meta.image).toMatch(/^\/media\/.+\.(jpe?g|webp|avif|png)$/);
    const event = results.find((result) => result.url === `/${locale.path}/events/scse-2023/`)!;
    expect(event.meta.type).toBe(t('search.type.event'));
    expect(event.meta.date).toBeUndefined();
  });

  it('keeps the terms and values of fact lists apart in what results show', () => {
    const ntca = searchRanked('en', ['NTCA'])['NTCA']!.find((result) => result.url === '/en/organizations/ntca/')!;
    expect(ntca.content).toMatch(/Founded\W+1987/);
    expect(ntca.content).not.toMatch(/Founded1987|AbbreviationNTCA/);
  });
});

describe.each(locales)('the $code search page', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/search/`);

  it('loads Pagefind’s UI and stylesheet from files, and our starter as a module file', () => {
    expect($('html').attr('lang')).toBe(locale.code);
    expect($('link[rel="stylesheet"][href="/pagefind/pagefind-ui.css"]').length).toBe(1);
    expect($('script[src="/pagefind/pagefind-ui.js"]').length).toBe(1);
    const starter = $('script[type="module"]').attr('src')!;
    const starterCode = readFileSync(join(siteDir, starter), 'utf8');
    expect(starterCode).toContain('PagefindUI');
    expect(starterCode).toContain('processTerm');
    for (const file of ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind.js']) expect(existsSync(join(pagefindDir, file)), file).toBe(true);
    // No inline script: each script element has a src.
    expect($('script:not([src])').length).toBe(0);
  });

  it('gives the UI its strings in this language and stays out of search engines', () => {
    const translations = JSON.parse($('[data-search]').attr('data-translations')!);
    expect(Object.keys(translations).length).toBeGreaterThanOrEqual(10);
    expect(translations.zero_results).toContain('[SEARCH_TERM]');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
  });

  it('links the release archive and the topics for readers without JavaScript', () => {
    const noscript = loadFragment($('noscript').html() ?? '');
    const hrefs = noscript('a').toArray().map((link) => noscript(link).attr('href'));
    expect(hrefs).toEqual([`/${locale.path}/releases/`, `/${locale.path}/tags/`]);
  });

  it('is linked from every page of the language', () => {
    const home = loadPage(siteDir, `/${locale.path}/`);
    expect(home('header a').toArray().map((link) => home(link).attr('href'))).toContain(`/${locale.path}/search/`);
  });
});
