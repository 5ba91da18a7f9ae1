import { defaultLocale, localeByCode, localeCodes, locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import type { CardImage } from '../media/card-image';
import { alternateLinks, type AlternateLink } from './hreflang';
import { absoluteUrl } from './urls';
import { siteConfig } from '../../site.config';

/** A link in the language switcher. */
export interface LanguageLink {
  locale: LocaleCode;
  label: string;
  href: string;
  current: boolean;
}

/** Everything the document head and the language switcher need to know about a page. */
export interface PageMeta {
  locale: LocaleCode;
  /** Full document title, site name included. */
  title: string;
  description: string;
  canonical: string;
  alternates: AlternateLink[];
  switcher: LanguageLink[];
  /** Social card image, when the page has one. */
  image?: CardImage;
  /** Keep out of search engines (error pages, internal pages). */
  noindex?: boolean;
  /** Whether the site search indexes the page's main content. */
  searchable: boolean;
  /** Open Graph: the page's own heading (or the site name), its kind and languages. */
  social: {
    title: string;
    type: 'website' | 'article';
    /** `og:locale` of the canonical version. */
    locale: string;
    /** `og:locale:alternate`: the other real translations only. */
    alternateLocales: string[];
  };
  /** Open Graph article facts (`article:*`), for releases. */
  article?: ArticleFacts;
}

export interface ArticleFacts {
  /** ISO 8601 with offset. */
  published: string;
  modified: string;
  section: string;
  tags: string[];
}

export interface PageMetaInput {
  locale: LocaleCode;
  /** The page's own heading; the site name is appended. */
  heading?: string;
  description: string;
  /** Where this page lives in each locale. */
  pathIn: (locale: LocaleCode) => string;
  /** Locales in which the page is a real translation; defaults to all. */
  translatedIn?: LocaleCode[];
  /** hreflang x-default target. */
  xDefault: string;
  image?: CardImage;
  noindex?: boolean;
  /** False for lists (home, archive, topics): they only repeat release summaries, which would crowd search results. */
  searchable?: boolean;
  article?: ArticleFacts;
}

/**
 * The page's `<meta name="robots">`: every page of the embargoed preview is kept out of search
 * engines and their links unfollowed, whatever the page itself asks, since a crawler that reaches
 * the preview past its access control must not index embargoed text.
 */
export function robotsDirective(noindex: boolean | undefined): string | undefined {
  if (siteConfig.preview) return 'noindex, nofollow';
  return noindex ? 'noindex' : undefined;
}

/**
 * A page shown in a locale it is not translated into points its canonical link at a real
 * version (the original), and is left out of the alternates.
 */
export function pageMeta(input: PageMetaInput): PageMeta {
  const { locale, heading, description, pathIn, xDefault, image, noindex, article, searchable = true } = input;
  const translatedIn = input.translatedIn ?? localeCodes;
  const siteName = useTranslations(locale)('site.name');
  if (translatedIn.length === 0) throw new Error(`pageMeta: ${pathIn(locale)} exists in no language`);
  const canonicalLocale = translatedIn.includes(locale) ? locale : translatedIn.includes(defaultLocale) ? defaultLocale : translatedIn[0]!;
  return {
    locale,
    title: heading ? `${heading} | ${siteName}` : siteName,
    description,
    canonical: absoluteUrl(pathIn(canonicalLocale)),
    alternates: alternateLinks(Object.fromEntries(translatedIn.map((code) => [code, pathIn(code)])), xDefault),
    switcher: locales.map((candidate) => ({
      locale: candidate.code,
      label: candidate.label,
      href: pathIn(candidate.code),
      current: candidate.code === locale,
    })),
    image,
    noindex,
    searchable,
    social: {
      title: heading ?? siteName,
      type: article ? 'article' : 'website',
      locale: localeByCode(canonicalLocale).ogLocale,
      alternateLocales: translatedIn.filter((code) => code !== canonicalLocale).map((code) => localeByCode(code).ogLocale),
    },
    article,
  };
}
