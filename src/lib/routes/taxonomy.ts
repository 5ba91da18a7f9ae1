import { defaultLocale, localeCodes, locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { categories } from '../../schemas/vocabulary';
import { siteContent, type SiteContent } from '../content/site-content';
import { pageMeta } from '../view/page-meta';
import { tagSlug } from '../view/tags';
import { feedLinksOf, tagsIn, topicFeedLinks, type Tag } from './topics';
import { paths } from '../view/urls';
import { releaseCard } from './release-card';

type Category = (typeof categories)[number];

/** Categories that have at least one release, in vocabulary order. */
function usedCategories(content: SiteContent): Category[] {
  return categories.filter((category) => content.releases.some((release) => release.category === category));
}

export function categoryPage(content: SiteContent, locale: LocaleCode, category: Category) {
  const t = useTranslations(locale);
  const label = t(`category.${category}`);
  return {
    locale,
    label,
    cards: content.releases.filter((release) => release.category === category).map((release) => releaseCard(release, locale)),
    feeds: topicFeedLinks(content, locale, 'categories', category),
    meta: pageMeta({
      locale,
      heading: t('category.pageTitle', { category: label }),
      description: t('category.pageDescription', { category: label }),
      pathIn: (code) => paths.category(code, category),
      xDefault: paths.category(defaultLocale, category),
      searchable: false,
    }),
  };
}
export type CategoryPageProps = ReturnType<typeof categoryPage>;

export async function categoryPagePaths() {
  const content = await siteContent();
  return usedCategories(content).flatMap((category) =>
    locales.map((locale) => ({ params: { lang: locale.path, category }, props: categoryPage(content, locale.code, category) })),
  );
}

/** The list of a language's categories and tags. */
export function topicsPage(content: SiteContent, locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    categories: usedCategories(content).map((category) => ({ label: t(`category.${category}`), href: paths.category(locale, category) })),
    tags: tagsIn(content, locale).map((tag) => ({ name: tag.name, href: paths.tag(locale, tag.slug), count: tag.releases.length })),
    meta: pageMeta({
      locale,
      heading: t('tags.title'),
      description: t('tags.description'),
      pathIn: paths.tags,
      translatedIn: localeCodes,
      xDefault: paths.tags(defaultLocale),
      searchable: false,
    }),
  };
}
export type TopicsPageProps = ReturnType<typeof topicsPage>;

export async function topicsPagePaths() {
  const content = await siteContent();
  return locales.map((locale) => ({ params: { lang: locale.path }, props: topicsPage(content, locale.code) }));
}

/**
 * The tag of another language that stands for `tag`: translations list their tags in the same
 * order as the original, so in every release carrying the tag that has a version in `other` with
 * as many tags, the tag at the same position. Only one answer across those releases counts;
 * none, or several, give undefined.
 */
export function equivalentTag(tag: Tag, locale: LocaleCode, other: LocaleCode): string | undefined {
  const found = new Set<string>();
  for (const release of tag.releases) {
    const own = release.versions[locale]?.data.tags ?? [];
    const theirs = release.versions[other]?.data.tags;
    if (!theirs || theirs.length !== own.length) continue;
    const at = own.findIndex((name) => tagSlug(name) === tag.slug);
    const slug = at >= 0 ? tagSlug(theirs[at]!) : '';
    if (slug) found.add(slug);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * A tag page exists in one language only, so its hreflang lists itself alone. The language
 * switcher leads to the equivalent tag's page in each other language (`equivalentTag`), or to
 * that language's list of tags when there is no single equivalent.
 */
export function tagPage(locale: LocaleCode, tag: Tag) {
  const t = useTranslations(locale);
  const own = paths.tag(locale, tag.slug);
  return {
    locale,
    name: tag.name,
    cards: tag.releases.map((release) => releaseCard(release, locale)),
    // A tag has a page only where it has releases in that language, so it always has feeds.
    feeds: feedLinksOf({ kind: 'tags', id: tag.slug, name: tag.name }, locale),
    meta: pageMeta({
      locale,
      heading: t('tag.pageTitle', { tag: tag.name }),
      description: t('tag.pageDescription', { tag: tag.name }),
      pathIn: (code) => {
        if (code === locale) return own;
        const equivalent = equivalentTag(tag, locale, code);
        return equivalent ? paths.tag(code, equivalent) : paths.tags(code);
      },
      translatedIn: [locale],
      xDefault: own,
      searchable: false,
    }),
  };
}
export type TagPageProps = ReturnType<typeof tagPage>;

export async function tagPagePaths() {
  const content = await siteContent();
  return locales.flatMap((locale) =>
    tagsIn(content, locale.code).map((tag) => ({ params: { lang: locale.path, tag: tag.slug }, props: tagPage(locale.code, tag) })),
  );
}
