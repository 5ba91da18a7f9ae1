import type { LocalizedText } from '../../schemas/localized';
import { defaultLocale, type LocaleCode } from '../../i18n/locales';

/** A piece of text in the language it is actually written in. */
export interface PickedText {
  text: string;
  /** The language of `text`: the reader's, or the original's when no translation exists. */
  locale: LocaleCode;
  /** True when the reader asked for another language than `locale`. */
  isFallback: boolean;
}

/** Picks the reader's language from a `LocalizedText`, falling back to the original. */
export function pickText(value: LocalizedText, locale: LocaleCode): PickedText {
  const translated = value[locale];
  if (translated) return { text: translated, locale, isFallback: false };
  return { text: value[defaultLocale], locale: defaultLocale, isFallback: locale !== defaultLocale };
}

/** Shorthand for when only the string matters (e.g. attribute values). */
export function textIn(value: LocalizedText, locale: LocaleCode): string {
  return pickText(value, locale).text;
}

/**
 * A language's name in the sentence's language ("韓文" in Chinese, "Korean" in English), for
 * notices that say which language a text is in; the switcher names each in its own script instead.
 */
export function languageName(code: LocaleCode, inLocale: LocaleCode): string {
  return new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? code;
}
