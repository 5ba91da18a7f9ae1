import { describe, expect, it } from 'vitest';
import { eventLd, newsArticleLd, organizationLd, serializeJsonLd, type EventFacts, type NewsArticleFacts } from '../../../src/lib/view/structured-data';

const hostile = '</script><script>alert(1)</script> <!-- & \u2028\u2029 "quoted"';

describe('serializeJsonLd', () => {
  it('writes no character that could end or derail a script element, and still parses back', () => {
    const text = serializeJsonLd({ headline: hostile, nested: [{ name: hostile }] });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ headline: hostile, nested: [{ name: hostile }] });
  });
});

const event: EventFacts = {
  page: 'https://press.example.org/en/events/scse-2023/',
  name: 'Smart City Summit & Expo 2023',
  description: 'The smart-city conference and expo held in Taipei',
  start: '2023-03-28T09:30',
  end: '2023-03-31T17:00',
  timeZone: 'Asia/Taipei',
  venue: 'Taipei Nangang Exhibition Center, Hall 1',
  address: 'No. 1, Jingmao 2nd Rd., Nangang District, Taipei',
  city: 'Taipei',
  country: 'TW',
  status: 'EventScheduled',
  attendanceMode: 'OfflineEventAttendanceMode',
  organizer: { page: 'https://press.example.org/en/organizations/tca/', name: 'Taipei Computer Association' },
};

describe('eventLd', () => {
  it('gives times the offset of the event’s zone and places it at a postal address', () => {
    const data = eventLd(event);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      startDate: '2023-03-28T09:30:00+08:00',
      endDate: '2023-03-31T17:00:00+08:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: event.venue, address: { '@type': 'PostalAddress', addressLocality: 'Taipei', addressCountry: 'TW' } },
      organizer: { '@type': 'Organization', name: 'Taipei Computer Association' },
    });
  });

  it('keeps whole-day events as dates', () => {
    expect(eventLd({ ...event, start: '2023-03-28', end: '2023-03-31' })).toMatchObject({ startDate: '2023-03-28', endDate: '2023-03-31' });
  });
});

describe('organizationLd', () => {
  it('leaves out what is unknown instead of writing empty values', () => {
    const data = organizationLd({ page: 'https://press.example.org/en/organizations/x/', name: 'X' });
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      '@id': 'https://press.example.org/en/organizations/x/#organization',
      name: 'X',
      url: 'https://press.example.org/en/organizations/x/',
    });
  });
});

describe('newsArticleLd', () => {
  const publisher = { page: 'https://press.example.org/en/organizations/sdf/', name: 'Seoul Digital Foundation', logo: 'https://press.example.org/logo.svg' };
  const facts: NewsArticleFacts = {
    url: 'https://press.example.org/en/releases/a/',
    inLanguage: 'en',
    headline: 'Headline',
    description: 'Summary',
    datePublished: '2023-04-03T09:00:00+09:00',
    dateModified: '2023-04-03T09:00:00+09:00',
    keywords: ['MoU'],
    section: 'International cooperation',
    author: { name: 'Press team', url: publisher.page },
    publisher,
    translations: [],
    original: { url: 'https://press.example.org/ko/releases/a/', inLanguage: 'ko' },
    about: event,
  };

  it('names the original of a translation and links the event it is about', () => {
    const data = newsArticleLd(facts);
    expect(data.translationOfWork).toEqual({
      '@type': 'NewsArticle',
      '@id': 'https://press.example.org/ko/releases/a/#article',
      url: 'https://press.example.org/ko/releases/a/',
      inLanguage: 'ko',
    });
    expect(data.workTranslation).toBeUndefined();
    expect(data.about).toMatchObject({ '@type': 'Event', '@id': `${event.page}#event` });
    expect(data.publisher).toMatchObject({ '@type': 'Organization', logo: { '@type': 'ImageObject', url: publisher.logo } });
  });

  it('lists the translations of an original', () => {
    const data = newsArticleLd({
      ...facts,
      url: 'https://press.example.org/ko/releases/a/',
      inLanguage: 'ko',
      original: undefined,
      translations: [{ url: 'https://press.example.org/en/releases/a/', inLanguage: 'en' }],
    });
    expect(data.translationOfWork).toBeUndefined();
    expect(data.workTranslation).toEqual([expect.objectContaining({ '@id': 'https://press.example.org/en/releases/a/#article', inLanguage: 'en' })]);
  });
});
