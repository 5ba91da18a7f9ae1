import { describe, expect, it } from 'vitest';
import { localeCodes } from '../../../src/i18n/locales';
import { uiStrings, useTranslations } from '../../../src/i18n/ui';

describe('UI strings', () => {
  const reference = Object.keys(uiStrings.ko).sort();

  it.each(localeCodes)('%s has a strings file with every key, none empty', (code) => {
    const strings = uiStrings[code];
    expect(strings, `src/i18n/strings/${code}.json is missing`).toBeDefined();
    expect(Object.keys(strings).sort()).toEqual(reference);
    for (const [key, value] of Object.entries(strings)) expect(value.trim(), `${code}: ${key}`).not.toBe('');
  });

  it.each(localeCodes)('%s keeps the same {{placeholders}} as Korean', (code) => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    for (const key of reference) {
      expect(placeholders(uiStrings[code][key as keyof (typeof uiStrings)['ko']]), `${code}: ${key}`).toEqual(
        placeholders(uiStrings.ko[key as keyof (typeof uiStrings)['ko']]),
      );
    }
  });

  it('translates with flat dotted keys and interpolation', () => {
    expect(useTranslations('en')('archive.page', { page: 2, total: 5 })).toBe('Page 2 of 5');
    expect(useTranslations('zh-Hant')('nav.releases')).toBe('新聞稿');
    expect(useTranslations('ko')('position.far-left')).toBe('가장 왼쪽');
  });
});
