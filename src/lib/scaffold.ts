/**
 * What `npm run new` writes for a release: pure, so tests check the files without a terminal.
 */
import { stringify } from 'yaml';
import { defaultLocale, localeByCode, locales } from '../i18n/locales';
import { categories } from '../schemas/vocabulary';
import { slugPattern } from './raw-checks';

export interface ReleaseAnswers {
  slug: string;
  title: string;
  /** Publication moment with an offset; minutes-only (10:00+09:00) is completed with seconds. */
  date: string;
  summary?: string;
  category?: string;
  event?: string;
}

/** Problems with the answers, worded for the person at the prompt; empty when all is well. */
export function answerProblems(answers: ReleaseAnswers, knownEvents: string[] = []): string[] {
  const problems: string[] = [];
  if (!slugPattern.test(answers.slug)) problems.push(`slug "${answers.slug}": use lowercase letters, digits and hyphens, e.g. scse-2023-taipei`);
  if (answers.title.trim() === '') problems.push('title: write the headline');
  if (normalizeMoment(answers.date) === undefined) problems.push(`date "${answers.date}": write date, time and offset, e.g. 2026-01-05T10:00+09:00`);
  if (answers.category && !(categories as readonly string[]).includes(answers.category)) problems.push(`category "${answers.category}": use one of ${categories.join(', ')}`);
  if (answers.event && !knownEvents.includes(answers.event)) problems.push(`event "${answers.event}": use one of ${knownEvents.join(', ') || '(no events yet: add one in content/events/)'}`);
  return problems;
}

/** `2026-01-05T10:00+09:00` → `2026-01-05T10:00:00+09:00`; undefined when it is not such a moment. */
export function normalizeMoment(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.exec(text.trim());
  if (!match) return undefined;
  const moment = `${match[1]}T${match[2]}${match[3] ?? ':00'}${match[4]}`;
  return Number.isNaN(Date.parse(moment)) ? undefined : moment;
}

/** Files to create, relative to the release folder. Translations are left out: missing is allowed. */
export function releaseFiles(answers: ReleaseAnswers): Record<string, string> {
  const frontmatter = {
    title: answers.title,
    summary: answers.summary?.trim() || answers.title,
    date: normalizeMoment(answers.date),
    category: answers.category ?? 'announcement',
    ...(answers.event ? { event: answers.event } : {}),
    tags: [],
  };
  const original = `${localeByCode(defaultLocale).path}.mdx`;
  const photoId = `${answers.slug}-01-example`;
  return {
    [original]: [
      '---',
      // Dates are written unquoted by hand; the YAML library would quote them, which also works.
      stringify(frontmatter, { lineWidth: 0 }).trim().replace(/^date: "(.*)"$/m, 'date: $1'),
      '---',
      '',
      '{/* 본문을 여기에 쓰세요. 사진은 photos/ 폴더에 넣고 "photos:" 목록에 id를 적은 뒤, 본문에 <Photo id="..." /> 로 넣습니다. */}',
      '',
    ].join('\n'),
    'photos/TEMPLATE.yaml.example': [
      `# Copy to photos/${photoId}.yaml, put the photo beside it as ${photoId}.jpg,`,
      '# and add the id to "photos:" in the release. Every field is explained in src/schemas/collections.ts.',
      `image: ./${photoId}.jpg`,
      'caption:',
      ...locales.map((locale) => `  ${locale.code}: ""${locale.code === defaultLocale ? '   # required' : ''}`),
      'alt:',
      ...locales.map((locale) => `  ${locale.code}: ""`),
      'creator: ""',
      'credit:',
      ...locales.map((locale) => `  ${locale.code}: ""`),
      'copyright: ""',
      'taken: 2026-01-05',
      'place:',
      '  city:',
      ...locales.map((locale) => `    ${locale.code}: ""`),
      '  country: KR',
      ...(answers.event ? [`event: ${answers.event}`] : []),
      'people: []   # e.g. - { person: kang-yo-sik, position: far-left }',
      '',
    ].join('\n'),
  };
}

/** What to do after scaffolding, in the order a press officer does it. */
export function nextSteps(folder: string): string[] {
  return [
    `Write the release in ${folder}/${localeByCode(defaultLocale).path}.mdx.`,
    `Add photos: see ${folder}/photos/TEMPLATE.yaml.example.`,
    `Translations: add ${locales.filter((locale) => locale.code !== defaultLocale).map((locale) => `${locale.path}.mdx`).join(' and ')} when they arrive.`,
    'Preview with `npm run dev`, then run `npm run check` before you push.',
  ];
}
