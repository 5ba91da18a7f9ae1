import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { loadPage } from '../../helpers/html';
import { assertWellFormedXml } from '../../helpers/xml';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const sample = 'scse-2023-taipei';
const koOnly = 'fixture-ko-only';

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'category'].includes(name) });
const readFeed = (path: string) => readFileSync(join(siteDir, path), 'utf8');
const localFile = (url: string) => join(siteDir, new URL(url).pathname);

describe.each(locales)('the $code RSS feed', (locale) => {
  const xml = readFeed(`${locale.path}/rss.xml`);
  const { rss } = parser.parse(xml);
  const items: Record<string, any>[] = rss.channel.item ?? [];
  const links = items.map((item) => item.link);

  it('is well-formed RSS 2.0 in this language, announcing itself', () => {
    expect(() => assertWellFormedXml(xml)).not.toThrow();
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.language).toBe(locale.code);
    expect(rss.channel.link).toBe(`${site}/${locale.path}/`);
    expect(rss.channel['atom:link']['@_href']).toBe(`${site}/${locale.path}/rss.xml`);
    expect(rss.channel['atom:link']['@_rel']).toBe('self');
  });

  it('lists the sample release with its title, summary, date and link in this language', () => {
    const item = items.find((candidate) => candidate.link === `${site}/${locale.path}/releases/${sample}/`);
    expect(item).toBeDefined();
    const $ = loadPage(siteDir, `/${locale.path}/releases/${sample}/`);
    expect(item!.title).toBe($('h1').text());
    expect(item!.description).toBe($('meta[name="description"]').attr('content'));
    expect(new Date(item!.pubDate).toISOString()).toBe('2023-04-03T00:00:00.000Z');
    expect(item!.guid['#text']).toBe(item!.link);
    expect(item!.category).toContain($('article header .meta a').first().text());
  });

  it('lists a release only where it is translated', () => {
    expect(links.includes(`${site}/${locale.path}/releases/${koOnly}/`)).toBe(locale.code === 'ko');
    for (const link of links) expect(link.startsWith(`${site}/${locale.path}/`)).toBe(true);
  });

  it('lists releases newest first', () => {
    const dates = items.map((item) => new Date(item.pubDate).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('encloses the hero card image with its real byte size', () => {
    const item = items.find((candidate) => candidate.link.endsWith(`/releases/${sample}/`))!;
    const { '@_url': url, '@_length': length, '@_type': type } = item.enclosure;
    expect(type).toBe('image/jpeg');
    expect(Number(length)).toBe(statSync(localFile(url)).size);
    expect(Number(length)).toBeGreaterThan(0);
    expect(url).toBe(loadPage(siteDir, `/${locale.path}/releases/${sample}/`)('meta[property="og:image"]').attr('content'));
  });
});

describe.each(locales)('the $code JSON Feed', (locale) => {
  const feed = JSON.parse(readFeed(`${locale.path}/feed.json`));

  it('is a JSON Feed 1.1 in this language with the same items as the RSS feed', () => {
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe(locale.code);
    expect(feed.feed_url).toBe(`${site}/${locale.path}/feed.json`);
    const { rss } = parser.parse(readFeed(`${locale.path}/rss.xml`));
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual(rss.channel.item.map((item: { link: string }) => item.link));
    for (const item of feed.items) {
      expect(item.id).toBe(item.url);
      expect(item.content_text).toBeTruthy();
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
  });
});

describe('feed discovery', () => {
  it.each(locales)('every $code page links its language’s feeds', (locale) => {
    for (const page of [`/${locale.path}/`, `/${locale.path}/releases/${sample}/`, `/${locale.path}/events/scse-2023/`]) {
      const $ = loadPage(siteDir, page);
      expect($('link[rel="alternate"][type="application/rss+xml"]').attr('href')).toBe(`${site}/${locale.path}/rss.xml`);
      expect($('link[rel="alternate"][type="application/feed+json"]').attr('href')).toBe(`${site}/${locale.path}/feed.json`);
    }
  });
});
