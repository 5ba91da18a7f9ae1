import { locales, type LocaleCode } from '../../i18n/locales';
import { uiStrings, useTranslations } from '../../i18n/ui';
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

/** The host-wide 404: hosts serve it for every missing URL, so it speaks every language rather than guess one. */
export function everyLanguageNotFoundPage() {
  const messages = locales.map((locale) => ({
    locale: locale.code,
    title: uiStrings[locale.code]['notFound.title'],
    message: uiStrings[locale.code]['notFound.message'],
    home: uiStrings[locale.code]['notFound.home'],
    homeHref: paths.home(locale.code),
  }));
  return { title: messages.map((message) => message.title).join(' · '), messages };
}
export type EveryLanguageNotFoundPage = ReturnType<typeof everyLanguageNotFoundPage>;
