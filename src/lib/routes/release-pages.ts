import { defaultLocale, locales, localeCodes, type LocaleCode } from '../../i18n/locales';
import { siteConfig } from '../../site.config';
import { useTranslations } from '../../i18n/ui';
import { cardImage, type CardImage } from '../media/card-image';
import { entry, photosOf, pressContactOf, publisherOf, siteContent, type SiteContent } from '../content/site-content';
import { releaseAttachmentLinks, releasePackLink } from '../packs/site-packs';
import { relatedReleases } from '../content/related-releases';
import { photoFigure } from '../view/photo-figure';
import { aboutIn, contactIn } from '../view/press-contact';
import { pageMeta } from '../view/page-meta';
import { isUnderEmbargo, releaseInLocale, type Release } from '../content/releases';
import { tagSlug } from '../view/tags';
import { isoWithOffset } from '../view/time-zones';
import { paths } from '../view/urls';
import { releaseArticle } from './linked-data';
import { releaseCard } from './release-card';
import { withCacheKeys } from '../view/page-cache-key';

/** The photo that stands for a release in cards, feeds and structured data, as a card image. */
export async function releaseCardImage(content: SiteContent, release: Release, locale: LocaleCode): Promise<CardImage | undefined> {
  const hero = release.hero ? content.photos.get(release.hero) : undefined;
  return hero ? cardImage(hero, locale) : undefined;
}

/** Props of one release page in one locale. */
export function releasePage(content: SiteContent, release: Release, locale: LocaleCode, image?: CardImage) {
  const view = releaseInLocale(release, locale);
  const t = useTranslations(locale);
  const photos = photosOf(content, release);
  const figures = photos.map((photo, index) => photoFigure(photo, content.people, locale, t, index + 1));
  const contact = pressContactOf(content, release);
  const publisher = publisherOf(content);
  return {
    ...view,
    photos,
    /** Every photo as its figure shows it, in the release's order: `<Photo>` in the body takes its own from here. */
    figures,
    /** The hero photo, shown with its caption under the title. */
    lead: figures.find((figure) => figure.id === release.hero),
    /** Near the top: the release's pack and every original on its own. */
    downloads: {
      pack: releasePackLink(release, locale),
      originals: figures.map((figure, index) => ({ number: index + 1, title: figure.title, original: figure.original })),
      attachments: releaseAttachmentLinks(release, locale),
    },
    /** When the release may be published, while it may not: only the embargoed preview has such pages. */
    embargoedUntil: isUnderEmbargo(release, content.now) ? release.embargo : undefined,
    /** Dated corrections, worded in the language the text is shown in (the original's where the translation has none). */
    corrections: release.corrections.map((correction) => ({
      date: correction.date,
      note: correction.notes[view.textLocale] ? { text: correction.notes[view.textLocale]!, locale: view.textLocale } : { text: correction.notes[defaultLocale]!, locale: defaultLocale },
    })),
    /** Other releases on the same event, MoUs, organizations or tags. */
    related: relatedReleases(content.releases, release, locale).map((other) => releaseCard(other, locale)),
    contact: contact && contactIn(contact, locale),
    about: publisher && aboutIn(publisher, locale),
    event: release.event ? entry(content.events, release.event, 'event') : undefined,
    mous: release.mous.map((id) => entry(content.mous, id, 'MoU')),
    organizations: release.organizations.map((id) => entry(content.organizations, id, 'organization')),
    categoryHref: paths.category(locale, release.category),
    // Tag pages exist per language; an untranslated original's tags belong to another language.
    tags: view.isFallback ? [] : view.entry.data.tags.map((name) => ({ name, href: paths.tag(locale, tagSlug(name)) })),
    structuredData: releaseArticle(content, view, image),
    meta: pageMeta({
      locale,
      heading: view.entry.data.title,
      description: view.entry.data.summary,
      pathIn: (code) => paths.release(code, release.slug),
      translatedIn: localeCodes.filter((code) => release.versions[code]),
      xDefault: paths.release(defaultLocale, release.slug),
      image,
      article: {
        published: isoWithOffset(release.date, siteConfig.timeZone),
        modified: isoWithOffset(release.modified ?? release.date, siteConfig.timeZone),
        section: t(`category.${release.category}`),
        tags: view.entry.data.tags,
      },
    }),
  };
}
export type ReleasePageProps = ReturnType<typeof releasePage>;

export async function releasePagePaths() {
  const content = await siteContent();
  return withCacheKeys(
    await Promise.all(
      content.releases.flatMap((release) =>
        locales.map(async (locale) => ({
          params: { lang: locale.path, slug: release.slug },
          props: releasePage(content, release, locale.code, await releaseCardImage(content, release, locale.code)),
        })),
      ),
    ),
  );
}

export const ARCHIVE_PAGE_SIZE = 20;

/** One page of the archive: releases newest first, grouped by year. */
export function archivePage(content: SiteContent, locale: LocaleCode, page: number, pageCount: number) {
  const t = useTranslations(locale);
  const slice = content.releases.slice((page - 1) * ARCHIVE_PAGE_SIZE, page * ARCHIVE_PAGE_SIZE);
  const years = new Map<number, ReturnType<typeof releaseCard>[]>();
  for (const release of slice) {
    const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: siteConfig.timeZone }).format(release.date));
    years.set(year, [...(years.get(year) ?? []), releaseCard(release, locale)]);
  }
  return {
    locale,
    page,
    pageCount,
    years: [...years].map(([year, cards]) => ({ year, cards })),
    previous: page > 1 ? paths.archive(locale, page - 1) : undefined,
    next: page < pageCount ? paths.archive(locale, page + 1) : undefined,
    meta: pageMeta({
      locale,
      heading: page > 1 ? t('archive.pageTitle', { page, total: pageCount }) : t('archive.title'),
      description: t('site.description'),
      pathIn: (code) => paths.archive(code, page),
      xDefault: paths.chooser(),
      searchable: false,
    }),
  };
}
export type ArchivePageProps = ReturnType<typeof archivePage>;

export async function archivePagePaths() {
  const content = await siteContent();
  const pageCount = Math.max(1, Math.ceil(content.releases.length / ARCHIVE_PAGE_SIZE));
  return withCacheKeys(
    locales.flatMap((locale) =>
      Array.from({ length: pageCount }, (_, index) => ({
        params: { lang: locale.path, page: index === 0 ? undefined : `page/${index + 1}` },
        props: archivePage(content, locale.code, index + 1, pageCount),
      })),
    ),
  );
}

