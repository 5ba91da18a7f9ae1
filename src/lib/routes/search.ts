import { defaultLocale, locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { pageMeta } from '../view/page-meta';
import { paths } from '../view/urls';

/** The Pagefind Default UI strings we supply, so every language's wording comes from our files. */
const pagefindStrings = [
  'placeholder',
  'clear_search',
  'load_more',
  'search_label',
  'filters_label',
  'zero_results',
  'many_results',
  'one_result',
  'alt_search',
  'search_suggestion',
  'searching',
] as const;

function pagefindTranslations(locale: LocaleCode): Record<string, string> {
  const t = useTranslations(locale);
  return Object.fromEntries(pagefindStrings.map((key) => [key, t(`search.ui.${key}`)]));
}

/**
 * The search page of one language. Pagefind loads the index of the page's `<html lang>`, so
 * results are in the reader's language only. The page itself is not indexed or listed.
 */
export function searchPage(locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    /** The embargoed preview has no search index (scripts/lib/site-build.ts): the page says so instead. */
    searchOff: siteConfig.preview,
    translations: pagefindTranslations(locale),
    /** The labels of the facts each result shows (Pagefind shows a result's metadata as "label: value"). */
    metaLabels: { type: t('search.meta.type'), date: t('search.meta.date') },
    /** What stands between a label and its value in this language; Pagefind writes an ASCII ": ". */
    labelSeparator: t('punctuation.labelSeparator'),
    archiveHref: paths.archive(locale),
    topicsHref: paths.tags(locale),
    meta: pageMeta({
      locale,
      heading: t('search.title'),
      description: t('search.description'),
      pathIn: paths.search,
      xDefault: paths.search(defaultLocale),
      noindex: true,
    }),
  };
}
export type SearchPageProps = ReturnType<typeof searchPage>;

export function searchPagePaths() {
  return locales.map((locale) => ({ params: { lang: locale.path }, props: searchPage(locale.code) }));
}
