import i18next, { type i18n } from 'i18next';
import koStrings from './strings/ko.json' with { type: 'json' };
import enStrings from './strings/en.json' with { type: 'json' };
import zhHantStrings from './strings/zh-Hant.json' with { type: 'json' };
import { defaultLocale, localeCodes, type LocaleCode } from './locales';

/** Every UI string key; the default locale's file is the reference, and a test keeps the others complete. */
export type UiKey = keyof typeof koStrings;
export type Translate = (key: UiKey, values?: Record<string, string | number>) => string;

/**
 * UI strings per locale, from `strings/<code>.json`. Plain imports rather than a Vite glob, so the
 * media stage (pack READMEs and caption sheets) reads them outside Vite; the type makes a new
 * locale without its file a compile error.
 */
export const uiStrings: Record<LocaleCode, Record<UiKey, string>> = { ko: koStrings, en: enStrings, 'zh-Hant': zhHantStrings };

const instances = new Map<LocaleCode, i18n>();

function instanceFor(locale: LocaleCode): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: defaultLocale,
      supportedLngs: localeCodes,
      resources: Object.fromEntries(localeCodes.map((code) => [code, { translation: uiStrings[code] ?? {} }])),
      // Keys are flat ("release.byline"): dots are part of the key, not a path.
      keySeparator: false,
      nsSeparator: false,
      // Astro escapes text when it renders; escaping here too would double-escape.
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}

/** The translate function for one locale. Components read theirs from `Astro.locals.t` (src/middleware.ts). */
export function useTranslations(locale: LocaleCode): Translate {
  const fixed = instanceFor(locale).getFixedT(locale);
  return (key, values) => fixed(key, values);
}
