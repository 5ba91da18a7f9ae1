import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { formatProblems, type ContentProblem } from '../../../src/lib/content/problems';
import { knownKeysAt, schemaProblems } from '../../../src/lib/content/schema-problems';
import { contactSchema, eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from '../../../src/schemas/collections';
import { calendarDate, dateTime, dayOrDateTime, localDateTime, parseMoment } from '../../../src/schemas/dates';
import { localizedText } from '../../../src/schemas/localized';
import { reference } from '../../../src/schemas/reference';
import { categories, framePositions } from '../../../src/schemas/vocabulary';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const list = (folder: string) => readdirSync(new URL(folder, root)).filter((name) => /\.ya?ml$/.test(name)).map((name) => `${folder}/${name}`);
const frontmatter = (text: string) => /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]!;

/** As the project's content reader reads YAML: the YAML 1.2 core schema, timestamps kept as text. */
const coreYaml = (text: string) => parseYaml(text) as Record<string, any>;
/**
 * As Astro's loaders read YAML (js-yaml's default schema): the core schema plus YAML 1.1
 * timestamps, so unquoted dates arrive as Dates.
 */
const astroYaml = (text: string) => parseYaml(text, { customTags: ['timestamp'] }) as Record<string, any>;

/** The problems the content check reports for `data`, as the reader calls the schemas. */
function problemsOf(schema: z.ZodType, collection: string, data: unknown, file = 'content/f.yaml'): ContentProblem[] {
  const result = schema.safeParse(data, { reportInput: true });
  return result.success ? [] : schemaProblems(file, collection, schema, result.error.issues);
}

/** The parsed data, failing with the worded problems when it does not parse. */
function parsed<T>(schema: z.ZodType<T>, collection: string, data: unknown): T {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw new Error(formatProblems(schemaProblems('content/f.yaml', collection, schema, result.error.issues)));
  return result.data;
}

/** The one problem reported, failing when there are none or several. */
function onlyProblem(schema: z.ZodType, collection: string, data: unknown): ContentProblem {
  const problems = problemsOf(schema, collection, data);
  expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(1);
  return problems[0]!;
}

const sampleRelease = 'content/releases/scse-2023-taipei';
const koRelease = () => coreYaml(frontmatter(read(`${sampleRelease}/ko.mdx`)));
const samplePhoto = () => coreYaml(read(`${sampleRelease}/photos/scse-2023-taipei-01-ntca-visit.yaml`));
const sampleEvent = () => coreYaml(read('content/events/scse-2023.yaml'));
const sampleContact = () => coreYaml(read('content/contacts/sdf-press-team.yaml'));
const minimal = { title: 'SDF runs the Seoul Pavilion', summary: 'At SCSE 2023.' };
const releaseFields = ['title', 'subtitle', 'summary', 'date', 'updated', 'corrections', 'category', 'tags', 'byline', 'contact', 'event', 'mous', 'organizations', 'photos', 'hero', 'attachments', 'draft', 'embargo', 'translatedFrom'];

describe('the sample content', () => {
  const dataFiles = [
    ...list(`${sampleRelease}/photos`).map((file) => [file, photoSchema, 'photos'] as const),
    ...list('content/events').map((file) => [file, eventSchema, 'events'] as const),
    ...list('content/mous').map((file) => [file, mouSchema, 'mous'] as const),
    ...list('content/organizations').map((file) => [file, organizationSchema, 'organizations'] as const),
    ...list('content/people').map((file) => [file, personSchema, 'people'] as const),
    ...list('content/contacts').map((file) => [file, contactSchema, 'contacts'] as const),
  ];

  it('has files of every kind to check', () => {
    expect(new Set(dataFiles.map(([, , collection]) => collection))).toEqual(new Set(['photos', 'events', 'mous', 'organizations', 'people', 'contacts']));
  });

  it.each(dataFiles)('%s parses as the reader reads it and as Astro reads it', (file, schema, collection) => {
    expect(problemsOf(schema, collection, coreYaml(read(file)))).toEqual([]);
    expect(problemsOf(schema, collection, astroYaml(read(file)))).toEqual([]);
  });

  it.each(['ko', 'en', 'zh-hant'])('the %s release frontmatter parses both ways', (language) => {
    const text = frontmatter(read(`${sampleRelease}/${language}.mdx`));
    expect(problemsOf(releaseSchema, 'releases', coreYaml(text))).toEqual([]);
    expect(problemsOf(releaseSchema, 'releases', astroYaml(text))).toEqual([]);
  });

  it('turns the original release references into {id, collection}, and its date into the moment written', () => {
    const data = parsed(releaseSchema, 'releases', koRelease());
    expect(data.date?.toISOString()).toBe('2023-04-03T00:00:00.000Z');
    expect(data.category).toBe('international');
    expect(data.event).toEqual({ id: 'scse-2023', collection: 'events' });
    expect(data.mous).toEqual([{ id: 'sdf-tca-2023', collection: 'mous' }]);
    expect(data.organizations?.[0]).toEqual({ id: 'seoul-digital-foundation', collection: 'organizations' });
    expect(data.organizations?.every((organization) => organization.collection === 'organizations')).toBe(true);
    expect(data.photos?.map((photo) => photo.collection)).toEqual(['photos', 'photos', 'photos', 'photos']);
    expect(data.hero).toEqual({ id: 'scse-2023-taipei-03-tca-mou-signing', collection: 'photos' });
    expect(data.contact).toEqual({ id: 'sdf-press-team', collection: 'contacts' });
    expect(data.draft).toBe(false);
  });

  it('reads a press contact with its name and role per language, and the publisher\'s About text and press contact', () => {
    const contact = parsed(contactSchema, 'contacts', sampleContact());
    expect(contact).toEqual({
      name: { ko: '서울디지털재단 홍보팀', en: 'Seoul Digital Foundation Press Team', 'zh-Hant': '首爾數位基金會公關組' },
      role: { ko: '보도자료 및 취재 문의', en: 'Press releases and media enquiries', 'zh-Hant': '新聞稿及採訪聯繫' },
      organization: { id: 'seoul-digital-foundation', collection: 'organizations' },
      email: 'press@example.org',
      phone: '+82-2-0000-0000',
    });
    const publisher = parsed(organizationSchema, 'organizations', coreYaml(read('content/organizations/seoul-digital-foundation.yaml')));
    expect(publisher.pressContact).toEqual({ id: 'sdf-press-team', collection: 'contacts' });
    expect(Object.keys(publisher.about ?? {})).toEqual(['ko', 'en', 'zh-Hant']);
    expect(publisher.about?.en).toMatch(/^The Seoul Digital Foundation is /);
  });

  it('accepts the Dates Astro\'s YAML makes of unquoted timestamps, as the same moment', () => {
    const raw = astroYaml(frontmatter(read(`${sampleRelease}/ko.mdx`)));
    expect(raw.date).toBeInstanceOf(Date);
    expect(parsed(releaseSchema, 'releases', raw).date?.toISOString()).toBe('2023-04-03T00:00:00.000Z');
  });

  it('reads a photo with its references, and its day taken either way', () => {
    for (const raw of [samplePhoto(), astroYaml(read(`${sampleRelease}/photos/scse-2023-taipei-01-ntca-visit.yaml`))]) {
      const data = parsed(photoSchema, 'photos', raw);
      expect(data.image).toBe('./scse-2023-taipei-01-ntca-visit.jpg');
      expect(data.place.country).toBe('TW');
      expect(data.event).toEqual({ id: 'scse-2023', collection: 'events' });
      expect(data.people).toEqual([
        { person: { id: 'kang-yo-sik', collection: 'people' }, position: 'far-left' },
        { person: { id: 'chi-yuan-chin', collection: 'people' }, position: 'second-from-right' },
      ]);
      expect(data.taken?.toISOString()).toBe('2023-03-29T00:00:00.000Z');
    }
  });

  it('gives an event its days back as written, whether they came as text or as Astro\'s Dates', () => {
    const astro = astroYaml(read('content/events/scse-2023.yaml'));
    expect(astro.start).toBeInstanceOf(Date);
    expect(sampleEvent().start).toBe('2023-03-28');
    for (const raw of [astro, sampleEvent()]) {
      const data = parsed(eventSchema, 'events', raw);
      expect([data.start, data.end, data.timeZone]).toEqual(['2023-03-28', '2023-03-31', 'Asia/Taipei']);
      expect(data.organizer).toEqual({ id: 'tca', collection: 'organizations' });
    }
  });

  it('reads the MoU\'s parties and signatories as references', () => {
    const data = parsed(mouSchema, 'mous', coreYaml(read('content/mous/sdf-tca-2023.yaml')));
    expect(data.signed).toBe('2023-03-31');
    expect(data.parties).toHaveLength(2);
    expect(data.parties.every((party) => party.collection === 'organizations')).toBe(true);
    expect(data.signatories[0]!.person.collection).toBe('people');
  });

  it('reads an organization\'s parent as a reference', () => {
    const data = parsed(organizationSchema, 'organizations', coreYaml(read('content/organizations/taipei-doit.yaml')));
    expect(data.parent).toEqual({ id: 'taipei-city-government', collection: 'organizations' });
  });
});

describe('unknown fields', () => {
  it('reports a misspelt embargo, suggesting the field, in English and Korean', () => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, embarg0: '2024-01-01T09:00+09:00' })).toEqual({
      file: 'content/f.yaml',
      field: 'embarg0',
      problem: '"embarg0" is not a field of a release, so it would be ignored',
      fix: `did you mean "embargo"? Rename it; otherwise remove the line (fields: ${releaseFields.join(', ')})`,
      ko: {
        problem: '"embarg0"은(는) 보도자료에 없는 항목이라 무시됩니다',
        fix: `"embargo"를 쓰려던 것인가요? 이름을 고치거나 그 줄을 지우세요(항목: ${releaseFields.join(', ')})`,
      },
    });
  });

  it('reports Draft written with a capital, suggesting draft, and does not treat it as a draft', () => {
    const problem = onlyProblem(releaseSchema, 'releases', { ...minimal, Draft: true });
    expect(problem.field).toBe('Draft');
    expect(problem.fix).toMatch(/^did you mean "draft"\?/);
    expect(problem.ko!.fix).toMatch(/^"draft"를 쓰려던 것인가요\?/);
  });

  it('reports each unknown field of a file, and offers no guess for a word that is not a slip', () => {
    const problems = problemsOf(releaseSchema, 'releases', { ...minimal, photographer: 'x', sumary: 'y' });
    expect(problems.map((problem) => problem.field)).toEqual(['photographer', 'sumary']);
    expect(problems[0]!.fix).toBe(`remove the line, or use one of the fields: ${releaseFields.join(', ')}`);
    expect(problems[0]!.ko!.fix).toBe(`그 줄을 지우거나 다음 항목 중 하나를 쓰세요: ${releaseFields.join(', ')}`);
    expect(problems[1]!.fix).toMatch(/^did you mean "summary"\?/);
  });

  it('names the kind of file in each collection', () => {
    const kinds: Array<[z.ZodType, string, unknown, string, string]> = [
      [photoSchema, 'photos', samplePhoto(), 'a photo caption file', '사진 설명 파일'],
      [eventSchema, 'events', sampleEvent(), 'an event', '행사'],
      [mouSchema, 'mous', coreYaml(read('content/mous/sdf-tca-2023.yaml')), 'an MoU', '업무협약'],
      [organizationSchema, 'organizations', coreYaml(read('content/organizations/tca.yaml')), 'an organization', '기관'],
      [personSchema, 'people', coreYaml(read('content/people/kang-yo-sik.yaml')), 'a person', '인물'],
      [contactSchema, 'contacts', sampleContact(), 'a press contact', '홍보 담당'],
    ];
    for (const [schema, collection, data, en, ko] of kinds) {
      const problem = onlyProblem(schema, collection, { ...(data as object), extra: 1 });
      expect(problem.problem).toBe(`"extra" is not a field of ${en}, so it would be ignored`);
      expect(problem.ko!.problem).toBe(`"extra"은(는) ${ko}에 없는 항목이라 무시됩니다`);
    }
  });

  it('reports an unknown field inside a group, with its full path and the group\'s own fields', () => {
    const photo = samplePhoto();
    photo.place = { city: photo.place.city, contry: 'TW' };
    const problems = problemsOf(photoSchema, 'photos', photo);
    expect(problems.map((problem) => problem.field)).toEqual(['place.country', 'place.contry']);
    expect(problems[0]).toMatchObject({ problem: 'is missing', fix: 'add a line "country: …"', ko: { problem: '값이 없습니다', fix: '"country: …" 줄을 추가하세요' } });
    expect(problems[1]).toMatchObject({
      field: 'place.contry',
      problem: '"contry" is not a field of "place", so it would be ignored',
      fix: 'did you mean "country"? Rename it; otherwise remove the line (fields: city, country)',
      ko: { problem: '"contry"은(는) "place"에 없는 항목이라 무시됩니다' },
    });
  });

  it('reports an unknown field in a press contact file, suggesting from its fields', () => {
    const { email, ...contact } = sampleContact();
    const problems = problemsOf(contactSchema, 'contacts', { ...contact, emial: email });
    expect(problems.map((problem) => problem.field)).toEqual(['email', 'emial']);
    expect(problems[0]).toMatchObject({ problem: 'is missing', fix: 'add a line "email: …"', ko: { problem: '값이 없습니다', fix: '"email: …" 줄을 추가하세요' } });
    expect(problems[1]).toMatchObject({
      field: 'emial',
      problem: '"emial" is not a field of a press contact, so it would be ignored',
      fix: 'did you mean "email"? Rename it; otherwise remove the line (fields: name, role, organization, email, phone)',
      ko: { problem: '"emial"은(는) 홍보 담당에 없는 항목이라 무시됩니다' },
    });
  });

  it('reports an unknown field in a list item, suggesting from the item\'s fields', () => {
    const photo = samplePhoto();
    photo.people[1] = { person: 'chi-yuan-chin', postion: 'far-right' };
    const problems = problemsOf(photoSchema, 'photos', photo);
    expect(problems.find((problem) => problem.field === 'people.1.postion')).toMatchObject({
      problem: '"postion" is not a field of "people.1", so it would be ignored',
      fix: 'did you mean "position"? Rename it; otherwise remove the line (fields: person, position)',
    });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['people.1.position', 'people.1.postion']);
  });

  // BUG (src/lib/content/schema-problems.ts): a required field left out whose schema is an enum or one of
  // the custom rules (reference, local-time) is worded as the value "undefined" being wrong
  // ('"undefined" is not one of the allowed values', '"undefined" is not an id') instead of
  // "is missing". it.fails passes while the bug is there: make it it() once it is fixed.
  it('says a required field that was left out is missing, whatever its kind', () => {
    const photo = samplePhoto();
    photo.people = [{ person: 'kang-yo-sik' }, { position: 'left' }];
    const event = sampleEvent();
    delete event.start;
    const problems = [...problemsOf(photoSchema, 'photos', photo), ...problemsOf(eventSchema, 'events', event)];
    expect(problems.map((problem) => [problem.field, problem.problem, problem.fix, problem.ko?.problem])).toEqual([
      ['people.0.position', 'is missing', 'add a line "position: …"', '값이 없습니다'],
      ['people.1.person', 'is missing', 'add a line "person: …"', '값이 없습니다'],
      ['start', 'is missing', 'add a line "start: …"', '값이 없습니다'],
    ]);
  });

  it('reports a language key written zh-hant, suggesting zh-Hant', () => {
    const photo = samplePhoto();
    photo.caption = { ko: '타이베이', 'zh-hant': '臺北' };
    expect(onlyProblem(photoSchema, 'photos', photo)).toMatchObject({
      field: 'caption.zh-hant',
      problem: '"zh-hant" is not a field of "caption", so it would be ignored',
      fix: 'did you mean "zh-Hant"? Rename it; otherwise remove the line (fields: ko, en, zh-Hant)',
      ko: { problem: '"zh-hant"은(는) "caption"에 없는 항목이라 무시됩니다', fix: '"zh-Hant"를 쓰려던 것인가요? 이름을 고치거나 그 줄을 지우세요(항목: ko, en, zh-Hant)' },
    });
  });

  it('reports a person\'s affiliation field spelt the British way', () => {
    const person = coreYaml(read('content/people/kang-yo-sik.yaml'));
    person.affiliations[0] = { organisation: 'seoul-digital-foundation', title: { ko: '이사장' } };
    const problems = problemsOf(personSchema, 'people', person);
    expect(problems.find((problem) => problem.field === 'affiliations.0.organisation')?.fix).toMatch(/^did you mean "organization"\?/);
  });
});

describe('knownKeysAt', () => {
  it('lists the fields of the object at a path, through optional fields, lists and refinements', () => {
    expect(knownKeysAt(releaseSchema, [])).toEqual(releaseFields);
    expect(knownKeysAt(contactSchema, [])).toEqual(['name', 'role', 'organization', 'email', 'phone']);
    expect(knownKeysAt(contactSchema, ['role'])).toEqual(['ko', 'en', 'zh-Hant']);
    expect(knownKeysAt(organizationSchema, [])).toEqual(expect.arrayContaining(['about', 'pressContact']));
    expect(knownKeysAt(organizationSchema, ['about'])).toEqual(['ko', 'en', 'zh-Hant']);
    expect(knownKeysAt(photoSchema, ['people', 0])).toEqual(['person', 'position']);
    expect(knownKeysAt(photoSchema, ['place', 'city'])).toEqual(['ko', 'en', 'zh-Hant']);
    expect(knownKeysAt(photoSchema, ['headline'])).toEqual(['ko', 'en', 'zh-Hant']);
    expect(knownKeysAt(mouSchema, ['signatories', 3, 'title'])).toEqual(['ko', 'en', 'zh-Hant']);
    expect(knownKeysAt(eventSchema, [])).toContain('attendanceMode');
  });

  it('lists nothing where there is no object', () => {
    expect(knownKeysAt(releaseSchema, ['title'])).toEqual([]);
    expect(knownKeysAt(releaseSchema, ['tags'])).toEqual([]);
    expect(knownKeysAt(releaseSchema, ['contact'])).toEqual([]);
    expect(knownKeysAt(releaseSchema, ['nothing', 'here'])).toEqual([]);
  });
});

describe('missing, empty and mistyped values', () => {
  it('reports a missing title at its field, saying which line to add', () => {
    expect(onlyProblem(releaseSchema, 'releases', { summary: 's' })).toEqual({
      file: 'content/f.yaml',
      field: 'title',
      problem: 'is missing',
      fix: 'add a line "title: …"',
      ko: { problem: '값이 없습니다', fix: '"title: …" 줄을 추가하세요' },
    });
  });

  it.each(['', '   '])('reports the empty title %j', (title) => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, title })).toMatchObject({
      field: 'title',
      problem: 'is empty',
      ko: { problem: '비어 있습니다' },
    });
  });

  it('says what a mistyped value is and what it should be', () => {
    const problems = problemsOf(releaseSchema, 'releases', { ...minimal, title: 2023, tags: '스마트시티', draft: 'yes' });
    expect(problems.map((problem) => [problem.field, problem.problem, problem.ko!.problem])).toEqual([
      ['title', 'should be text, not the number 2023', '글자여야 합니다(지금은 숫자 2023)'],
      ['tags', 'should be a list, not the text "스마트시티"', '목록이어야 합니다(지금은 글자 "스마트시티")'],
      ['draft', 'should be true or false, not the text "yes"', 'true 또는 false여야 합니다(지금은 글자 "yes")'],
    ]);
    const contact = problemsOf(contactSchema, 'contacts', { ...sampleContact(), role: '홍보 담당' });
    expect(contact.map((problem) => [problem.field, problem.problem, problem.ko!.problem])).toEqual([
      ['role', 'should be a group of fields, not the text "홍보 담당"', '하위 항목 묶음이어야 합니다(지금은 글자 "홍보 담당")'],
    ]);
  });

  it('requires the Korean original of a text given per language, and no empty language', () => {
    const photo = samplePhoto();
    photo.caption = { en: 'Taipei', 'zh-Hant': '  ' };
    const problems = problemsOf(photoSchema, 'photos', photo);
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      ['caption.ko', 'is missing'],
      ['caption.zh-Hant', 'is empty'],
    ]);
  });

  it('accepts a text given in Korean only, and rejects one given as plain text', () => {
    const caption = localizedText();
    expect(caption.parse({ ko: '타이베이' })).toEqual({ ko: '타이베이' });
    const photo = samplePhoto();
    photo.caption = '타이베이';
    expect(onlyProblem(photoSchema, 'photos', photo)).toMatchObject({ field: 'caption', problem: 'should be a group of fields, not the text "타이베이"' });
  });

  it('reports a list that is too short', () => {
    const mou = coreYaml(read('content/mous/sdf-tca-2023.yaml'));
    expect(onlyProblem(mouSchema, 'mous', { ...mou, parties: ['tca'] })).toMatchObject({
      field: 'parties',
      problem: 'must list at least 2',
      ko: { problem: '2개 이상 있어야 합니다' },
    });
  });

  it('reports numbers out of range', () => {
    const organization = coreYaml(read('content/organizations/tca.yaml'));
    expect(onlyProblem(organizationSchema, 'organizations', { ...organization, founded: 30000 })).toMatchObject({ field: 'founded', problem: 'must be at most 3000', ko: { problem: '3000 이하여야 합니다' } });
    expect(onlyProblem(organizationSchema, 'organizations', { ...organization, members: { count: 0 } })).toMatchObject({ field: 'members.count', problem: 'must be at least 0' });
  });
});

describe('values from a closed list', () => {
  it('suggests the category a slip was meant to be', () => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, category: 'internatonal' })).toEqual({
      file: 'content/f.yaml',
      field: 'category',
      problem: '"internatonal" is not one of the allowed values',
      fix: `did you mean "international"? use one of: ${categories.join(', ')}`,
      ko: {
        problem: '"internatonal"은(는) 쓸 수 있는 값이 아닙니다',
        fix: `"international"를 쓰려던 것인가요? 다음 중 하나를 쓰세요: ${categories.join(', ')}`,
      },
    });
  });

  it('lists the categories without a guess for one that is not a slip (there is no "sports")', () => {
    const problem = onlyProblem(releaseSchema, 'releases', { ...minimal, category: 'sprots' });
    expect(problem.fix).toBe(`use one of: ${categories.join(', ')}`);
    expect(problem.ko!.fix).toBe(`다음 중 하나를 쓰세요: ${categories.join(', ')}`);
  });

  it('suggests a frame position and an event status, naming the list position in the path', () => {
    const photo = samplePhoto();
    photo.people[0].position = 'far_left';
    expect(onlyProblem(photoSchema, 'photos', photo)).toMatchObject({
      field: 'people.0.position',
      fix: `did you mean "far-left"? use one of: ${framePositions.join(', ')}`,
    });
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), status: 'EventCanceled' }).fix).toMatch(/^did you mean "EventCancelled"\?/);
  });
});

describe('moments (release date, updated, embargo; when a photo was taken)', () => {
  it.each([
    ['2024-11-08T09:00+09:00', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:00:00+09:00', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:00:30+09:00', '2024-11-08T00:00:30.000Z'],
    ['2024-11-08T09:00:00.250+09:00', '2024-11-08T00:00:00.250Z'],
    ['2024-11-08T09:00+0900', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:00:00+0900', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:00+09', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:30+05:30', '2024-11-08T04:00:00.000Z'],
    ['2024-11-08T00:00Z', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08t00:00z', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08 09:00 +09:00', '2024-11-08T00:00:00.000Z'],
    ['2024-11-08T09:00-04:00', '2024-11-08T13:00:00.000Z'],
    ['2024-02-29T09:00+09:00', '2024-02-29T00:00:00.000Z'],
  ])('accepts %s as %s', (text, iso) => {
    expect(parsed(releaseSchema, 'releases', { ...minimal, date: text }).date?.toISOString()).toBe(iso);
    expect(parsed(releaseSchema, 'releases', { ...minimal, embargo: text }).embargo?.toISOString()).toBe(iso);
    expect(parseMoment(text)).toEqual(new Date(iso));
  });

  it('accepts a Date as Astro\'s YAML gives it', () => {
    const moment = new Date('2024-11-08T00:00:00Z');
    expect(dateTime().parse(moment)).toEqual(moment);
    expect(dayOrDateTime().parse(moment)).toEqual(moment);
  });

  it.each(['2024-11-08T09:00', '2024-11-08T09:00:00', '2024-11-08'])('rejects %s, which has no time zone, saying it would be read as UTC', (text) => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, embargo: text })).toEqual({
      file: 'content/f.yaml',
      field: 'embargo',
      problem: `"${text}" has no time zone, so it would be read as UTC (9 hours off for Seoul)`,
      fix: 'write the date, the time and the time zone offset, e.g. embargo: 2023-04-03T09:00+09:00 (seconds may be left out)',
      ko: {
        problem: `"${text}"에 시간대가 없어 UTC로 읽힙니다(서울 시각과 9시간 차이)`,
        fix: '날짜, 시각, 시간대를 함께 쓰세요. 예: embargo: 2023-04-03T09:00+09:00 (초는 생략 가능)',
      },
    });
  });

  it.each([
    '2023-02-30T09:00+09:00', // 30 February
    '2023-02-29T09:00+09:00', // not a leap year
    '2023-13-01T09:00+09:00', // month 13
    '2023-00-10T09:00+09:00', // month 0
    '2023-04-00T09:00+09:00', // day 0
    '2023-04-31T09:00+09:00', // 31 April
    '2023-04-03T24:00+09:00',
    '2023-04-03T09:60+09:00',
    '2023-04-03T09:00:60+09:00',
    '2023-04-03T09:00+15:00', // no such offset
    '2023-04-03T09:00+09:60',
  ])('rejects %s, which is not a real date or time', (text) => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, date: text })).toEqual({
      file: 'content/f.yaml',
      field: 'date',
      problem: `"${text}" is not a real date or time (such as 30 February or 25:00)`,
      fix: 'check the day, month and time; write the date, the time and the time zone offset, e.g. date: 2023-04-03T09:00+09:00 (seconds may be left out)',
      ko: {
        problem: `"${text}"은(는) 존재하지 않는 날짜나 시각입니다(2월 30일, 25시 등)`,
        fix: '날짜와 시각을 확인하세요. 날짜, 시각, 시간대를 함께 쓰세요. 예: date: 2023-04-03T09:00+09:00 (초는 생략 가능)',
      },
    });
  });

  it.each(['soon', '03/04/2023 09:00', '2023-4-3T09:00+09:00', '2023-04-03T9:00+09:00', '2023-04-03T09:00+9'])('rejects %j, which is not a date and time', (text) => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, updated: text, date: '2023-01-01T00:00Z' })).toMatchObject({
      field: 'updated',
      problem: `"${text}" is not a date and time`,
      ko: { problem: `"${text}"은(는) 날짜와 시각이 아닙니다` },
    });
  });

  it('reports an empty date as empty and a number as not a date and time', () => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, date: null }).problem).toBe('is empty');
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, date: 20230403 }).problem).toBe('"20230403" is not a date and time');
  });

  it('gives the reasons parseMoment found', () => {
    expect(parseMoment('2023-04-03T09:00')).toEqual({ reason: 'no-time-zone' });
    expect(parseMoment('2023-04-03')).toEqual({ reason: 'no-time-zone' });
    expect(parseMoment('2023-02-30T09:00+09:00')).toEqual({ reason: 'impossible' });
    expect(parseMoment('yesterday')).toEqual({ reason: 'not-a-date' });
  });

  it('reports updated before date, at updated, in both languages', () => {
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, date: '2024-11-08T09:00+09:00', updated: '2024-11-08T08:59+09:00' })).toEqual({
      file: 'content/f.yaml',
      field: 'updated',
      problem: 'is earlier than "date"',
      fix: 'make it the same as or later than "date"',
      ko: { problem: '"date"보다 앞섭니다', fix: '"date"와 같거나 그 뒤로 쓰세요' },
    });
  });

  it('compares moments, not the times as written in different zones', () => {
    // 09:00 in Seoul is 08:00 in Taipei: the same moment, so not earlier.
    expect(problemsOf(releaseSchema, 'releases', { ...minimal, date: '2024-11-08T09:00+09:00', updated: '2024-11-08T08:00+08:00' })).toEqual([]);
    expect(problemsOf(releaseSchema, 'releases', { ...minimal, date: '2024-11-08T09:00+09:00', updated: '2024-11-08T07:59+08:00' }).map((problem) => problem.field)).toEqual(['updated']);
  });

  it('reports updated before date alongside the file\'s other problems', () => {
    const problems = problemsOf(releaseSchema, 'releases', { ...minimal, category: 'sports', date: '2024-11-08T09:00+09:00', updated: '2024-01-01T09:00+09:00' });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['category', 'updated']);
  });

  it('lets a photo be taken on a day, or at a moment with its zone', () => {
    const photo = samplePhoto();
    expect(parsed(photoSchema, 'photos', { ...photo, taken: '2023-03-29' }).taken?.toISOString()).toBe('2023-03-29T00:00:00.000Z');
    expect(parsed(photoSchema, 'photos', { ...photo, taken: '2023-03-29T14:00+08:00' }).taken?.toISOString()).toBe('2023-03-29T06:00:00.000Z');
    expect(onlyProblem(photoSchema, 'photos', { ...photo, taken: '2023-03-29T14:00' })).toMatchObject({
      field: 'taken',
      problem: '"2023-03-29T14:00" has no time zone, so it would be read as UTC (9 hours off for Seoul)',
      fix: 'write the date, the time and the time zone offset, e.g. taken: 2023-04-03T09:00+09:00 (seconds may be left out), or a day as 2023-04-03',
      ko: { fix: '날짜, 시각, 시간대를 함께 쓰세요. 예: taken: 2023-04-03T09:00+09:00 (초는 생략 가능) 또는 2023-04-03처럼 날짜만' },
    });
    expect(onlyProblem(photoSchema, 'photos', { ...photo, taken: '2023-02-29' })).toMatchObject({
      field: 'taken',
      problem: '"2023-02-29" is not a real date (such as 30 February)',
      ko: { problem: '"2023-02-29"은(는) 존재하지 않는 날짜입니다(2월 30일 등)' },
    });
  });

  it('reads a calendar day as that day, and rejects one that does not exist or is not a day', () => {
    expect(calendarDate().parse('2023-03-29').toISOString()).toBe('2023-03-29T00:00:00.000Z');
    for (const [text, rule] of [
      ['2023-02-30', { rule: 'day', reason: 'impossible' }],
      ['29/03/2023', { rule: 'day', reason: 'not-a-date' }],
    ] as const) {
      const result = calendarDate().safeParse(text);
      expect(result.success, text).toBe(false);
      expect((result.error!.issues[0] as { params?: unknown }).params).toMatchObject(rule);
    }
  });
});

describe('event days and times', () => {
  it('keeps wall-clock times as written, and turns Astro\'s Dates back into them', () => {
    expect(localDateTime().parse('2023-03-28T10:00')).toBe('2023-03-28T10:00');
    expect(localDateTime().parse(new Date('2023-03-28T00:00:00Z'))).toBe('2023-03-28');
    expect(localDateTime().parse(new Date('2023-03-28T10:00:00Z'))).toBe('2023-03-28T10:00:00');
  });

  it.each(['2023-03-28T10:00+08:00', '2023-03-28T10:00Z', '2023-03-28T10:00+0800'])('rejects the offset in %s: the zone is timeZone', (start) => {
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), start })).toMatchObject({
      field: 'start',
      problem: `"${start}" has a time zone offset`,
      fix: 'write a day (2023-03-28) or a local time (2023-03-28T10:00) without an offset: the zone is given by "timeZone"',
      ko: { problem: `"${start}"에 시간대가 붙어 있습니다` },
    });
  });

  it.each(['2023-03-28T24:00', '2023-02-29', '2023-03-32'])('rejects %s, which does not exist', (start) => {
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), start })).toMatchObject({
      field: 'start',
      problem: `"${start}" is not a real date or time`,
      ko: { problem: `"${start}"은(는) 존재하지 않는 날짜나 시각입니다` },
    });
  });

  it('reports an event that ends before it starts, at end', () => {
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28', end: '2023-03-27' })).toEqual({
      file: 'content/f.yaml',
      field: 'end',
      problem: 'the event ends ("2023-03-27") before it starts ("2023-03-28")',
      fix: 'make "end" the same as or later than "start"',
      ko: { problem: '행사 종료("2023-03-27")가 시작("2023-03-28")보다 앞섭니다', fix: '"end"를 "start"와 같거나 그 뒤로 쓰세요' },
    });
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28T10:00', end: '2023-03-28T09:30' }).field).toBe('end');
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28T10:00', end: '2023-03-27' }).field).toBe('end');
  });

  it('accepts an event of one day, or of hours within one day', () => {
    expect(problemsOf(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28', end: '2023-03-28' })).toEqual([]);
    expect(problemsOf(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28T10:00', end: '2023-03-28T18:00' })).toEqual([]);
    expect(problemsOf(eventSchema, 'events', { ...sampleEvent(), start: '2023-03-28T10:00', end: '2023-03-28' })).toEqual([]);
  });

  it('reports an unknown time zone', () => {
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), timeZone: 'Asia/Taipeh' })).toMatchObject({
      field: 'timeZone',
      problem: '"Asia/Taipeh" is not a time zone name',
      ko: { problem: '"Asia/Taipeh"은(는) 시간대 이름이 아닙니다' },
    });
  });
});

describe('addresses, codes and references', () => {
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'mailto:press@example.org', 'ftp://example.org/'])('rejects the website %j, naming its scheme', (website) => {
    const scheme = new URL(website).protocol;
    expect(onlyProblem(eventSchema, 'events', { ...sampleEvent(), website })).toEqual({
      file: 'content/f.yaml',
      field: 'website',
      problem: `addresses starting with "${scheme}" are not allowed here: only web pages (https://, http://)`,
      fix: 'write the full address of the web page, starting with https://',
      ko: { problem: `"${scheme}"로 시작하는 주소는 쓸 수 없습니다. 웹 주소(https://, http://)만 됩니다`, fix: 'https://로 시작하는 웹 페이지 주소 전체를 쓰세요' },
    });
  });

  it('rejects an organization website that is not a full address, and accepts http and https', () => {
    const organization = coreYaml(read('content/organizations/tca.yaml'));
    expect(onlyProblem(organizationSchema, 'organizations', { ...organization, website: 'www.tca.org.tw' })).toMatchObject({
      field: 'website',
      problem: 'is not a full web address',
      ko: { problem: '완전한 웹 주소가 아닙니다' },
    });
    expect(parsed(organizationSchema, 'organizations', { ...organization, website: ' https://www.tca.org.tw/ ' }).website).toBe('https://www.tca.org.tw/');
    expect(parsed(organizationSchema, 'organizations', { ...organization, website: 'http://www.tca.org.tw/' }).website).toBe('http://www.tca.org.tw/');
  });

  it('rejects a contact e-mail that is not an address, and reads one written with mailto:', () => {
    expect(onlyProblem(contactSchema, 'contacts', { ...sampleContact(), email: 'press at example.org' })).toMatchObject({
      field: 'email',
      problem: 'is not an e-mail address',
      ko: { problem: '이메일 주소가 아닙니다' },
    });
    expect(parsed(contactSchema, 'contacts', { ...sampleContact(), email: 'mailto:press@example.org' }).email).toBe('press@example.org');
  });

  it('takes a release\'s contact as an id in content/contacts/, and says so of a contact written out in the release', () => {
    expect(parsed(releaseSchema, 'releases', { ...minimal, contact: ' sdf-press-team ' }).contact).toEqual({ id: 'sdf-press-team', collection: 'contacts' });
    expect(parsed(releaseSchema, 'releases', minimal).contact).toBeUndefined();
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, contact: { name: '홍보팀', email: 'press@example.org' } })).toMatchObject({
      field: 'contact',
      problem: expect.stringMatching(/ is not an id$/),
      fix: 'write the id of an entry (its file name without .yaml) in content/contacts/',
      ko: { fix: 'content/contacts/에 있는 항목의 id(확장자 .yaml을 뺀 파일 이름)를 쓰세요' },
    });
    expect(onlyProblem(organizationSchema, 'organizations', { ...coreYaml(read('content/organizations/tca.yaml')), pressContact: 7 })).toMatchObject({
      field: 'pressContact',
      fix: 'write the id of an entry (its file name without .yaml) in content/contacts/',
    });
  });

  it.each(['tw', 'TWN', 'Taiwan'])('rejects the country %j', (country) => {
    const photo = samplePhoto();
    photo.place.country = country;
    expect(onlyProblem(photoSchema, 'photos', photo)).toMatchObject({
      field: 'place.country',
      problem: 'is not a country code',
      fix: 'write the two-letter ISO 3166 code in capitals, e.g. KR or TW',
      ko: { problem: '국가 코드가 아닙니다' },
    });
  });

  it('reads a reference from an id or from Astro\'s {id, collection}, and rejects anything else', () => {
    const event = reference('events');
    expect(event.parse(' scse-2023 ')).toEqual({ id: 'scse-2023', collection: 'events' });
    expect(event.parse({ id: 'scse-2023', collection: 'events' })).toEqual({ id: 'scse-2023', collection: 'events' });
    expect(event.safeParse({ id: 'scse-2023', collection: 'people' }).success).toBe(false);
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, event: 2023 })).toMatchObject({
      field: 'event',
      problem: '"2023" is not an id',
      fix: 'write the id of an entry (its file name without .yaml) in content/events/',
      ko: { problem: '"2023"은(는) 항목 id가 아닙니다', fix: 'content/events/에 있는 항목의 id(확장자 .yaml을 뺀 파일 이름)를 쓰세요' },
    });
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, photos: ['a', ''] })).toMatchObject({ field: 'photos.1', fix: expect.stringContaining('content/releases/<slug>/photos/') });
  });
});

describe('tags', () => {
  it('accepts tags of letters or digits in any script', () => {
    expect(parsed(releaseSchema, 'releases', { ...minimal, tags: ['스마트시티', '臺北', 'SCSE', '2023', 'e-government'] }).tags).toEqual(['스마트시티', '臺北', 'SCSE', '2023', 'e-government']);
  });

  it('reports each tag without a letter or digit, which could have no page', () => {
    const problems = problemsOf(releaseSchema, 'releases', { ...minimal, tags: ['스마트시티', '---', '#!', '···'] });
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      ['tags.1', 'the tag "---" has no letters or digits, so it cannot have a page'],
      ['tags.2', 'the tag "#!" has no letters or digits, so it cannot have a page'],
      ['tags.3', 'the tag "···" has no letters or digits, so it cannot have a page'],
    ]);
    expect(problems[0]!.ko).toEqual({ problem: '태그 "---"에 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다', fix: '낱말로 쓰거나 지우세요' });
  });
});

describe('schemaProblems wording', () => {
  it('words every problem in both languages, with a field, for a file with many problems', () => {
    const release = { ...koRelease(), embarg0: 'x', category: 'sprots', date: '2023-02-30T09:00+09:00', tags: ['---'], contact: { name: 'x', email: 'y' }, hero: 5 };
    const problems = problemsOf(releaseSchema, 'releases', release, 'content/releases/x/ko.mdx');
    expect(problems.map((problem) => problem.field).sort()).toEqual(['category', 'contact', 'date', 'embarg0', 'hero', 'tags.0']);
    for (const problem of problems) {
      expect(problem.file).toBe('content/releases/x/ko.mdx');
      expect(problem.problem).not.toBe('');
      expect(problem.fix).not.toBe('');
      expect(problem.ko?.problem).toMatch(/[가-힣]/);
      expect(problem.ko?.fix).toMatch(/[가-힣]/);
    }
  });

  it('quotes a long value shortened to one line', () => {
    const long = `${'x'.repeat(100)}`;
    expect(onlyProblem(releaseSchema, 'releases', { ...minimal, date: long }).problem).toBe(`"${'x'.repeat(57)}…" is not a date and time`);
  });
});
