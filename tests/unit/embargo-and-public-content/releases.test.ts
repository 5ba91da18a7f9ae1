import { describe, expect, it } from 'vitest';
import {
  byNewest,
  isReleaseVisible,
  isUnderEmbargo,
  nextEmbargo,
  pairReleases,
  releaseInLocale,
  splitReleaseId,
  visibleVersions,
  type Release,
  type ReleaseEntry,
} from '../../../src/lib/content/releases';

const ref = <C extends string>(collection: C, id: string) => ({ id, collection });

/** An entry shaped like Astro's CollectionEntry<'releases'> after releaseSchema has parsed it. */
function entry(slug: string, file: string, data: Record<string, unknown> = {}): ReleaseEntry {
  return {
    id: `${slug}/${file}`,
    collection: 'releases',
    filePath: `content/releases/${slug}/${file}.mdx`,
    data: { title: `${slug} ${file}`, summary: `Summary of ${slug}`, tags: [], corrections: [], draft: false, ...data },
    body: '',
  } as unknown as ReleaseEntry;
}

const originalData = {
  date: new Date('2023-04-03T09:00:00+09:00'),
  category: 'international',
  event: ref('events', 'scse-2023'),
  mous: [ref('mous', 'sdf-tca-2023')],
  organizations: [ref('organizations', 'tca'), ref('organizations', 'ntca')],
  photos: [ref('photos', 'p1'), ref('photos', 'p2')],
  contact: ref('contacts', 'press-desk'),
};

function release(slug: string, data: Record<string, unknown> = {}, translations: Record<string, Record<string, unknown>> = {}): Release {
  const { releases, problems } = pairReleases([
    entry(slug, 'ko', { ...originalData, ...data }),
    ...Object.entries(translations).map(([file, more]) => entry(slug, file, more)),
  ]);
  expect(problems).toEqual([]);
  expect(releases).toHaveLength(1);
  return releases[0]!;
}

describe('splitReleaseId', () => {
  it('cuts at the last slash', () => {
    expect(splitReleaseId('scse-2023-taipei/zh-hant')).toEqual({ slug: 'scse-2023-taipei', localePath: 'zh-hant' });
  });
});

describe('pairReleases', () => {
  it('reports a <Photo id> in any language version that the release does not list', () => {
    const ko = { ...entry('scse', 'ko', originalData), body: '<Photo id="p1" />' } as ReleaseEntry;
    const en = { ...entry('scse', 'en'), body: 'Text {/* e.g. <Photo id="p7" /> */}\n\n<Photo id="p1" />\n\n<Photo id="p9" />' } as ReleaseEntry;
    const { problems } = pairReleases([ko, en]);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'content/releases/scse/en.mdx', field: '<Photo id="p9">', fix: expect.stringContaining('p1, p2') }),
    ]);
  });

  it('pairs the ko, en and zh-hant files of one folder into one release', () => {
    const ko = entry('scse', 'ko', originalData);
    const en = entry('scse', 'en');
    const zh = entry('scse', 'zh-hant');
    const other = entry('other', 'ko', { ...originalData, date: new Date('2023-05-01T09:00:00+09:00') });
    const { releases, problems } = pairReleases([en, zh, other, ko]);
    expect(problems).toEqual([]);
    expect(releases).toHaveLength(2);
    const scse = releases.find((candidate) => candidate.slug === 'scse')!;
    expect(scse.original).toBe(ko);
    expect(scse.versions).toEqual({ ko, en, 'zh-Hant': zh });
    expect(scse.versions['zh-Hant']).toBe(zh);
    expect(scse.date).toEqual(originalData.date);
    expect(scse.category).toBe('international');
    expect(scse.event).toBe('scse-2023');
    expect(scse.mous).toEqual(['sdf-tca-2023']);
    expect(scse.organizations).toEqual(['tca', 'ntca']);
    expect(scse.photos).toEqual(['p1', 'p2']);
    expect(scse.contact).toBe('press-desk');
    expect(releases.find((candidate) => candidate.slug === 'other')!.versions).toEqual({ ko: other });
  });

  it('makes a release with only the ko version from a folder with only ko.mdx', () => {
    const ko = entry('solo', 'ko', originalData);
    const { releases, problems } = pairReleases([ko]);
    expect(problems).toEqual([]);
    expect(releases).toHaveLength(1);
    expect(Object.keys(releases[0]!.versions)).toEqual(['ko']);
    expect(releases[0]!.original).toBe(ko);
  });

  it('reports a file in an unknown language, naming the file', () => {
    const { releases, problems } = pairReleases([entry('scse', 'ko', originalData), entry('scse', 'fr')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('content/releases/scse/fr.mdx');
    expect(problems[0]!.problem).toContain('"fr"');
    expect(problems[0]!.fix).toContain('ko.mdx');
    expect(releases).toHaveLength(1);
    expect(Object.keys(releases[0]!.versions)).toEqual(['ko']);
  });

  it('reports a folder without ko.mdx and builds nothing from it', () => {
    const { releases, problems } = pairReleases([entry('orphan', 'en', originalData), entry('orphan', 'zh-hant')]);
    expect(releases).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/^content\/releases\/orphan\//);
    expect(problems[0]!.problem).toContain('orphan');
    expect(problems[0]!.fix).toContain('ko.mdx');
  });

  it.each(['date', 'category'] as const)('reports a missing %s in the original, naming the field', (field) => {
    const data: Record<string, unknown> = { ...originalData };
    delete data[field];
    const { releases, problems } = pairReleases([entry('scse', 'ko', data), entry('scse', 'en')]);
    expect(releases).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/releases/scse/ko.mdx', field })]);
    expect(problems[0]!.fix).toContain(`${field}:`);
  });

  it('reports both missing date and category', () => {
    const { problems } = pairReleases([entry('scse', 'ko', {})]);
    expect(problems.map((problem) => problem.field).sort()).toEqual(['category', 'date']);
  });

  it('reports a translation whose event differs from the original, naming the translation and "event"', () => {
    const { problems } = pairReleases([
      entry('scse', 'ko', originalData),
      entry('scse', 'en', { event: ref('events', 'another-event') }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('content/releases/scse/en.mdx');
    expect(problems[0]!.field).toBe('event');
    expect(problems[0]!.problem).toContain('content/releases/scse/ko.mdx');
  });

  it('reports a translation whose press contact differs from the original, naming "contact"', () => {
    const { problems } = pairReleases([
      entry('scse', 'ko', originalData),
      entry('scse', 'en', { contact: ref('contacts', 'another-desk') }),
    ]);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/releases/scse/en.mdx', field: 'contact' })]);
    expect(problems[0]!.problem).toContain('content/releases/scse/ko.mdx');
  });

  it('leaves a release without a contact of its own without one (the publisher\'s is used then)', () => {
    expect(release('no-contact', { contact: undefined }).contact).toBeUndefined();
  });

  it('reports a translation whose date differs, comparing by value', () => {
    const { problems } = pairReleases([
      entry('scse', 'ko', originalData),
      entry('scse', 'zh-hant', { date: new Date('2023-04-03T09:00:00Z') }),
    ]);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/releases/scse/zh-hant.mdx', field: 'date' })]);
  });

  it('accepts a translation that repeats the original values', () => {
    const { releases, problems } = pairReleases([
      entry('scse', 'ko', originalData),
      // Fresh objects with equal values, as a second file parsed separately would give.
      entry('scse', 'en', {
        date: new Date(originalData.date.getTime()),
        category: 'international',
        event: ref('events', 'scse-2023'),
        photos: [ref('photos', 'p1'), ref('photos', 'p2')],
        contact: ref('contacts', 'press-desk'),
      }),
    ]);
    expect(problems).toEqual([]);
    expect(releases).toHaveLength(1);
  });

  it('reports a hero that is not among the photos', () => {
    const { problems } = pairReleases([entry('scse', 'ko', { ...originalData, hero: ref('photos', 'p9') })]);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/releases/scse/ko.mdx', field: 'hero' })]);
    expect(problems[0]!.problem).toContain('p9');
    expect(problems[0]!.fix).toContain('p1, p2');
  });

  it('uses the chosen hero, and the first photo when none is chosen', () => {
    expect(release('a', { hero: ref('photos', 'p2') }).hero).toBe('p2');
    expect(release('b').hero).toBe('p1');
    expect(release('c', { photos: undefined }).hero).toBeUndefined();
  });
});

describe('releaseInLocale', () => {
  it('gives the translation when it exists', () => {
    const scse = release('scse', {}, { en: {} });
    const inEnglish = releaseInLocale(scse, 'en');
    expect(inEnglish).toMatchObject({ locale: 'en', textLocale: 'en', isFallback: false });
    expect(inEnglish.entry).toBe(scse.versions.en);
    expect(releaseInLocale(scse, 'ko')).toMatchObject({ textLocale: 'ko', isFallback: false });
  });

  it('falls back to the original for a missing translation', () => {
    const scse = release('scse', {}, { en: {} });
    const inChinese = releaseInLocale(scse, 'zh-Hant');
    expect(inChinese.locale).toBe('zh-Hant');
    expect(inChinese.textLocale).toBe('ko');
    expect(inChinese.isFallback).toBe(true);
    expect(inChinese.entry).toBe(scse.original);
    expect(inChinese.release).toBe(scse);
  });
});

describe('isReleaseVisible / visibleVersions', () => {
  const embargo = new Date('2023-04-03T09:00:00+09:00');
  const live = { includeDrafts: false };

  it('hides an embargoed release until the embargo, and shows it from that moment', () => {
    const scse = release('scse', { embargo });
    expect(isReleaseVisible(scse, { ...live, now: new Date(embargo.getTime() - 1) })).toBe(false);
    expect(isReleaseVisible(scse, { ...live, now: embargo })).toBe(true);
    expect(isReleaseVisible(scse, { ...live, now: new Date(embargo.getTime() + 1) })).toBe(true);
  });

  it('hides a draft unless drafts are included', () => {
    const draft = release('draft', { draft: true });
    const now = new Date('2030-01-01T00:00:00Z');
    expect(isReleaseVisible(draft, { now, includeDrafts: false })).toBe(false);
    expect(isReleaseVisible(draft, { now, includeDrafts: true })).toBe(true);
    expect(isReleaseVisible(release('done'), { now, includeDrafts: false })).toBe(true);
  });

  it('keeps a draft hidden during its embargo even with drafts included', () => {
    const scse = release('scse', { draft: true, embargo });
    expect(isReleaseVisible(scse, { now: new Date('2023-01-01T00:00:00Z'), includeDrafts: true })).toBe(false);
  });

  it('shows an embargoed release only when embargoed releases are included (the preview), and never a draft', () => {
    const scse = release('scse', { embargo });
    const before = new Date(embargo.getTime() - 1);
    expect(isReleaseVisible(scse, { ...live, now: before, includeEmbargoed: false })).toBe(false);
    expect(isReleaseVisible(scse, { ...live, now: before, includeEmbargoed: true })).toBe(true);
    expect(isReleaseVisible(release('draft', { draft: true, embargo }), { ...live, now: before, includeEmbargoed: true })).toBe(false);
    expect(isUnderEmbargo(scse, before)).toBe(true);
    expect(isUnderEmbargo(scse, embargo)).toBe(false);
    expect(isUnderEmbargo(release('done'), before)).toBe(false);
  });

  it('drops a draft translation unless drafts are included', () => {
    const scse = release('scse', {}, { en: {}, 'zh-hant': { draft: true } });
    const now = new Date();
    expect(Object.keys(visibleVersions(scse, { now, includeDrafts: false })).sort()).toEqual(['en', 'ko']);
    expect(Object.keys(visibleVersions(scse, { now, includeDrafts: true })).sort()).toEqual(['en', 'ko', 'zh-Hant']);
    expect(visibleVersions(scse, { now, includeDrafts: false }).en).toBe(scse.versions.en);
  });
});

describe('byNewest', () => {
  it('sorts newest first and breaks ties by slug', () => {
    const at = (slug: string, iso: string) => release(slug, { date: new Date(iso) });
    const list = [
      at('b-same', '2023-04-03T09:00:00+09:00'),
      at('old', '2022-01-01T09:00:00+09:00'),
      at('new', '2024-01-01T09:00:00+09:00'),
      at('a-same', '2023-04-03T09:00:00+09:00'),
    ];
    expect([...list].sort(byNewest).map((item) => item.slug)).toEqual(['new', 'a-same', 'b-same', 'old']);
    expect([...list].reverse().sort(byNewest).map((item) => item.slug)).toEqual(['new', 'a-same', 'b-same', 'old']);
  });
});

describe('nextEmbargo', () => {
  it('picks the earliest embargo still ahead', () => {
    const now = new Date('2023-04-03T00:00:00Z');
    const list = [
      release('past', { embargo: new Date('2023-04-02T00:00:00Z') }),
      release('later', { embargo: new Date('2023-05-01T00:00:00Z') }),
      release('none'),
      release('soon', { embargo: new Date('2023-04-10T00:00:00Z') }),
      release('now', { embargo: now }),
    ];
    expect(nextEmbargo(list, now)?.toISOString()).toBe('2023-04-10T00:00:00.000Z');
  });

  it('gives nothing when every embargo has passed', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(nextEmbargo([release('past', { embargo: new Date('2023-04-02T00:00:00Z') }), release('none')], now)).toBeUndefined();
  });
});

describe('corrections', () => {
  const first = { date: new Date('2023-04-03T15:00:00+09:00'), note: '이름을 바로잡았습니다.' };
  const second = { date: new Date('2023-04-05T10:00:00+09:00'), note: '숫자를 바로잡았습니다.' };

  it('pairs each of the original’s corrections with the translations’ wording, oldest first, and dates the change', () => {
    const scse = release('scse', { corrections: [second, first], updated: new Date('2023-04-04T09:00:00+09:00') }, {
      en: { corrections: [{ date: first.date, note: 'Name corrected.' }] },
      'zh-hant': { corrections: [] },
    });
    expect(scse.corrections).toEqual([
      { date: first.date, notes: { ko: first.note, en: 'Name corrected.' } },
      { date: second.date, notes: { ko: second.note } },
    ]);
    expect(scse.modified).toEqual(second.date);
  });

  it('takes `updated` as the modification when there is no correction, and nothing when neither is set', () => {
    expect(release('a', { updated: new Date('2023-04-04T09:00:00+09:00') }).modified).toEqual(new Date('2023-04-04T09:00:00+09:00'));
    expect(release('b').modified).toBeUndefined();
  });

  it('reports a translation’s correction that the original does not have, naming the original’s dates', () => {
    const { problems } = pairReleases([
      entry('scse', 'ko', { ...originalData, corrections: [first] }),
      entry('scse', 'en', { corrections: [{ date: second.date, note: 'Figure corrected.' }] }),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'content/releases/scse/en.mdx',
        field: 'corrections.0.date',
        fix: expect.stringContaining(first.date.toISOString()),
        ko: expect.objectContaining({ problem: expect.stringContaining('정정이 없습니다') }),
      }),
    ]);
  });
});
