import { defaultLocale, locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { pageMeta } from '../view/page-meta';
import { paths } from '../view/urls';

/** The terms every photo links to from its metadata (xmpRights:WebStatement). */
export function usageTermsPage(locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    meta: pageMeta({ locale, heading: t('usageTerms.title'), description: t('usageTerms.summary'), pathIn: paths.usageTerms, xDefault: paths.usageTerms(defaultLocale) }),
  };
}
export type UsageTermsPageProps = ReturnType<typeof usageTermsPage>;

export function usageTermsPagePaths() {
  return locales.map((locale) => ({ params: { lang: locale.path }, props: usageTermsPage(locale.code) }));
}
