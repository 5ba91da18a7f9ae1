/**
 * A page's language: its locale and UI strings, settled once per page by src/middleware.ts and read
 * by components from `Astro.locals`.
 *
 * The rule lives here rather than in the middleware because Astro's incremental build re-renders
 * a cached page only when a module the page imports changes (docs/decisions/0061), and no page
 * imports the middleware. The layouts import this module, so a change to it re-renders every page.
 */
import { defaultLocale, isLocalePath, localeByPath, type LocaleCode } from './locales';
import { useTranslations, type Translate } from './ui';

export interface PageLanguage {
  locale: LocaleCode;
  t: Translate;
}

/**
 * The language of a page from its `[lang]` segment. Pages outside `[lang]` (the chooser `/`, the
 * host-wide `/404`, `/internal/translations/`, `robots.txt`) get the default locale: the language
 * releases are written in, the team page's language, and the `<html lang>` the chooser and 404
 * declare while showing every language side by side.
 */
export function pageLanguage(lang: string | undefined): PageLanguage {
  // A segment that is no locale belongs to no page (getStaticPaths lists none), so Astro answers it
  // with a 404; throwing here would turn that 404 into a 500 in the dev server.
  const locale = lang !== undefined && isLocalePath(lang) ? localeByPath(lang).code : defaultLocale;
  return { locale, t: useTranslations(locale) };
}

/** The page language the middleware set, or a clear error where none did (a container render without `locals`). */
export function languageOf(locals: App.Locals): PageLanguage {
  if (typeof locals.t !== 'function' || !locals.locale) {
    throw new Error('Astro.locals holds no page language: src/middleware.ts sets it for every page; a container render must pass { locals: pageLanguage(lang) }.');
  }
  return { locale: locals.locale, t: locals.t };
}
