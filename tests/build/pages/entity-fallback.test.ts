import { describe, expect, inject, it } from 'vitest';
import { localeCodes, type LocaleCode } from '../../../src/i18n/locales';
import { uiStrings } from '../../../src/i18n/ui';
import { paths } from '../../../src/lib/view/urls';
import { alternates, loadPage } from '../../helpers/html';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
/** tests/fixtures/ko-only-release/organizations/: a name and a description in Korean only. */
const koOnly = 'fixture-ko-only-org';
const koreanIn = (locale: LocaleCode) => new Intl.DisplayNames([locale], { type: 'language' }).of('ko')!;

describe('an organization page whose texts exist only in the original language', () => {
  it('says so in each other language, naming the language in the reader’s own words, and marks the borrowed text', () => {
    for (const locale of localeCodes.filter((code) => code !== 'ko')) {
      const $ = loadPage(siteDir, paths.organization(locale, koOnly));
      const notice = $('main .notice[role="note"]');
      expect(notice.length, locale).toBe(1);
      expect(notice.text()).toBe(uiStrings[locale]['entity.fallbackNotice']!.replace('{{language}}', koreanIn(locale)));
      expect($('h1').attr('lang')).toBe('ko');
      expect($('h1').text()).toBe('시험용 기관 — 번역 없음');
      expect($('html').attr('lang')).toBe(locale);
    }
    expect(loadPage(siteDir, paths.organization('ko', koOnly))('main .notice').length).toBe(0);
  });

  it('is not announced as a translation: canonical to the original, no hreflang for the borrowed pages', () => {
    const original = `${site}${paths.organization('ko', koOnly)}`;
    for (const locale of localeCodes) {
      const $ = loadPage(siteDir, paths.organization(locale, koOnly));
      expect($('link[rel="canonical"]').attr('href'), locale).toBe(original);
      expect(Object.keys(alternates($)).filter((hreflang) => hreflang !== 'x-default')).toEqual(['ko']);
    }
  });

  it('leaves a fully translated organization announced in every language, with no notice', () => {
    for (const locale of localeCodes) {
      const $ = loadPage(siteDir, paths.organization(locale, 'tca'));
      expect($('main .notice').length, locale).toBe(0);
      expect($('link[rel="canonical"]').attr('href')).toBe(`${site}${paths.organization(locale, 'tca')}`);
      expect(Object.keys(alternates($)).filter((hreflang) => hreflang !== 'x-default').sort()).toEqual([...localeCodes].sort());
    }
  });
});
