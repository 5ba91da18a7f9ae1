import { defaultLocale, locales } from '../../i18n/locales';
import { uiStrings } from '../../i18n/ui';
import { alternateLinks } from '../view/hreflang';
import { absoluteUrl, paths } from '../view/urls';

/** The chooser at `/`: the x-default page, with no redirect, offering every language in its own words. */
export function chooserPage() {
  return {
    title: locales.map((locale) => uiStrings[locale.code]['site.name']).join(' · '),
    description: uiStrings[defaultLocale]['site.description'],
    canonical: absoluteUrl(paths.chooser()),
    alternates: alternateLinks(Object.fromEntries(locales.map((locale) => [locale.code, paths.home(locale.code)])), paths.chooser()),
    languages: locales.map((locale) => ({
      locale: locale.code,
      href: paths.home(locale.code),
      /** The language's name in its own script. */
      label: locale.label,
      enter: uiStrings[locale.code]['chooser.enter'],
      siteName: uiStrings[locale.code]['site.name'],
      description: uiStrings[locale.code]['site.description'],
    })),
  };
}
export type ChooserPage = ReturnType<typeof chooserPage>;
