import { describe, expect, it } from 'vitest';
import type { LocaleCode } from '../../../src/i18n/locales';
import { useTranslations } from '../../../src/i18n/ui';
import { alternateLinks } from '../../../src/lib/view/hreflang';
import { pageMeta } from '../../../src/lib/view/page-meta';
import { siteConfig } from '../../../src/site.config';

// Every expectation below is written out: the published origin, each language's URL segment
// (zh-Hant lives under /zh-hant/), the order (the locale config's: ko, en, zh-Hant) and which
// languages are listed. Nothing is computed with the code under test, so a wrong list fails.
const site = 'https://press.sdf.example.org';
const release = {
  ko: `${site}/ko/releases/scse-2023-taipei/`,
  en: `${site}/en/releases/scse-2023-taipei/`,
  'zh-Hant': `${site}/zh-hant/releases/scse-2023-taipei/`,
};
const releasePath = (locale: LocaleCode) => ({ ko: '/ko/releases/scse-2023-taipei/', en: '/en/releases/scse-2023-taipei/', 'zh-Hant': '/zh-hant/releases/scse-2023-taipei/' })[locale];
const chooser = { hreflang: 'x-default', href: `${site}/` };
const ko = { hreflang: 'ko', href: release.ko };
const en = { hreflang: 'en', href: release.en };
const zhHant = { hreflang: 'zh-Hant', href: release['zh-Hant'] };
const everyLocale: LocaleCode[] = ['ko', 'en', 'zh-Hant'];

it('runs against the default site address the expectations are written for', () => {
  // PRESS_SITE_URL set in the environment would move every URL below.
  expect(siteConfig.url).toBe(site);
});

describe('alternateLinks', () => {
  it('lists only the given versions, as absolute URLs, in locale-config order, x-default last', () => {
    // Given out of order on purpose.
    expect(alternateLinks({ 'zh-Hant': '/zh-hant/releases/a/', ko: '/ko/releases/a/' }, '/')).toEqual([
      { hreflang: 'ko', href: `${site}/ko/releases/a/` },
      { hreflang: 'zh-Hant', href: `${site}/zh-hant/releases/a/` },
      chooser,
    ]);
  });

  it('lists every language when every version is given', () => {
    expect(alternateLinks({ en: releasePath('en'), 'zh-Hant': releasePath('zh-Hant'), ko: releasePath('ko') }, '/')).toEqual([ko, en, zhHant, chooser]);
  });

  it('points x-default at the path it is given', () => {
    expect(alternateLinks({ en: releasePath('en') }, releasePath('ko'))).toEqual([en, { hreflang: 'x-default', href: release.ko }]);
  });

  it('has only x-default when no version is given', () => {
    expect(alternateLinks({}, '/')).toEqual([chooser]);
  });
});

describe('pageMeta', () => {
  const input = {
    heading: 'SCSE 2023',
    description: 'Seoul Digital Foundation at SCSE 2023',
    pathIn: releasePath,
    xDefault: '/',
  };

  it('for a page in ko+en shown in zh-Hant: canonical to the original, zh-Hant not an alternate', () => {
    const meta = pageMeta({ ...input, locale: 'zh-Hant', translatedIn: ['ko', 'en'] });
    expect(meta.locale).toBe('zh-Hant');
    expect(meta.canonical).toBe(release.ko);
    expect(meta.alternates).toEqual([ko, en, chooser]);
  });

  it('still offers every language in the switcher, exactly one current', () => {
    const meta = pageMeta({ ...input, locale: 'zh-Hant', translatedIn: ['ko', 'en'] });
    expect(meta.switcher).toEqual([
      { locale: 'ko', label: '한국어', href: '/ko/releases/scse-2023-taipei/', current: false },
      { locale: 'en', label: 'English', href: '/en/releases/scse-2023-taipei/', current: false },
      { locale: 'zh-Hant', label: '繁體中文', href: '/zh-hant/releases/scse-2023-taipei/', current: true },
    ]);
  });

  it('points the canonical of a translated page at itself', () => {
    expect(pageMeta({ ...input, locale: 'en', translatedIn: ['ko', 'en'] }).canonical).toBe(release.en);
    expect(pageMeta({ ...input, locale: 'zh-Hant' }).canonical).toBe(release['zh-Hant']);
  });

  it('appends the site name of the reader’s language to the title', () => {
    const meta = pageMeta({ ...input, locale: 'en' });
    expect(meta.title).toBe(`SCSE 2023 | ${useTranslations('en')('site.name')}`);
    expect(pageMeta({ ...input, heading: undefined, locale: 'ko' }).title).toBe(useTranslations('ko')('site.name'));
  });

  it.each(everyLocale)('lists every version and x-default from the %s version of a fully translated page, itself as canonical', (locale) => {
    const meta = pageMeta({ ...input, locale });
    expect(meta.alternates).toEqual([ko, en, zhHant, chooser]);
    expect(meta.canonical).toBe(release[locale]);
  });

  it.each(everyLocale)('lists only ko and en from the %s page of a release translated into English only', (locale) => {
    const meta = pageMeta({ ...input, locale, translatedIn: ['ko', 'en'] });
    expect(meta.alternates).toEqual([ko, en, chooser]);
    expect(meta.canonical).toBe({ ko: release.ko, en: release.en, 'zh-Hant': release.ko }[locale]);
  });

  it.each(everyLocale)('lists only the original from the %s page of an untranslated release, and points the canonical at it', (locale) => {
    const meta = pageMeta({ ...input, locale, translatedIn: ['ko'] });
    expect(meta.alternates).toEqual([ko, chooser]);
    expect(meta.canonical).toBe(release.ko);
  });

  it('leaves out English when only Chinese exists, whatever order the translations are given in', () => {
    for (const locale of everyLocale) {
      const meta = pageMeta({ ...input, locale, translatedIn: ['zh-Hant', 'ko'] });
      expect(meta.alternates, locale).toEqual([ko, zhHant, chooser]);
      expect(meta.canonical, locale).toBe({ ko: release.ko, en: release.ko, 'zh-Hant': release['zh-Hant'] }[locale]);
    }
  });

  it('points x-default at the page it is given, not at the chooser', () => {
    const meta = pageMeta({ ...input, locale: 'en', xDefault: releasePath('ko'), translatedIn: ['ko', 'en'] });
    expect(meta.alternates).toEqual([ko, en, { hreflang: 'x-default', href: release.ko }]);
  });

  it('names the same languages for Open Graph: the canonical version, and the other real translations', () => {
    expect(pageMeta({ ...input, locale: 'en' }).social).toMatchObject({ locale: 'en_US', alternateLocales: ['ko_KR', 'zh_TW'] });
    expect(pageMeta({ ...input, locale: 'zh-Hant', translatedIn: ['ko', 'en'] }).social).toMatchObject({ locale: 'ko_KR', alternateLocales: ['en_US'] });
    expect(pageMeta({ ...input, locale: 'en', translatedIn: ['ko'] }).social).toMatchObject({ locale: 'ko_KR', alternateLocales: [] });
  });
});
