import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales, type LocaleCode } from '../../../src/i18n/locales';
import { tagSlug } from '../../../src/lib/view/tags';
import { projectRoot } from '../../helpers/build-site';
import { loadPage } from '../../helpers/html';
import { assertWellFormedXml } from '../../helpers/xml';

const siteDir = inject('siteDir');
const buildNow = new Date(inject('buildNow'));
const site = 'https://press.sdf.example.org';
const kinds = ['categories', 'tags', 'organizations', 'events'] as const;
type Kind = (typeof kinds)[number];

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'category'].includes(name) });
const built = (path: string) => readFileSync(join(siteDir, path), 'utf8');
const localFile = (url: string) => join(siteDir, decodeURI(new URL(url).pathname));

/**
 * What the shared build was made from (tests/helpers/shared-site.ts), read from the source files
 * rather than from anything the build wrote: the sample, the Korean-only and the embargoed fixture.
 */
interface SourceRelease {
  slug: string;
  date: Date;
  public: boolean;
  /** The topics of each language version it has. */
  topics: Partial<Record<LocaleCode, Array<`${Kind}/${string}`>>>;
}

const frontmatter = (file: string) => parseYaml(readFileSync(file, 'utf8').split(/^---$/m)[1]!) as Record<string, any>;

const releaseFolders = [join(projectRoot, 'content/releases'), join(projectRoot, 'tests/fixtures/ko-only-release/releases'), join(projectRoot, 'tests/fixtures/embargoed-release/releases')]
  .flatMap((root) => readdirSync(root).map((slug) => ({ slug, dir: join(root, slug) })));

const sources: SourceRelease[] = releaseFolders.map(({ slug, dir }) => {
  const original = frontmatter(join(dir, 'ko.mdx'));
  const embargo = original.embargo ? new Date(original.embargo) : undefined;
  const topics: SourceRelease['topics'] = {};
  for (const locale of locales) {
    const file = join(dir, `${locale.path}.mdx`);
    if (!existsSync(file)) continue;
    const version = frontmatter(file);
    topics[locale.code] = [
      `categories/${original.category}`,
      ...(version.tags ?? []).map((tag: string) => `tags/${tagSlug(tag)}` as const),
      ...(original.organizations ?? []).map((id: string) => `organizations/${id}` as const),
      ...(original.event ? [`events/${original.event}` as const] : []),
    ];
  }
  return { slug, date: new Date(original.date), public: !original.draft && (!embargo || embargo <= buildNow), topics };
});
const sample = sources.find((release) => release.slug === 'scse-2023-taipei')!;
const embargoed = sources.find((release) => release.slug === 'fixture-embargoed')!;

/** Topic → the releases (newest first) that the topic's feed in `locale` must list. */
function expectedFeeds(locale: LocaleCode): Map<string, string[]> {
  const feeds = new Map<string, string[]>();
  for (const release of sources.filter((candidate) => candidate.public).sort((a, b) => b.date.getTime() - a.date.getTime())) {
    for (const topic of new Set(release.topics[locale] ?? [])) feeds.set(topic, [...(feeds.get(topic) ?? []), release.slug]);
  }
  return feeds;
}

/** The topic feeds the build wrote for a language, as `kind/id`. */
function builtTopics(localePath: string): string[] {
  return kinds.flatMap((kind) => {
    const dir = join(siteDir, localePath, kind);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'rss.xml')))
      .map((entry) => `${kind}/${entry.name}`);
  });
}

it('the source holds what these tests rely on: the sample in every topic kind, the embargoed fixture under the same event', () => {
  expect(sample.topics.en).toEqual(expect.arrayContaining(['categories/international', 'events/scse-2023']));
  expect(sample.topics.en!.filter((topic) => topic.startsWith('organizations/')).length).toBe(6);
  expect(sample.topics.en!.filter((topic) => topic.startsWith('tags/')).length).toBeGreaterThan(0);
  expect(embargoed.public).toBe(false);
  expect(embargoed.topics.ko).toContain('events/scse-2023');
});

describe.each(locales)('the $code topic feeds', (locale) => {
  const expected = expectedFeeds(locale.code);
  const siteItems: Record<string, any>[] = parser.parse(built(`${locale.path}/rss.xml`)).rss.channel.item ?? [];

  it('exist exactly for the topics with a release translated into the language', () => {
    expect(builtTopics(locale.path).sort()).toEqual([...expected.keys()].sort());
    for (const kind of kinds) expect([...expected.keys()].some((topic) => topic.startsWith(`${kind}/`)), kind).toBe(true);
  });

  it.each([...expected.keys()])('%s: RSS lists exactly its releases in this language, with the site feed’s items', (topic) => {
    const path = `/${locale.path}/${topic}/`;
    const xml = built(`${path}rss.xml`);
    expect(() => assertWellFormedXml(xml)).not.toThrow();
    const { channel } = parser.parse(xml).rss;
    const items: Record<string, any>[] = channel.item ?? [];
    expect(items.map((item) => item.link)).toEqual(expected.get(topic)!.map((slug) => `${site}/${locale.path}/releases/${slug}/`));
    expect(channel.language).toBe(locale.code);
    expect(decodeURI(channel.link)).toBe(`${site}${path}`);
    expect(decodeURI(channel['atom:link']['@_href'])).toBe(`${site}${path}rss.xml`);
    // Same items as the language's site feed: one rule and one item-builder for both.
    for (const item of items) expect(item).toEqual(siteItems.find((candidate) => candidate.link === item.link));
    // The title says what it follows: the topic page's own heading.
    const $ = loadPage(siteDir, path);
    const name = $('h1').text().trim();
    expect(channel.title).toContain(name);
    expect(channel.title).not.toBe(parser.parse(built(`${locale.path}/rss.xml`)).rss.channel.title);
  });

  it.each([...expected.keys()])('%s: the JSON Feed carries the same items', (topic) => {
    const path = `/${locale.path}/${topic}/`;
    const feed = JSON.parse(built(`${path}feed.json`));
    const { channel } = parser.parse(built(`${path}rss.xml`)).rss;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe(locale.code);
    expect(decodeURI(feed.feed_url)).toBe(`${site}${path}feed.json`);
    expect(feed.title).toBe(channel.title);
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual(channel.item.map((item: { link: string }) => item.link));
  });

  it.each([...expected.keys()])('%s: its page links both feeds in the head, beside the site-wide ones', (topic) => {
    const path = `/${locale.path}/${topic}/`;
    const $ = loadPage(siteDir, path);
    const rss = $('link[rel="alternate"][type="application/rss+xml"]').map((_, link) => ({ href: decodeURI($(link).attr('href')!), title: $(link).attr('title')! })).get();
    const json = $('link[rel="alternate"][type="application/feed+json"]').map((_, link) => decodeURI($(link).attr('href')!)).get();
    expect(rss.map((link) => link.href)).toEqual([`${site}/${locale.path}/rss.xml`, `${site}${path}rss.xml`]);
    expect(json).toEqual([`${site}/${locale.path}/feed.json`, `${site}${path}feed.json`]);
    expect(rss[1]!.title).toContain($('h1').text().trim());
    expect(rss[1]!.title).toMatch(/RSS/);
  });

  it('a topic page without releases in this language announces no topic feed', () => {
    // The Korean-only fixture's organization has releases in Korean only.
    const $ = loadPage(siteDir, `/${locale.path}/organizations/fixture-ko-only-org/`);
    expect($('link[rel="alternate"][type="application/rss+xml"]').length).toBe(locale.code === 'ko' ? 2 : 1);
  });
});

describe('feeds by topic and what is not public', () => {
  const feedFiles = locales.flatMap((locale) => [
    `${locale.path}/rss.xml`,
    `${locale.path}/feed.json`,
    ...builtTopics(locale.path).flatMap((topic) => [`${locale.path}/${topic}/rss.xml`, `${locale.path}/${topic}/feed.json`]),
  ]);

  it('the embargoed release is in no feed, not even its event’s', () => {
    expect(feedFiles.length).toBeGreaterThan(20);
    for (const file of feedFiles) expect(built(file), file).not.toContain('fixture-embargoed');
    expect(existsSync(join(siteDir, 'ko/categories/announcement/rss.xml'))).toBe(true); // the Korean-only fixture's category
  });

  it('the Korean-only release is only in Korean feeds: the site feed and its topics’', () => {
    const koOnly = sources.find((release) => release.slug === 'fixture-ko-only')!;
    const its = new Set(['ko/rss.xml', 'ko/feed.json', ...koOnly.topics.ko!.flatMap((topic) => [`ko/${topic}/rss.xml`, `ko/${topic}/feed.json`])]);
    expect(its.size).toBeGreaterThan(4);
    for (const file of feedFiles) expect(built(file).includes('/releases/fixture-ko-only/'), file).toBe(its.has(file));
  });
});

describe.each(locales)('the $code Subscribe page', (locale) => {
  const path = `/${locale.path}/subscribe/`;
  const $ = loadPage(siteDir, path);
  const fields = $('input[readonly]').map((_, input) => ({ id: $(input).attr('id')!, url: $(input).attr('value')! })).get();

  it('offers every feed of the language, each address absolute and built', () => {
    const all = [`/${locale.path}/rss.xml`, `/${locale.path}/feed.json`, ...builtTopics(locale.path).flatMap((topic) => [`/${locale.path}/${topic}/rss.xml`, `/${locale.path}/${topic}/feed.json`])];
    expect(fields.map((field) => decodeURI(new URL(field.url).pathname)).sort()).toEqual(all.sort());
    for (const field of fields) {
      expect(field.url.startsWith(`${site}/${locale.path}/`)).toBe(true);
      expect(existsSync(localFile(field.url)), field.url).toBe(true);
    }
  });

  it('gives each address a visible label and a link to the feed', () => {
    for (const field of fields) {
      const label = $(`label[for="${field.id}"]`);
      expect(label.length, field.id).toBe(1);
      expect(label.hasClass('sr-only')).toBe(false);
      expect(label.text().trim()).not.toBe('');
      const link = $(`#${field.id}`).siblings('a');
      expect(decodeURI(link.attr('href')!)).toBe(decodeURI(new URL(field.url).pathname));
    }
  });

  it('groups topic feeds by kind under headings, and has no e-mail form without PRESS_SIGNUP_URL', () => {
    expect($('main h2').length).toBe(1 + kinds.length);
    expect($('form').length).toBe(0);
    expect($('meta[http-equiv="content-security-policy"]').attr('content')).toMatch(/form-action 'self'(;|$)/);
  });

  it('is linked from the footer and the home page’s Follow block, and listed in the sitemap', () => {
    expect($('footer a').filter((_, link) => $(link).attr('href') === path).length).toBe(1);
    expect(loadPage(siteDir, `/${locale.path}/`)(`main a[href="${path}"]`).length).toBe(1);
    const sitemap = readdirSync(siteDir).filter((file) => /^sitemap-\d+\.xml$/.test(file)).map((file) => built(file)).join('\n');
    expect(sitemap).toContain(`<loc>${site}${path}</loc>`);
    expect(sitemap).not.toMatch(/rss\.xml|feed\.json/);
  });
});
