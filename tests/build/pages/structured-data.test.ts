import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { jsonLdBlocks, loadPage } from '../../helpers/html';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const sample = 'scse-2023-taipei';
const releaseUrl = (path: string, slug = sample) => `${site}/${path}/releases/${slug}/`;
const others = (code: string) => locales.filter((locale) => locale.code !== code);

describe.each(locales)('the sample release in $code', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/releases/${sample}/`);
  const blocks = jsonLdBlocks($);
  const article = blocks[0] as Record<string, any>;

  it('has one NewsArticle block with the required properties, in the page’s language', () => {
    expect(blocks).toHaveLength(1);
    expect(article['@context']).toBe('https://schema.org');
    expect(article['@type']).toBe('NewsArticle');
    expect(article.inLanguage).toBe($('html').attr('lang'));
    expect(article.headline).toBe($('h1').text());
    expect(article.description).toBe($('meta[name="description"]').attr('content'));
    expect(article.url).toBe(releaseUrl(locale.path));
    expect(article.datePublished).toBe('2023-04-03T09:00:00+09:00');
    // Modified by the sample's correction, later on the day of publication.
    expect(article.dateModified).toBe('2023-04-03T15:00:00+09:00');
    expect(article.author[0]).toMatchObject({ '@type': 'Organization', name: expect.any(String) });
    expect(article.publisher).toMatchObject({ '@type': 'Organization', logo: { '@type': 'ImageObject', url: `${site}/logo.svg` } });
    expect(article.image[0]).toMatchObject({ url: $('meta[property="og:image"]').attr('content'), width: 1200, height: 630 });
    expect(article.about).toMatchObject({ '@type': 'Event', '@id': `${site}/${locale.path}/events/scse-2023/#event` });
  });

  it('links the other language versions', () => {
    if (locale.code === 'ko') {
      expect(article.translationOfWork).toBeUndefined();
      expect(article.workTranslation.map((work: { url: string; inLanguage: string }) => [work.inLanguage, work.url])).toEqual(
        others('ko').map((other) => [other.code, releaseUrl(other.path)]),
      );
    } else {
      expect(article.workTranslation).toBeUndefined();
      expect(article.translationOfWork).toMatchObject({ '@type': 'NewsArticle', inLanguage: 'ko', url: releaseUrl('ko') });
    }
  });

  it('has Open Graph and large-card tags in this language', () => {
    const og = (property: string) => $(`meta[property="${property}"]`).attr('content');
    expect(og('og:type')).toBe('article');
    expect(og('og:title')).toBe($('h1').text());
    expect(og('og:description')).toBe($('meta[name="description"]').attr('content'));
    expect(og('og:url')).toBe(releaseUrl(locale.path));
    expect(og('og:locale')).toBe(locale.ogLocale);
    const alternates = $('meta[property="og:locale:alternate"]').toArray().map((meta) => $(meta).attr('content'));
    expect(alternates).toEqual(others(locale.code).map((other) => other.ogLocale));
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
    expect(og('og:image:width')).toBe('1200');
    expect(og('og:image:height')).toBe('630');
    expect(og('og:image:alt')).toBeTruthy();
  });

  it('shares a 1200×630 JPEG cropped from the hero photo', async () => {
    const url = $('meta[property="og:image"]').attr('content')!;
    expect(url).toMatch(new RegExp(`^${site}/media/img/[0-9a-f]+/scse-2023-taipei-03-tca-mou-signing-card\\.jpg$`));
    const image = await sharp(join(siteDir, new URL(url).pathname)).metadata();
    expect([image.format, image.width, image.height]).toEqual(['jpeg', 1200, 630]);
  });
});

describe('an untranslated release shown in English', () => {
  const $ = loadPage(siteDir, '/en/releases/fixture-ko-only/');

  it('describes the Korean original it shows, and offers no other language to social cards', () => {
    const [article] = jsonLdBlocks($) as Record<string, any>[];
    expect(article!.inLanguage).toBe('ko');
    expect(article!.url).toBe(releaseUrl('ko', 'fixture-ko-only'));
    expect(article!.workTranslation).toBeUndefined();
    expect($('meta[property="og:url"]').attr('content')).toBe(releaseUrl('ko', 'fixture-ko-only'));
    expect($('meta[property="og:locale"]').attr('content')).toBe('ko_KR');
    expect($('meta[property="og:locale:alternate"]').length).toBe(0);
  });
});

describe.each(locales)('the event page in $code', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/events/scse-2023/`);
  const [event] = jsonLdBlocks($) as Record<string, any>[];

  it('has a valid Event block', () => {
    expect(jsonLdBlocks($)).toHaveLength(1);
    expect(event).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      '@id': `${site}/${locale.path}/events/scse-2023/#event`,
      name: $('h1').text(),
      startDate: '2023-03-28',
      endDate: '2023-03-31',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: 'TW' } },
      organizer: { '@type': 'Organization', url: `${site}/${locale.path}/organizations/tca/` },
    });
    expect(event!.location.name).toBeTruthy();
    expect(event!.location.address.streetAddress).toBeTruthy();
    expect(event!.location.address.addressLocality).toBeTruthy();
  });
});

describe.each(locales)('organization pages in $code', (locale) => {
  it('describe the organization, its parent and the publisher’s logo', () => {
    const tca = jsonLdBlocks(loadPage(siteDir, `/${locale.path}/organizations/tca/`))[0] as Record<string, any>;
    expect(tca).toMatchObject({ '@context': 'https://schema.org', '@type': 'Organization', foundingDate: '1974', alternateName: 'TCA' });
    const doit = jsonLdBlocks(loadPage(siteDir, `/${locale.path}/organizations/taipei-doit/`))[0] as Record<string, any>;
    expect(doit.parentOrganization['@id']).toBe(`${site}/${locale.path}/organizations/taipei-city-government/#organization`);
    const sdf = jsonLdBlocks(loadPage(siteDir, `/${locale.path}/organizations/seoul-digital-foundation/`))[0] as Record<string, any>;
    expect(sdf.logo.url).toBe(`${site}/logo.svg`);
  });
});
