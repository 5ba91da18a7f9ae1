/**
 * The one place where the site's languages are defined. Adding a language means adding an entry
 * here, a strings file in `src/i18n/strings/`, and content; nothing else reads a language code
 * literally.
 */
export const locales = [
  {
    /** BCP 47 tag: goes into `<html lang>`, hreflang, `inLanguage` and frontmatter keys. */
    code: 'ko',
    /** URL segment and content file name (`ko.mdx`). */
    path: 'ko',
    /** The language's own name, shown in the language switcher and the root chooser. */
    label: '한국어',
    /** Open Graph locale (`og:locale`). */
    ogLocale: 'ko_KR',
  },
  { code: 'en', path: 'en', label: 'English', ogLocale: 'en_US' },
  { code: 'zh-Hant', path: 'zh-hant', label: '繁體中文', ogLocale: 'zh_TW' },
] as const;

export type Locale = (typeof locales)[number];
export type LocaleCode = Locale['code'];
export type LocalePath = Locale['path'];

/** The language releases are written in first; every other language is a translation of it. */
export type DefaultLocale = 'ko';
// Annotated so the literal type survives being put into objects (an unannotated const widens to string).
export const defaultLocale: DefaultLocale = 'ko' satisfies LocaleCode;

/**
 * The language of metadata fields that have no language variants (a photo's XMP credit line,
 * EXIF description, people and place names): what picture desks abroad read.
 */
export const internationalLocale = 'en' satisfies LocaleCode;

export const localeCodes = locales.map((locale) => locale.code) as LocaleCode[];
export const localePaths = locales.map((locale) => locale.path) as LocalePath[];

export function isLocalePath(value: string): value is LocalePath {
  return (localePaths as string[]).includes(value);
}

export function localeByCode(code: LocaleCode): Locale {
  const locale = locales.find((candidate) => candidate.code === code);
  if (!locale) throw new Error(`Unknown locale code "${code}"`);
  return locale;
}

export function localeByPath(path: string): Locale {
  const locale = locales.find((candidate) => candidate.path === path);
  if (!locale) {
    throw new Error(`Unknown locale path "${path}": expected one of ${localePaths.join(', ')}`);
  }
  return locale;
}

/** Astro's `i18n` config: the path is the URL segment, the codes are the BCP 47 tags. */
const astroLocales = locales.map((locale) =>
  locale.path === locale.code ? locale.code : { path: locale.path, codes: [locale.code] as [LocaleCode] },
);
export const astroI18n = {
  locales: astroLocales,
  defaultLocale,
  // Every language, the original included, lives under its own prefix; `/` is a chooser, not a redirect.
  routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
};
