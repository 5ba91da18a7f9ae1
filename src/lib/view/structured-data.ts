/**
 * schema.org JSON-LD for release, event and organization pages. Builders take plain values (URLs
 * already absolute, texts already in the page's language) so they can be tested without a build.
 */
import { eventMoment } from './time-zones';

export type JsonLd = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | JsonLd | JsonValue[];

/**
 * JSON for a `<script type="application/ld+json">` element. `</script>` or `<!--` inside any text
 * would end or derail the element, so `<`, `>` and `&` are written as \u escapes (still the same
 * JSON string), and so are U+2028/U+2029, which some JavaScript consumers choke on.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Leaves out properties whose value is missing, so optional facts simply do not appear. */
function defined(object: Record<string, JsonValue | undefined>): JsonLd {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as JsonLd;
}

export interface OrganizationFacts {
  /** The organization's page on this site (absolute). */
  page: string;
  name: string;
  abbreviation?: string;
  description?: string;
  website?: string;
  /** ISO 3166 country code of its seat. */
  country?: string;
  founded?: number;
  /** Absolute URL of a logo, for the publisher. */
  logo?: string;
  parent?: { page: string; name: string };
}

export const organizationId = (page: string) => `${page}#organization`;

export function organizationLd(facts: OrganizationFacts, context = true): JsonLd {
  return defined({
    ...(context ? { '@context': 'https://schema.org' } : {}),
    '@type': 'Organization',
    '@id': organizationId(facts.page),
    name: facts.name,
    alternateName: facts.abbreviation !== facts.name ? facts.abbreviation : undefined,
    description: facts.description,
    url: facts.website ?? facts.page,
    sameAs: facts.website ? [facts.page] : undefined,
    foundingDate: facts.founded === undefined ? undefined : String(facts.founded),
    address: facts.country ? { '@type': 'PostalAddress', addressCountry: facts.country } : undefined,
    logo: facts.logo ? { '@type': 'ImageObject', url: facts.logo } : undefined,
    parentOrganization: facts.parent
      ? { '@type': 'Organization', '@id': organizationId(facts.parent.page), name: facts.parent.name }
      : undefined,
  });
}

export interface EventFacts {
  /** The event's page on this site (absolute). */
  page: string;
  name: string;
  description: string;
  /** Wall-clock day or time (YYYY-MM-DD[THH:mm]) in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  venue: string;
  address?: string;
  city: string;
  country: string;
  status: string;
  attendanceMode: string;
  organizer?: { page: string; name: string };
  image?: string;
  website?: string;
}

export const eventId = (page: string) => `${page}#event`;

export function eventLd(facts: EventFacts, context = true): JsonLd {
  return defined({
    ...(context ? { '@context': 'https://schema.org' } : {}),
    '@type': 'Event',
    '@id': eventId(facts.page),
    name: facts.name,
    description: facts.description,
    url: facts.page,
    startDate: eventMoment(facts.start, facts.timeZone),
    endDate: eventMoment(facts.end, facts.timeZone),
    eventStatus: `https://schema.org/${facts.status}`,
    eventAttendanceMode: `https://schema.org/${facts.attendanceMode}`,
    location: {
      '@type': 'Place',
      name: facts.venue,
      address: defined({
        '@type': 'PostalAddress',
        streetAddress: facts.address,
        addressLocality: facts.city,
        addressCountry: facts.country,
      }),
    },
    organizer: facts.organizer
      ? { '@type': 'Organization', '@id': organizationId(facts.organizer.page), name: facts.organizer.name, url: facts.organizer.page }
      : undefined,
    image: facts.image ? [facts.image] : undefined,
    sameAs: facts.website ? [facts.website] : undefined,
  });
}

/** One language version of a release, as another version refers to it. */
export interface ArticleVersion {
  url: string;
  inLanguage: string;
}

export interface ArticleImage {
  url: string;
  width: number;
  height: number;
  caption?: string;
}

export interface NewsArticleFacts {
  /** Canonical URL of the version the page shows. */
  url: string;
  inLanguage: string;
  headline: string;
  description: string;
  /** ISO 8601 with offset. */
  datePublished: string;
  dateModified: string;
  keywords: string[];
  section: string;
  /** The byline: a team of the publisher rather than the publisher itself, hence no @id. */
  author: { name: string; url: string };
  publisher: OrganizationFacts;
  image?: ArticleImage;
  /** Set on a translation: the original it was translated from. */
  original?: ArticleVersion;
  /** Set on the original: its translations. */
  translations: ArticleVersion[];
  about?: EventFacts;
}

const articleId = (url: string) => `${url}#article`;

const articleRef = (version: ArticleVersion): JsonLd => ({
  '@type': 'NewsArticle',
  '@id': articleId(version.url),
  url: version.url,
  inLanguage: version.inLanguage,
});

export function newsArticleLd(facts: NewsArticleFacts): JsonLd {
  return defined({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': articleId(facts.url),
    url: facts.url,
    mainEntityOfPage: facts.url,
    inLanguage: facts.inLanguage,
    headline: facts.headline,
    description: facts.description,
    datePublished: facts.datePublished,
    dateModified: facts.dateModified,
    articleSection: facts.section,
    keywords: facts.keywords.length > 0 ? facts.keywords : undefined,
    author: [{ '@type': 'Organization', name: facts.author.name, url: facts.author.url }],
    publisher: organizationLd(facts.publisher, false),
    image: facts.image
      ? [defined({ '@type': 'ImageObject', url: facts.image.url, width: facts.image.width, height: facts.image.height, caption: facts.image.caption })]
      : undefined,
    translationOfWork: facts.original ? articleRef(facts.original) : undefined,
    workTranslation: facts.translations.length > 0 ? facts.translations.map(articleRef) : undefined,
    about: facts.about ? eventLd(facts.about, false) : undefined,
  });
}
