import type { Translate, UiKey } from '../../i18n/ui';

/**
 * Punctuation between a label and its value, between list items, and brackets around an aside
 * come from the strings files (`punctuation.labelSeparator`, `punctuation.listSeparator`,
 * `punctuation.parenthesized`): ": ", ", " and "( )" in Korean and English, full-width "：", "、"
 * and "（ ）" in Traditional Chinese. Components never hard-code it.
 */
export function labelled(t: Translate, key: UiKey, values?: Record<string, string | number>): string {
  return `${t(key, values)}${t('punctuation.labelSeparator')}`;
}

/** The separator between items of an inline list in the page's language. */
export function listSeparator(t: Translate): string {
  return t('punctuation.listSeparator');
}

/** `text` in brackets as the page's language writes them: "(3 photos)", "（3 張照片）". */
export function parenthesized(t: Translate, text: string | number): string {
  return t('punctuation.parenthesized', { text });
}

/**
 * The text a string puts before and after one of its values ("{{name}} ({{position}})" around
 * `name`), so the value can be rendered apart, in an element of its own language or as a link.
 */
export function textAround(t: Translate, key: UiKey, slot: string, values: Record<string, string | number> = {}): { before: string; after: string } {
  const mark = '\u0000';
  const [before = '', after = ''] = t(key, { ...values, [slot]: mark }).split(mark);
  return { before, after };
}

/** The opening and closing brackets of the page's language, for an aside that holds links. */
export function brackets(t: Translate): { open: string; close: string } {
  const { before, after } = textAround(t, 'punctuation.parenthesized', 'text');
  return { open: before, close: after };
}
