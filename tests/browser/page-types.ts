import { locales, type LocaleCode } from '../../src/i18n/locales';
import { paths } from '../../src/lib/view/urls';
import { TRANSLATION_STATUS_PATH } from '../../src/lib/routes/translation-report';

/**
 * Every kind of page the site builds, in one list: each gate (keyboard, axe, the HTML checker,
 * console and CSP) runs on a sample of each type in every locale. A new page type is one line
 * here; a type listed here that the build does not produce fails every gate, and a built page of
 * no listed type fails the coverage test, so neither goes unchecked quietly.
 */
export interface PageType {
  name: string;
  /** URL of a page of this type; `id` is one of `ids`, and `locale` is absent for site-wide pages. */
  route: (locale: LocaleCode, id: string) => string;
  /** Entries sampled (from the sample content and the test fixtures); one page if absent. */
  ids?: string[];
  /** A page outside the locales (the root chooser, the shared 404 page). */
  siteWide?: boolean;
}

/** Entries of the sample content and fixtures (tests/fixtures/) that the samples are drawn from. */
export const sampleIds = {
  release: 'scse-2023-taipei',
  /** tests/fixtures/ko-only-release: a release with no translation. */
  untranslatedRelease: 'fixture-ko-only',
  event: 'scse-2023',
  mou: 'sdf-tca-2023',
  organization: 'tca',
  /** tests/fixtures/ko-only-release: an organization named and described in Korean only. */
  untranslatedOrganization: 'fixture-ko-only-org',
  category: 'international',
  /** A tag the sample uses in every language (tag pages exist per language only). */
  tag: 'scse',
};

const pageTypes: PageType[] = [
  { name: 'chooser', route: paths.chooser, siteWide: true },
  { name: '404 (every language)', route: () => '/404.html', siteWide: true },
  { name: 'home', route: paths.home },
  { name: 'archive', route: (locale) => paths.archive(locale) },
  { name: 'release', route: paths.release, ids: [sampleIds.release, sampleIds.untranslatedRelease] },
  { name: 'event', route: paths.event, ids: [sampleIds.event] },
  { name: 'MoU', route: paths.mou, ids: [sampleIds.mou] },
  { name: 'organization', route: paths.organization, ids: [sampleIds.organization, sampleIds.untranslatedOrganization] },
  { name: '404', route: (locale) => `${paths.home(locale)}404/` },
  { name: 'media library', route: paths.photos },
  { name: 'usage terms', route: paths.usageTerms },
  { name: 'search', route: paths.search },
  { name: 'category', route: paths.category, ids: [sampleIds.category] },
  { name: 'tags', route: paths.tags },
  { name: 'tag', route: paths.tag, ids: [sampleIds.tag] },
  { name: 'subscribe', route: paths.subscribe },
  { name: 'translation status (team)', route: () => TRANSLATION_STATUS_PATH, siteWide: true },
];

export interface SamplePage {
  type: string;
  /** Absent for site-wide pages. */
  locale?: LocaleCode;
  /** Site-relative URL, e.g. `/en/releases/scse-2023-taipei/`. */
  path: string;
}

/** One page per type, id and locale: what the gates visit. */
export function samplePages(types: PageType[] = pageTypes): SamplePage[] {
  return types.flatMap((type) => {
    const ids = type.ids ?? [''];
    if (type.siteWide) return ids.map((id) => ({ type: type.name, path: type.route(locales[0].code, id) }));
    return locales.flatMap((locale) => ids.map((id) => ({ type: type.name, locale: locale.code, path: type.route(locale.code, id) })));
  });
}

/** A readable label for test names and reports. */
export function pageLabel(page: SamplePage): string {
  return `${page.type}${page.locale ? ` [${page.locale}]` : ''} ${page.path}`;
}

const wildcard = '\u0000';

/** The page type whose route, with any id, gives this URL path. */
export function pageTypeOf(path: string, types: PageType[] = pageTypes): PageType | undefined {
  return types.find((type) =>
    locales.some((locale) => {
      const pattern = type.route(locale.code, wildcard).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(wildcard, '[^/]+');
      return new RegExp(`^${pattern}$`).test(path);
    }),
  );
}

