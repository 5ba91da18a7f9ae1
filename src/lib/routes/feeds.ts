import type { RSSOptions } from '@astrojs/rss';
import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import type { CardImage } from '../media/card-image';
import { siteContent, type SiteContent } from '../content/site-content';
import type { Release } from '../content/releases';
import { isoWithOffset } from '../view/time-zones';
import { absoluteUrl, paths } from '../view/urls';
import { releaseCardImage } from './release-pages';

/** Feeds carry the newest releases only; the archive has the rest. */
const FEED_ITEM_COUNT = 50;

export interface FeedItem {
  url: string;
  title: string;
  summary: string;
  published: Date;
  modified: Date;
  /** Category label and tags, in the feed's language. */
  categories: string[];
  tags: string[];
  image?: CardImage;
}

export type Feed = {
  locale: LocaleCode;
  title: string;
  description: string;
  home: string;
  rss: string;
  json: string;
  items: FeedItem[];
};

const madeItems = new WeakMap<Release, Partial<Record<LocaleCode, Promise<FeedItem>>>>();

/**
 * A release as an item of a feed in `locale`, made once per build: the site feed and every topic
 * feed it appears in (topic-feeds.ts) carry the same item, so they cannot disagree, and a release
 * filed under many topics costs one item per language.
 */
export function feedItem(content: SiteContent, release: Release, locale: LocaleCode): Promise<FeedItem> {
  const made = madeItems.get(release) ?? {};
  madeItems.set(release, made);
  made[locale] ??= (async (): Promise<FeedItem> => {
    const t = useTranslations(locale);
    const version = release.versions[locale];
    if (!version) throw new Error(`Internal error: ${release.slug} has no ${locale} version to put in a ${locale} feed`);
    return {
      url: absoluteUrl(paths.release(locale, release.slug)),
      title: version.data.title,
      summary: version.data.summary,
      published: release.date,
      modified: release.modified ?? release.date,
      categories: [t(`category.${release.category}`), ...version.data.tags],
      tags: version.data.tags,
      image: await releaseCardImage(content, release, locale),
    };
  })();
  return made[locale];
}

/**
 * The newest of `releases` (newest first) that are translated into `locale`, as feed items: a
 * feed reader subscribed in English should not receive Korean text (the release page shows it
 * with a notice, the feed cannot).
 */
export function feedItems(content: SiteContent, releases: Release[], locale: LocaleCode): Promise<FeedItem[]> {
  const translated = releases.filter((release) => release.versions[locale]).slice(0, FEED_ITEM_COUNT);
  return Promise.all(translated.map((release) => feedItem(content, release, locale)));
}

/** A language's site-wide feed: its newest translated releases, whatever they are about. */
export async function feedFor(content: SiteContent, locale: LocaleCode): Promise<Feed> {
  const t = useTranslations(locale);
  const items = await feedItems(content, content.releases, locale);
  return {
    locale,
    title: t('site.name'),
    description: t('site.description'),
    home: absoluteUrl(paths.home(locale)),
    rss: absoluteUrl(paths.rss(locale)),
    json: absoluteUrl(paths.jsonFeed(locale)),
    items,
  };
}

export async function feedPaths() {
  // A feed is for subscribers and aggregators, which republish: the embargoed preview has none.
  if (siteConfig.preview) return [];
  const content = await siteContent();
  return Promise.all(locales.map(async (locale) => ({ params: { lang: locale.path }, props: await feedFor(content, locale.code) })));
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * RSS 2.0 through @astrojs/rss. The enclosure is the release's card image, with the length in
 * bytes RSS 2.0 requires, as the media stage measured it.
 */
export function rssOptions(feed: Feed): RSSOptions {
  for (const text of [feed.title, feed.description, ...feed.items.flatMap((item) => [item.title, item.summary, ...item.categories])]) {
    // @astrojs/rss escapes markup characters, but these XML 1.0 cannot carry at all: readers would reject the whole feed.
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text) || !text.isWellFormed()) {
      throw new Error(`Internal error: feed text ${JSON.stringify(text)} holds a character XML cannot carry; the content checks should have refused it`);
    }
  }
  const newest = feed.items[0]?.modified;
  return {
    title: feed.title,
    description: feed.description,
    site: feed.home,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      `<language>${escapeXml(feed.locale)}</language>`,
      `<atom:link href="${escapeXml(feed.rss)}" rel="self" type="application/rss+xml"/>`,
      newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : '',
    ].join(''),
    items: feed.items.map((item) => ({
      title: item.title,
      link: item.url,
      description: item.summary,
      pubDate: item.published,
      categories: item.categories,
      enclosure: item.image ? { url: item.image.url, length: item.image.bytes, type: item.image.type } : undefined,
      // RSS 2.0 has no updated date; Atom's, in the namespace declared above, is what readers take.
      customData: item.modified.getTime() > item.published.getTime() ? `<atom:updated>${isoWithOffset(item.modified, siteConfig.timeZone)}</atom:updated>` : undefined,
    })),
  };
}

/** JSON Feed 1.1 (jsonfeed.org): the same items, for readers that prefer JSON. */
export function jsonFeed(feed: Feed) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    description: feed.description,
    home_page_url: feed.home,
    feed_url: feed.json,
    language: feed.locale,
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content_text: item.summary,
      image: item.image?.url,
      date_published: isoWithOffset(item.published, siteConfig.timeZone),
      date_modified: isoWithOffset(item.modified, siteConfig.timeZone),
      tags: item.tags,
    })),
  };
}
