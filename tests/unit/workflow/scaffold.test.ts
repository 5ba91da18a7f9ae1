import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { answerProblems, nextSteps, normalizeMoment, releaseFiles, releaseLanguages, splitLanguages, type ReleaseAnswers } from '../../../src/lib/content/scaffold';
import { photoSchema, releaseSchema } from '../../../src/schemas/collections';

/** As Astro's loader reads YAML: the core schema plus YAML 1.1 timestamps. */
const astroYaml = (text: string): unknown => parseYaml(text, { customTags: ['timestamp'] });

describe('normalizeMoment', () => {
  it.each([
    ['2026-01-05T10:00+09:00', '2026-01-05T10:00:00+09:00'],
    ['2026-01-05 10:00:30Z', '2026-01-05T10:00:30Z'],
  ])('%s → %s', (input, expected) => expect(normalizeMoment(input)).toBe(expected));

  it.each(['2026-01-05', '2026-01-05T10:00', 'tomorrow', '2026-13-45T10:00+09:00'])('rejects %s', (input) => {
    expect(normalizeMoment(input)).toBeUndefined();
  });
});

describe('answerProblems', () => {
  it('accepts good answers and names every bad one', () => {
    expect(answerProblems({ slug: 'test-release', title: '테스트', date: '2026-01-05T10:00+09:00' })).toEqual([]);
    const problems = answerProblems({ slug: 'Test Release', title: ' ', date: '2026-01-05', category: 'sports', event: 'nope' }, ['scse-2023']);
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['slug', 'title:', 'date', 'category', 'event']);
  });

  it('names each language the site does not have, and an empty list', () => {
    const answers = { slug: 'test-release', title: '테스트', date: '2026-01-05T10:00+09:00' };
    expect(answerProblems({ ...answers, languages: ['ko', 'EN', 'zh-hant'] })).toEqual([]);
    expect(answerProblems({ ...answers, languages: ['ko', 'fr', 'zh'] })).toEqual([
      'language "fr": use ko, en, zh-Hant',
      'language "zh": use ko, en, zh-Hant',
    ]);
    expect(answerProblems({ ...answers, languages: [] })).toEqual(['languages: name them, e.g. ko,en']);
  });
});

describe('releaseLanguages', () => {
  it('is every site language when none were chosen', () => {
    expect(releaseLanguages({})).toEqual(['ko', 'en', 'zh-Hant']);
  });

  it('always includes Korean, takes codes or file names in any case, and keeps the site order', () => {
    expect(releaseLanguages({ languages: splitLanguages('en') })).toEqual(['ko', 'en']);
    expect(releaseLanguages({ languages: splitLanguages('ZH-hant, ko') })).toEqual(['ko', 'zh-Hant']);
    expect(releaseLanguages({ languages: splitLanguages('zh-Hant,en,ko,en') })).toEqual(['ko', 'en', 'zh-Hant']);
  });
});

const answers: ReleaseAnswers = { slug: 'test-release', title: '테스트', date: '2026-01-05T10:00+09:00', event: 'scse-2023' };
const template = (languages?: string[]) => releaseFiles({ ...answers, ...(languages ? { languages } : {}) })['photos/TEMPLATE.yaml.example']!;

/** The template as an author who wrote every empty value and took up the optional headline would save it. */
function filledIn(text: string): string {
  return text.replace(/^# (headline:|\s+[\w-]+: "")/gm, '$1').replaceAll(/: ""/g, ': "글"');
}

type Localized = Record<string, string>;
interface Template {
  caption: Localized;
  alt: Localized;
  headline?: Localized;
  credit: Localized;
  place: { city: Localized; country: string };
  event: string;
}

const localizedFields = (data: Template) => ({
  caption: data.caption,
  alt: data.alt,
  headline: data.headline,
  credit: data.credit,
  'place.city': data.place.city,
});

describe('releaseFiles', () => {
  const files = releaseFiles(answers);

  it('writes only the original and a captions template, whatever the languages', () => {
    expect(Object.keys(files).sort()).toEqual(['ko.mdx', 'photos/TEMPLATE.yaml.example']);
    expect(Object.keys(releaseFiles({ ...answers, languages: ['ko', 'en'] })).sort()).toEqual(['ko.mdx', 'photos/TEMPLATE.yaml.example']);
  });

  it('writes frontmatter the release schema accepts, with the date as an instant with offset', () => {
    const frontmatter = astroYaml(/^---\n([\s\S]*?)\n---/.exec(files['ko.mdx']!)![1]!) as Record<string, unknown>;
    const data = releaseSchema.parse(frontmatter);
    expect(data.title).toBe('테스트');
    expect(data.date?.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(data.event).toEqual({ collection: 'events', id: 'scse-2023' });
  });

  it('leaves the body empty, with the instructions in YAML comments that are never published', () => {
    const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(files['ko.mdx']!)!;
    expect(body!.trim()).toBe('');
    expect(frontmatter).toMatch(/^# .*<Photo id="\.\.\." \/>/m);
  });

  it.each([
    [undefined, ['ko', 'en', 'zh-Hant']],
    [['ko', 'en'], ['ko', 'en']],
    [['zh-hant'], ['ko', 'zh-Hant']],
    [['ko'], ['ko']],
  ])('the captions template for languages %j has exactly the keys %j under every text field', (languages, keys) => {
    const text = template(languages);
    const written = parseYaml(text) as Template;
    expect(written.headline, 'the headline is optional and left as a comment').toBeUndefined();
    expect(written.event).toBe('scse-2023');
    const withHeadline = parseYaml(filledIn(text)) as Template;
    for (const [field, values] of Object.entries(localizedFields(withHeadline))) {
      expect(Object.keys(values ?? {}), field).toEqual(keys);
    }
    for (const code of ['ko', 'en', 'zh-Hant'].filter((code) => !keys.includes(code))) {
      expect(text, `no line for ${code}, commented or not`).not.toMatch(new RegExp(`^[#\\s]*${code}:`, 'm'));
    }
  });

  it('says in a comment which languages it has and how to add one later', () => {
    const comments = (text: string) => text.split('\n').filter((line) => line.startsWith('# ')).join('\n');
    expect(comments(template(['ko', 'en']))).toMatch(/# Languages: ko, en\b/);
    expect(comments(template(['ko', 'en']))).toMatch(/To add a language later, add a line for it under caption, alt, headline, credit and place\.city\n# \(e\.g\. zh-Hant: "…"\)/);
    expect(comments(template())).toMatch(/# Languages: ko, en, zh-Hant\b/);
    expect(comments(template())).toMatch(/To add a language later/);
  });

  it('shows an example next to each Korean value, and none next to a translation', () => {
    const lines = template(['ko', 'en']).split('\n');
    const korean = lines.filter((line) => /^[#\s]*ko: ""/.test(line));
    expect(korean).toHaveLength(5);
    for (const line of korean) expect(line).toMatch(/^[#\s]*ko: ""\s+# e\.g\. \S/);
    for (const line of lines.filter((line) => /^[#\s]*en: /.test(line))) expect(line).toMatch(/^[#\s]*en: ""$/);
  });

  it('copied as it is, is rejected for exactly the values the author must write, in the chosen languages only', () => {
    // With YAML 1.1 timestamps, as Astro's loader reads caption files.
    const result = photoSchema.safeParse(astroYaml(template(['ko', 'en'])));
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(fields).toEqual(
      ['alt.en', 'alt.ko', 'caption.en', 'caption.ko', 'copyright', 'credit.en', 'credit.ko', 'creator', 'place.city.en', 'place.city.ko'].sort(),
    );
  });

  it.each([[undefined], [['ko', 'en']], [['ko']]])('filled in (languages %j), is a valid caption file', (languages) => {
    const data = photoSchema.parse(astroYaml(filledIn(template(languages))));
    expect(data.caption.ko).toBe('글');
    expect(data.headline?.ko).toBe('글');
    expect(data.place.country).toBe('KR');
    expect(data.event).toEqual({ collection: 'events', id: 'scse-2023' });
  });
});

describe('nextSteps', () => {
  it('names the translation files of the chosen languages only', () => {
    const steps = nextSteps('content/releases/x', ['ko', 'en']).join('\n');
    expect(steps).toContain('add en.mdx beside ko.mdx when it arrives');
    expect(steps).not.toContain('zh-hant.mdx');
    expect(nextSteps('content/releases/x').join('\n')).toContain('add en.mdx and zh-hant.mdx beside ko.mdx when they arrive');
  });

  it('tells a Korean-only release how to add a language later', () => {
    expect(nextSteps('content/releases/x', ['ko']).join('\n')).toContain('To publish in another language later, add its file beside ko.mdx (en.mdx, zh-hant.mdx)');
  });
});
