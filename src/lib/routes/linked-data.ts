/** Assembles the schema.org facts of each page type from the content, in the page's language. */
import { defaultLocale, localeCodes, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import type { CardImage } from '../media/card-image';
import { entry, type EventEntry, type OrganizationEntry, type SiteContent } from '../content/site-content';
import { countryName } from '../view/date-format';
import { textIn } from '../view/localized-text';
import type { ReleaseInLocale } from '../content/releases';
import {
  newsArticleLd,
  type ArticleVersion,
  type EventFacts,
  type JsonLd,
  type OrganizationFacts,
} from '../view/structured-data';
import { isoWithOffset } from '../view/time-zones';
import { absoluteUrl, paths } from '../view/urls';

export function organizationFacts(content: SiteContent, organization: OrganizationEntry, locale: LocaleCode): OrganizationFacts {
  const data = organization.data;
  const parent = data.parent ? entry(content.organizations, data.parent.id, 'organization') : undefined;
  return {
    page: absoluteUrl(paths.organization(locale, organization.id)),
    name: textIn(data.name, locale),
    abbreviation: data.abbreviation ? textIn(data.abbreviation, locale) : undefined,
    description: textIn(data.description, locale),
    website: data.website,
    country: data.country,
    founded: data.founded,
    logo: organization.id === siteConfig.publisher ? absoluteUrl(paths.logo()) : undefined,
    parent: parent ? { page: absoluteUrl(paths.organization(locale, parent.id)), name: textIn(parent.data.name, locale) } : undefined,
  };
}

export function eventFacts(content: SiteContent, event: EventEntry, locale: LocaleCode, image?: CardImage): EventFacts {
  const data = event.data;
  const organizer = data.organizer ? entry(content.organizations, data.organizer.id, 'organization') : undefined;
  return {
    page: absoluteUrl(paths.event(locale, event.id)),
    name: textIn(data.name, locale),
    description: textIn(data.description, locale),
    start: data.start,
    end: data.end,
    timeZone: data.timeZone,
    venue: textIn(data.venue, locale),
    address: data.address ? textIn(data.address, locale) : undefined,
    city: textIn(data.city, locale),
    country: data.country,
    status: data.status,
    attendanceMode: data.attendanceMode,
    organizer: organizer
      ? { page: absoluteUrl(paths.organization(locale, organizer.id)), name: textIn(organizer.data.name, locale) }
      : undefined,
    image: image?.url,
    website: data.website,
  };
}

/**
 * Where an event takes place, in one line of the reader's language (calendar LOCATION). The city
 * is left out when the street address already names it.
 */
export function eventPlace(event: EventEntry, locale: LocaleCode): string {
  const data = event.data;
  const parts = [textIn(data.venue, locale), data.address && textIn(data.address, locale), textIn(data.city, locale), countryName(data.country, locale)];
  return parts
    .filter((part): part is string => Boolean(part))
    .filter((part, index, all) => !all.slice(0, index).some((earlier) => earlier.includes(part)))
    .join(', ');
}

/**
 * The NewsArticle of one version. Ids and URLs are those of the version's canonical page, so the
 * version a page shows is described once, however many locales display it. Versions link each
 * other: the original lists its translations, a translation names its original.
 */
export function releaseArticle(content: SiteContent, view: ReleaseInLocale, image?: CardImage): JsonLd {
  const { release, entry: version, textLocale } = view;
  const t = useTranslations(textLocale);
  const versionOf = (code: LocaleCode): ArticleVersion => ({ url: absoluteUrl(paths.release(code, release.slug)), inLanguage: code });
  const publisher = organizationFacts(content, entry(content.organizations, siteConfig.publisher, 'organization'), textLocale);
  const event = release.event ? entry(content.events, release.event, 'event') : undefined;
  const isOriginal = textLocale === defaultLocale;
  return newsArticleLd({
    url: versionOf(textLocale).url,
    inLanguage: textLocale,
    headline: version.data.title,
    description: version.data.summary,
    datePublished: isoWithOffset(release.date, siteConfig.timeZone),
    dateModified: isoWithOffset(release.modified ?? release.date, siteConfig.timeZone),
    keywords: version.data.tags,
    section: t(`category.${release.category}`),
    author: { name: version.data.byline ?? publisher.name, url: publisher.page },
    publisher,
    image: image ? { url: image.url, width: image.width, height: image.height, caption: image.alt } : undefined,
    original: isOriginal ? undefined : versionOf(defaultLocale),
    translations: isOriginal ? localeCodes.filter((code) => code !== defaultLocale && release.versions[code]).map(versionOf) : [],
    about: event ? eventFacts(content, event, textLocale) : undefined,
  });
}
