import { describe, expect, it } from 'vitest';
import { pageMeta } from '../../../src/lib/view/page-meta';
import { paths } from '../../../src/lib/view/urls';

const input = {
  heading: 'SCSE 2023',
  description: 'Seoul Digital Foundation at SCSE 2023',
  pathIn: (locale: Parameters<typeof paths.release>[0]) => paths.release(locale, 'scse-2023-taipei'),
  xDefault: '/',
};

describe('pageMeta social card facts', () => {
  it('gives og:locale of the page and only real translations as alternates', () => {
    const meta = pageMeta({ ...input, locale: 'en', translatedIn: ['ko', 'en'] });
    expect(meta.social).toEqual({ title: 'SCSE 2023', type: 'website', locale: 'en_US', alternateLocales: ['ko_KR'] });
  });

  it('describes an untranslated page as its canonical original', () => {
    const meta = pageMeta({ ...input, locale: 'zh-Hant', translatedIn: ['ko'] });
    expect(meta.social.locale).toBe('ko_KR');
    expect(meta.social.alternateLocales).toEqual([]);
  });

  it('is an article when article facts are given', () => {
    const article = { published: '2023-04-03T09:00:00+09:00', modified: '2023-04-03T09:00:00+09:00', section: 'International cooperation', tags: [] };
    expect(pageMeta({ ...input, locale: 'ko', article }).social.type).toBe('article');
  });
});
