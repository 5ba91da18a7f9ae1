import type { LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { categories } from '../../schemas/vocabulary';
import { ContentError } from '../content/problems';
import type { Release } from '../content/releases';
import type { SiteContent } from '../content/site-content';
import type { LocalizedText } from '../../schemas/localized';
import { pickText } from '../view/localized-text';
import { tagSlug } from '../view/tags';
import { paths } from '../view/urls';

export interface Tag {
  slug: string;
  /** As the first (newest) release wrote it. */
  name: string;
  releases: Release[];
}

/**
 * Tags are words of one language, so a locale's tags come from its real translations only: a
 * page showing an untranslated original has no tags in the reader's language.
 */
export function tagsIn(content: SiteContent, locale: LocaleCode): Tag[] {
  const bySlug = new Map<string, Tag>();
  for (const release of content.releases) {
    const version = release.versions[locale];
    if (!version) continue;
    for (const name of version.data.tags) {
      const slug = tagSlug(name);
      if (!slug) {
        throw new ContentError([
          {
            file: version.filePath ?? version.id,
            field: 'tags',
            problem: `the tag "${name}" has no letters or digits, so it cannot have a page`,
            fix: 'write the tag as a word, or remove it',
            ko: { problem: `태그 "${name}"에 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다`, fix: '낱말로 쓰거나 지우세요' },
          },
        ]);
      }
      const tag = bySlug.get(slug) ?? { slug, name, releases: [] };
      if (!tag.releases.includes(release)) tag.releases.push(release);
      bySlug.set(slug, tag);
    }
  }
  const collator = new Intl.Collator(locale);
  return [...bySlug.values()].sort((a, b) => b.releases.length - a.releases.length || collator.compare(a.name, b.name));
}

/** The folders topic pages live in, which are also the kinds of topic a reader can follow. */
export const topicKinds = ['categories', 'tags', 'organizations', 'events'] as const;
export type TopicKind = (typeof topicKinds)[number];

/** Something a reader can follow in one language, with the releases about it translated into that language. */
export interface Topic {
  kind: TopicKind;
  /** The id in the topic's URL: a category, tag slug, organization or event id. */
  id: string;
  /** Its name in the language (an entry's name falls back like its page does). */
  name: string;
  /** The language `name` is written in, when it is borrowed from the original. */
  nameLocale?: LocaleCode;
  /** Its page, site-relative. */
  href: string;
  /** Newest first, as `content.releases`. */
  releases: Release[];
}

export type Topics = Record<TopicKind, Topic[]>;

/** A topic's feeds as a page's head announces them. */
export interface TopicFeedLinks {
  rss: { href: string; title: string };
  json: { href: string; title: string };
}

const madeTopics = new WeakMap<SiteContent, Map<LocaleCode, { topics: Topics; byKey: Map<string, Topic> }>>();

function add(groups: Map<string, Release[]>, id: string, release: Release) {
  const releases = groups.get(id);
  if (releases) releases.push(release);
  else groups.set(id, [release]);
}

/**
 * Every topic of a language that has at least one release translated into it. One pass over the
 * releases per language, kept for the build, so that topic pages, topic feeds and the Subscribe
 * page cost time in proportion to the releases, not to releases × topics.
 */
function indexTopics(content: SiteContent, locale: LocaleCode) {
  const made = madeTopics.get(content) ?? new Map();
  madeTopics.set(content, made);
  const known = made.get(locale);
  if (known) return known;

  const t = useTranslations(locale);
  const byCategory = new Map<string, Release[]>();
  const byOrganization = new Map<string, Release[]>();
  const byEvent = new Map<string, Release[]>();
  for (const release of content.releases) {
    if (!release.versions[locale]) continue;
    add(byCategory, release.category, release);
    for (const id of new Set(release.organizations)) add(byOrganization, id, release);
    if (release.event) add(byEvent, release.event, release);
  }
  const collator = new Intl.Collator(locale);
  const byName = (a: Topic, b: Topic) => collator.compare(a.name, b.name);
  const named = (groups: Map<string, Release[]>, kind: 'organizations' | 'events', entries: Map<string, { data: { name: LocalizedText } }>, href: (id: string) => string) =>
    [...groups]
      .map(([id, releases]): Topic => {
        const name = pickText(entries.get(id)!.data.name, locale);
        return { kind, id, name: name.text, nameLocale: name.isFallback ? name.locale : undefined, href: href(id), releases };
      })
      .sort(byName);

  const topics: Topics = {
    categories: categories
      .filter((category) => byCategory.has(category))
      .map((category) => ({ kind: 'categories', id: category, name: t(`category.${category}`), href: paths.category(locale, category), releases: byCategory.get(category)! })),
    tags: tagsIn(content, locale).map((tag) => ({ kind: 'tags', id: tag.slug, name: tag.name, href: paths.tag(locale, tag.slug), releases: tag.releases })),
    organizations: named(byOrganization, 'organizations', content.organizations, (id) => paths.organization(locale, id)),
    events: named(byEvent, 'events', content.events, (id) => paths.event(locale, id)),
  };
  const byKey = new Map(topicKinds.flatMap((kind) => topics[kind].map((topic) => [`${kind}/${topic.id}`, topic] as const)));
  const index = { topics, byKey };
  made.set(locale, index);
  return index;
}

/** The topics of a language, by kind, each in the order its list shows them. */
export function topicsIn(content: SiteContent, locale: LocaleCode): Topics {
  return indexTopics(content, locale).topics;
}

/** A topic's feeds, named for the reader's feed list. */
export function feedLinksOf(topic: Pick<Topic, 'kind' | 'id' | 'name'>, locale: LocaleCode): TopicFeedLinks {
  const t = useTranslations(locale);
  return {
    rss: { href: paths.topicRss(locale, topic.kind, topic.id), title: t('feed.topicRssTitle', { topic: topic.name }) },
    json: { href: paths.topicJsonFeed(locale, topic.kind, topic.id), title: t('feed.topicJsonTitle', { topic: topic.name }) },
  };
}

/**
 * The feeds of the topic a page is about, when it has them: a topic has feeds in a language only
 * where a release about it is translated into that language (an empty feed would look broken).
 */
export function topicFeedLinks(content: SiteContent, locale: LocaleCode, kind: TopicKind, id: string): TopicFeedLinks | undefined {
  const topic = indexTopics(content, locale).byKey.get(`${kind}/${id}`);
  return topic && feedLinksOf(topic, locale);
}
