import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { pageMeta } from '../view/page-meta';
import { paths } from '../view/urls';
import { withCacheKeys } from '../view/page-cache-key';

/** A 404 page per locale, for hosts that can route missing paths under /{lang}/ to it. */
export function notFoundPage(locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    meta: pageMeta({ locale, heading: t('notFound.title'), description: t('notFound.message'), pathIn: (code) => `${paths.home(code)}404/`, xDefault: paths.chooser(), noindex: true }),
  };
}
export type NotFoundPageProps = ReturnType<typeof notFoundPage>;

export function notFoundPagePaths() {
  return withCacheKeys(locales.map((locale) => ({ params: { lang: locale.path }, props: notFoundPage(locale.code) })));
}
