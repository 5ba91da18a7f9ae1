import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { htmlFiles, pageUrlPath } from '../../../src/lib/after-build/built-files';
import { searchQuery } from '../../../src/lib/after-build/search-terms';
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

  it('is linked from every page of the language', () => {
    const home = loadPage(siteDir, `/${locale.path}/`);
    expect(home('header a').toArray().map((link) => home(link).attr('href'))).toContain(`/${locale.path}/search/`);
  });
});
