import { localeByCode, type LocaleCode } from '../../i18n/locales';
import { siteConfig } from '../../site.config';

/** Site-relative URLs of every page type, in one place so links and hreflang never disagree. */
export const paths = {
  chooser: () => '/',
  home: (locale: LocaleCode) => `/${localeByCode(locale).path}/`,
  archive: (locale: LocaleCode, page = 1) => `/${localeByCode(locale).path}/releases/${page > 1 ? `page/${page}/` : ''}`,
  release: (locale: LocaleCode, slug: string) => `/${localeByCode(locale).path}/releases/${slug}/`,
  event: (locale: LocaleCode, id: string) => `/${localeByCode(locale).path}/events/${id}/`,
  mou: (locale: LocaleCode, id: string) => `/${localeByCode(locale).path}/mous/${id}/`,
  organization: (locale: LocaleCode, id: string) => `/${localeByCode(locale).path}/organizations/${id}/`,
  photos: (locale: LocaleCode) => `/${localeByCode(locale).path}/photos/`,
  usageTerms: (locale: LocaleCode) => `/${localeByCode(locale).path}/usage-terms/`,
  // Downloads are the same file in every language, so their URLs carry none.
  releasePack: (slug: string) => `/packs/releases/${slug}.zip`,
  eventPack: (id: string) => `/packs/events/${id}.zip`,
  original: (photoId: string) => `/photos/originals/${photoId}.jpg`,
  attachment: (slug: string, fileName: string) => `/files/releases/${slug}/${fileName}`,
  eventCalendar: (locale: LocaleCode, id: string) => `/${localeByCode(locale).path}/events/${id}.ics`,
  category: (locale: LocaleCode, category: string) => `/${localeByCode(locale).path}/categories/${category}/`,
  tags: (locale: LocaleCode) => `/${localeByCode(locale).path}/tags/`,
  tag: (locale: LocaleCode, slug: string) => `/${localeByCode(locale).path}/tags/${slug}/`,
  search: (locale: LocaleCode) => `/${localeByCode(locale).path}/search/`,
  rss: (locale: LocaleCode) => `/${localeByCode(locale).path}/rss.xml`,
  jsonFeed: (locale: LocaleCode) => `/${localeByCode(locale).path}/feed.json`,
  // A topic's feeds sit beside its page (`kind` is the page's folder: categories, tags, organizations, events).
  topicRss: (locale: LocaleCode, kind: string, id: string) => `/${localeByCode(locale).path}/${kind}/${id}/rss.xml`,
  topicJsonFeed: (locale: LocaleCode, kind: string, id: string) => `/${localeByCode(locale).path}/${kind}/${id}/feed.json`,
  subscribe: (locale: LocaleCode) => `/${localeByCode(locale).path}/subscribe/`,
  sitemapIndex: () => '/sitemap-index.xml',
  logo: () => '/logo.svg',
};

/** Absolute URL on the published site, as canonical links, hreflang and feeds require. */
export function absoluteUrl(path: string, site: string = siteConfig.url): string {
  return new URL(path, site).href;
}
