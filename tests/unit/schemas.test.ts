import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { eventSchema, mouSchema, photoSchema, releaseSchema } from '../../src/schemas/collections';
import { calendarDate, dateTime, localDateTime } from '../../src/schemas/dates';
import { localizedText } from '../../src/schemas/localized';
import { categories } from '../../src/schemas/vocabulary';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
/** js-yaml's default schema turns unquoted timestamps into Dates, as Astro's YAML loading does. */
const astroYaml = (path: string) => loadYaml(read(path)) as Record<string, unknown>;

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((issue) => issue.message).join('\n') ?? '';

const original = {
  title: '서울디지털재단, SCSE 2023 서울관 운영',
  subtitle: '타이베이 스마트시티 엑스포 참가',
  summary: '서울디지털재단이 SCSE 2023에서 서울관을 운영했다.',
  date: new Date('2023-04-03T09:00:00+09:00'),
  updated: new Date('2023-04-04T10:00:00+09:00'),
  category: 'international',
  tags: ['스마트시티', '대만'],
  byline: '서울디지털재단 홍보팀',
  contact: { name: '홍보팀', email: 'press@example.org', phone: '+82-2-0000-0000' },
  event: 'scse-2023',
  mous: ['sdf-tca-2023'],
  organizations: ['tca', 'ntca'],
  photos: ['scse-2023-taipei-01-ntca-visit', 'scse-2023-taipei-02-taipei-city-meeting'],
  hero: 'scse-2023-taipei-01-ntca-visit',
  draft: false,
  embargo: new Date('2023-04-03T09:00:00+09:00'),
};

describe('releaseSchema', () => {
  it('accepts a complete original and turns references into {id, collection}', () => {
    const data = releaseSchema.parse(original);
    expect(data.title).toBe(original.title);
    expect(data.date).toEqual(original.date);
    expect(data.category).toBe('international');
    expect(data.event).toEqual({ id: 'scse-2023', collection: 'events' });
    expect(data.mous).toEqual([{ id: 'sdf-tca-2023', collection: 'mous' }]);
    expect(data.organizations).toEqual([
      { id: 'tca', collection: 'organizations' },
      { id: 'ntca', collection: 'organizations' },
    ]);
    expect(data.photos?.map((photo) => photo.collection)).toEqual(['photos', 'photos']);
    expect(data.hero).toEqual({ id: 'scse-2023-taipei-01-ntca-visit', collection: 'photos' });
    expect(data.contact?.email).toBe('press@example.org');
  });

  it('accepts dates written as quoted strings with an offset', () => {
    const data = releaseSchema.parse({ ...original, date: '2023-04-03T09:00:00+09:00' });
    expect(data.date?.toISOString()).toBe('2023-04-03T00:00:00.000Z');
  });

  it('accepts a minimal translation (title and summary) and fills in defaults', () => {
    const data = releaseSchema.parse({ title: 'SDF runs the Seoul Pavilion', summary: 'At SCSE 2023.' });
    expect(data).toMatchObject({ title: 'SDF runs the Seoul Pavilion', summary: 'At SCSE 2023.', tags: [], draft: false });
    expect(data.date).toBeUndefined();
    expect(data.event).toBeUndefined();
  });

  it('rejects a missing title at path title, saying what to do', () => {
    const { title: _title, ...rest } = original;
    const result = releaseSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0]!.path).toEqual(['title']);
    expect(result.error!.issues[0]!.message).toMatch(/title is missing.*add.*title:/);
  });

  it('rejects an empty or blank title', () => {
    for (const title of ['', '   ']) {
      const result = releaseSchema.safeParse({ ...original, title });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(['title']);
      expect(result.error!.issues[0]!.message).toMatch(/title is empty/);
    }
  });

  it('rejects a category outside the list, listing the allowed ones', () => {
    const result = releaseSchema.safeParse({ ...original, category: 'sports' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['category']);
    for (const category of categories) expect(result.error!.issues[0]!.message).toContain(category);
  });

  it('rejects a contact e-mail that is not an address', () => {
    const result = releaseSchema.safeParse({ ...original, contact: { name: '홍보팀', email: 'press at example.org' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['contact', 'email']);
    expect(result.error!.issues[0]!.message).toMatch(/e-mail/);
  });

  it('rejects a date without a time zone', () => {
    const result = releaseSchema.safeParse({ ...original, date: '2023-04-03T09:00:00' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['date']);
  });
});

describe('localizedText', () => {
  const caption = localizedText('caption');

  it('requires the Korean original, naming the field', () => {
    const result = caption.safeParse({ en: 'Taipei' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['ko']);
    expect(messages(result)).toMatch(/caption.*\(ko\).*required/);
  });

  it('rejects an empty Korean text', () => {
    expect(caption.safeParse({ ko: '  ' }).success).toBe(false);
  });

  it('accepts a missing translation', () => {
    expect(caption.parse({ ko: '타이베이' })).toEqual({ ko: '타이베이' });
    expect(caption.parse({ ko: '타이베이', 'zh-Hant': '臺北' })).toEqual({ ko: '타이베이', 'zh-Hant': '臺北' });
  });

  it.each(['zh-hant', 'fr', 'zh'])('rejects the unknown key %s, naming it', (key) => {
    const result = caption.safeParse({ ko: '타이베이', [key]: 'x' });
    expect(result.success).toBe(false);
    expect(messages(result)).toContain(`"${key}"`);
    expect(messages(result)).toContain('zh-Hant');
  });

  it('rejects a plain string, explaining the per-language form', () => {
    const result = caption.safeParse('타이베이');
    expect(result.success).toBe(false);
    expect(messages(result)).toMatch(/caption must list the text per language/);
  });
});

describe('photoSchema', () => {
  const schema = photoSchema;
  const sample = () =>
    parseYaml(read('content/releases/scse-2023-taipei/photos/scse-2023-taipei-01-ntca-visit.yaml')) as Record<string, any>;

  it('accepts the real sample photo', () => {
    const data = schema.parse(sample());
    expect(data.image).toBe('./scse-2023-taipei-01-ntca-visit.jpg');
    expect(data.place.country).toBe('TW');
    expect(data.event).toEqual({ id: 'scse-2023', collection: 'events' });
    expect(data.people).toEqual([
      { person: { id: 'kang-yo-sik', collection: 'people' }, position: 'far-left' },
      { person: { id: 'chi-yuan-chin', collection: 'people' }, position: 'second-from-right' },
    ]);
    expect(data.taken).toBeInstanceOf(Date);
    expect((data.taken as Date).toISOString()).toBe('2023-03-29T00:00:00.000Z');
  });

  it('rejects it without caption.ko', () => {
    const photo = sample();
    delete photo.caption.ko;
    const result = schema.safeParse(photo);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['caption', 'ko']);
  });

  it('rejects a position not in the list', () => {
    const photo = sample();
    photo.people[0].position = 'middle';
    const result = schema.safeParse(photo);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['people', 0, 'position']);
    expect(result.error!.issues[0]!.message).toContain('far-left');
  });

  it('rejects a lowercase country code', () => {
    const photo = sample();
    photo.place.country = 'tw';
    const result = schema.safeParse(photo);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['place', 'country']);
    expect(result.error!.issues[0]!.message).toMatch(/capitals/);
  });
});

describe('eventSchema', () => {
  it('accepts the real sample event and gives its days back as written', () => {
    const raw = astroYaml('content/events/scse-2023.yaml');
    expect(raw.start).toBeInstanceOf(Date); // as Astro's YAML parsing gives it
    const data = eventSchema.parse(raw);
    expect(data.start).toBe('2023-03-28');
    expect(data.end).toBe('2023-03-31');
    expect(data.timeZone).toBe('Asia/Taipei');
    expect(data.organizer).toEqual({ id: 'tca', collection: 'organizations' });
  });

  it('rejects an unknown time zone', () => {
    const result = eventSchema.safeParse({ ...astroYaml('content/events/scse-2023.yaml'), timeZone: 'Asia/Taipeh' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['timeZone']);
  });
});

describe('mouSchema', () => {
  it('accepts the real sample MoU', () => {
    const data = mouSchema.parse(astroYaml('content/mous/sdf-tca-2023.yaml'));
    expect(data.parties).toHaveLength(2);
    expect(data.signed).toBe('2023-03-31');
  });

  it('rejects fewer than two parties', () => {
    const raw = astroYaml('content/mous/sdf-tca-2023.yaml');
    const result = mouSchema.safeParse({ ...raw, parties: ['tca'] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['parties']);
    expect(result.error!.issues[0]!.message).toMatch(/at least two/);
  });
});

describe('date schemas', () => {
  it('dateTime accepts a Date and a quoted string with an offset', () => {
    expect(dateTime('date').parse('2023-04-03T09:00:00+09:00').toISOString()).toBe('2023-04-03T00:00:00.000Z');
    expect(dateTime('date').parse('2023-04-03T00:00:00Z').toISOString()).toBe('2023-04-03T00:00:00.000Z');
    const moment = new Date('2023-04-03T00:00:00Z');
    expect(dateTime('date').parse(moment)).toEqual(moment);
  });

  it('dateTime rejects a string without an offset, naming the field', () => {
    for (const text of ['2023-04-03T09:00:00', '2023-04-03', 'soon']) {
      const result = dateTime('embargo').safeParse(text);
      expect(result.success, text).toBe(false);
      expect(messages(result)).toMatch(/embargo must be a date and time with a time zone/);
    }
  });

  it('calendarDate reads a day as that day', () => {
    expect(calendarDate('taken').parse('2023-03-29').toISOString()).toBe('2023-03-29T00:00:00.000Z');
    expect(calendarDate('taken').safeParse('29/03/2023').success).toBe(false);
  });

  it('localDateTime keeps wall-clock times and rejects offsets', () => {
    expect(localDateTime('start').parse('2023-03-28T10:00')).toBe('2023-03-28T10:00');
    expect(localDateTime('start').parse(new Date('2023-03-28T10:00:00Z'))).toBe('2023-03-28T10:00:00');
    expect(localDateTime('start').safeParse('2023-03-28T10:00+08:00').success).toBe(false);
  });
});
