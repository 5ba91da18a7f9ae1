import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { htmlFiles, pageUrlPath } from '../../../src/lib/after-build/built-files';
import { alternates, loadPage } from '../../helpers/html';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['sitemap', 'url', 'xhtml:link'].includes(name) });
const read = (path: string) => readFileSync(join(siteDir, path), 'utf8');

const index = parser.parse(read('sitemap-index.xml')).sitemapindex;
const entries: { loc: string; links: Record<string, string> }[] = index.sitemap.flatMap((sitemap: { loc: string }) =>
  parser.parse(read(new URL(sitemap.loc).pathname)).urlset.url.map((url: { loc: string; 'xhtml:link'?: Record<string, string>[] }) => ({
    loc: url.loc,
    links: Object.fromEntries((url['xhtml:link'] ?? []).map((link) => [link['@_hreflang'], link['@_href']])),
  })),
);
const byUrl = new Map(entries.map((entry) => [entry.loc, entry]));
const pageOf = (url: string) => decodeURIComponent(new URL(url).pathname);

describe('the sitemap', () => {
  it('is a sitemap index announced by robots.txt', () => {
    expect(index.sitemap.length).toBeGreaterThan(0);
    expect(read('robots.txt')).toMatch(new RegExp(`^Sitemap: ${site}/sitemap-index.xml$`, 'm'));
  });

  it('lists every page that is its own canonical version and indexable, and nothing else', () => {
    const listed = htmlFiles(siteDir)
      .map((file) => pageUrlPath(siteDir, file))
      .filter((path) => {
        const $ = loadPage(siteDir, path);
        return $('link[rel="canonical"]').attr('href') === new URL(path, site).href && $('meta[name="robots"]').length === 0;
      })
      .map((path) => new URL(path, site).href);
    expect([...byUrl.keys()].sort()).toEqual(listed.sort());
    expect(listed.length).toBeGreaterThan(40);
  });

  it('leaves out pages that show an untranslated original (releases and entities alike), error pages and search pages', () => {
    expect(byUrl.has(`${site}/ko/releases/fixture-ko-only/`)).toBe(true);
    expect(byUrl.has(`${site}/ko/organizations/fixture-ko-only-org/`)).toBe(true);
    for (const path of ['/en/releases/fixture-ko-only/', '/zh-hant/releases/fixture-ko-only/', '/en/organizations/fixture-ko-only-org/', '/zh-hant/organizations/fixture-ko-only-org/', '/en/404/', '/ko/search/']) {
      expect(byUrl.has(`${site}${path}`), path).toBe(false);
    }
  });

  it('gives each page exactly the hreflang alternates the page itself declares', () => {
    for (const entry of entries) {
      expect(entry.links, entry.loc).toEqual(alternates(loadPage(siteDir, pageOf(entry.loc))));
    }
  });

  it('keeps alternates reciprocal: every listed alternate is an entry with the same set', () => {
    for (const entry of entries) {
      for (const [hreflang, href] of Object.entries(entry.links)) {
        if (hreflang === 'x-default') continue;
        expect(byUrl.get(href)?.links, `${entry.loc} → ${href}`).toEqual(entry.links);
      }
    }
  });

  it('dates releases by their last modification', () => {
    const release = parser.parse(read('sitemap-0.xml')).urlset.url.find((url: { loc: string }) => url.loc === `${site}/ko/releases/scse-2023-taipei/`);
    // The sample's correction (content/releases/scse-2023-taipei/ko.mdx, 15:00 in Seoul) is its last modification.
    expect(new Date(release.lastmod).toISOString()).toBe('2023-04-03T06:00:00.000Z');
  });
});
