import type { Translate, UiKey } from '../../i18n/ui';

/**
 * Punctuation between a label and its value, and between list items, comes from the strings
 * files (`punctuation.labelSeparator`, `punctuation.listSeparator`): ": " and ", " in Korean and
 * English, full-width "：" and "、" in Traditional Chinese. Components never hard-code it.
 */
export function labelled(t: Translate, key: UiKey, values?: Record<string, string | number>): string {
  return `${t(key, values)}${t('punctuation.labelSeparator')}`;
}

/** The separator between items of an inline list in the page's language. */
export function listSeparator(t: Translate): string {
  return t('punctuation.listSeparator');
}
