import { describe, expect, it } from 'vitest';
import { localeCodes, type LocaleCode } from '../../src/i18n/locales';
import { useTranslations } from '../../src/i18n/ui';
import { alternateLinks } from '../../src/lib/hreflang';
import { pageMeta } from '../../src/lib/page-meta';
import { paths } from '../../src/lib/urls';
import { siteConfig } from '../../src/site.config';

const origin = new URL(siteConfig.url).origin;
const abs = (path: string) => new URL(path, siteConfig.url).href;
const releasePath = (locale: LocaleCode) => paths.release(locale, 'scse-2023-taipei');

describe('alternateLinks', () => {
  it('lists only the given versions, as absolute URLs, in locale-config order, x-default last', () => {
    // Given out of order on purpose.
    const links = alternateLinks({ 'zh-Hant': '/zh-hant/releases/a/', ko: '/ko/releases/a/' }, '/');
    expect(links).toEqual([
      { hreflang: 'ko', href: `${origin}/ko/releases/a/` },
      { hreflang: 'zh-Hant', href: `${origin}/zh-hant/releases/a/` },
      { hreflang: 'x-default', href: `${origin}/` },
    ]);
    for (const link of links) expect(() => new URL(link.href)).not.toThrow();
  });

  it('follows the locale config for every language', () => {
    const links = alternateLinks(Object.fromEntries(localeCodes.map((code) => [code, releasePath(code)])), '/');
    expect(links.map((link) => link.hreflang)).toEqual([...localeCodes, 'x-default']);
    expect(links[1]!.href).toBe(abs('/en/releases/scse-2023-taipei/'));
    expect(links[2]!.href).toBe(abs('/zh-hant/releases/scse-2023-taipei/'));
  });

  it('has only x-default when no version is given', () => {
    expect(alternateLinks({}, '/')).toEqual([{ hreflang: 'x-default', href: `${origin}/` }]);
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
    expect(meta.canonical).toBe(abs('/ko/releases/scse-2023-taipei/'));
    expect(meta.alternates.map((link) => link.hreflang)).toEqual(['ko', 'en', 'x-default']);
    expect(meta.alternates.some((link) => link.href.includes('/zh-hant/'))).toBe(false);
  });

  it('still offers every language in the switcher, exactly one current', () => {
    const meta = pageMeta({ ...input, locale: 'zh-Hant', translatedIn: ['ko', 'en'] });
    expect(meta.switcher.map((link) => link.locale)).toEqual(localeCodes);
    expect(meta.switcher.filter((link) => link.current)).toEqual([
      expect.objectContaining({ locale: 'zh-Hant', href: '/zh-hant/releases/scse-2023-taipei/', label: '繁體中文' }),
    ]);
    expect(meta.switcher.find((link) => link.locale === 'en')!.href).toBe('/en/releases/scse-2023-taipei/');
  });

  it('points the canonical of a translated page at itself', () => {
    expect(pageMeta({ ...input, locale: 'en', translatedIn: ['ko', 'en'] }).canonical).toBe(abs('/en/releases/scse-2023-taipei/'));
    expect(pageMeta({ ...input, locale: 'zh-Hant' }).canonical).toBe(abs('/zh-hant/releases/scse-2023-taipei/'));
  });

  it('appends the site name of the reader’s language to the title', () => {
    const meta = pageMeta({ ...input, locale: 'en' });
    expect(meta.title).toBe(`SCSE 2023 | ${useTranslations('en')('site.name')}`);
    expect(pageMeta({ ...input, heading: undefined, locale: 'ko' }).title).toBe(useTranslations('ko')('site.name'));
  });

  it('gives the same alternates from every version of a fully translated page (reciprocity)', () => {
    const lists = localeCodes.map((locale) => pageMeta({ ...input, locale }).alternates);
    for (const list of lists) expect(list).toEqual(lists[0]);
    expect(lists[0]!.map((link) => link.hreflang)).toEqual([...localeCodes, 'x-default']);
    // Each version is listed, and each listed URL is that version's canonical.
    for (const locale of localeCodes) {
      const meta = pageMeta({ ...input, locale });
      expect(meta.alternates.find((link) => link.hreflang === locale)!.href).toBe(meta.canonical);
    }
  });

  it('keeps partially translated pages reciprocal too', () => {
    const translatedIn: LocaleCode[] = ['ko', 'en'];
    const lists = localeCodes.map((locale) => pageMeta({ ...input, locale, translatedIn }).alternates);
    for (const list of lists) expect(list).toEqual(lists[0]);
  });
});
