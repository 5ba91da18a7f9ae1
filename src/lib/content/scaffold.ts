/**
 * What `npm run new` writes for a release: pure, so tests check the files without a terminal.
 */
import { stringify } from 'yaml';
import { defaultLocale, localeByCode, localeCodes, locales, type LocaleCode } from '../../i18n/locales';
import { categories } from '../../schemas/vocabulary';
import { slugPattern } from './file-checks';

export interface ReleaseAnswers {
  slug: string;
  title: string;
  /** Publication moment with an offset; minutes-only (10:00+09:00) is completed with seconds. */
  date: string;
  summary?: string;
  category?: string;
  event?: string;
  /**
   * The languages the release is published in, as codes or file names (`zh-Hant`, `zh-hant`).
   * The original's language is always one of them; left out, every language of the site.
   */
  languages?: readonly string[];
}

function localeNamed(name: string) {
  const wanted = name.trim().toLowerCase();
  return locales.find((locale) => locale.code.toLowerCase() === wanted || locale.path === wanted);
}

/** `ko,en` or `ko en` (the `--languages` flag) → the names in it. */
export function splitLanguages(text: string): string[] {
  return text.split(/[\s,]+/).filter((name) => name !== '');
}

/** The release's languages as codes, in the site's order (so the original comes first); unknown names are dropped. */
export function releaseLanguages(answers: Pick<ReleaseAnswers, 'languages'>): LocaleCode[] {
  if (answers.languages === undefined) return [...localeCodes];
  const chosen = new Set<LocaleCode>([defaultLocale, ...answers.languages.flatMap((name) => localeNamed(name)?.code ?? [])]);
  return localeCodes.filter((code) => chosen.has(code));
}

/** Problems with the answers, worded for the person at the prompt; empty when all is well. */
export function answerProblems(answers: ReleaseAnswers, knownEvents: string[] = []): string[] {
  const problems: string[] = [];
  if (!slugPattern.test(answers.slug)) problems.push(`slug "${answers.slug}": use lowercase letters, digits and hyphens, e.g. scse-2023-taipei`);
  if (answers.title.trim() === '') problems.push('title: write the headline');
  if (normalizeMoment(answers.date) === undefined) problems.push(`date "${answers.date}": write date, time and offset, e.g. 2026-01-05T10:00+09:00`);
  if (answers.category && !(categories as readonly string[]).includes(answers.category)) problems.push(`category "${answers.category}": use one of ${categories.join(', ')}`);
  if (answers.event && !knownEvents.includes(answers.event)) problems.push(`event "${answers.event}": use one of ${knownEvents.join(', ') || '(no events yet: add one in content/events/)'}`);
  if (answers.languages !== undefined) {
    const unknown = answers.languages.filter((name) => !localeNamed(name));
    if (answers.languages.length === 0) problems.push(`languages: name them, e.g. ${defaultLocale},${localeCodes.find((code) => code !== defaultLocale) ?? defaultLocale}`);
    for (const name of unknown) problems.push(`language "${name}": use ${localeCodes.join(', ')}`);
  }
  return problems;
}

/** `2026-01-05T10:00+09:00` → `2026-01-05T10:00:00+09:00`; undefined when it is not such a moment. */
export function normalizeMoment(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.exec(text.trim());
  if (!match) return undefined;
  const moment = `${match[1]}T${match[2]}${match[3] ?? ':00'}${match[4]}`;
  return Number.isNaN(Date.parse(moment)) ? undefined : moment;
}

/** The caption file's fields that hold text per language, with what a Korean value looks like. */
const localizedPhotoFields = {
  caption: '강요식 서울디지털재단 이사장(가장 왼쪽)이 SCSE 2023 서울관을 찾은 방문단과 인사하고 있다',
  alt: '전시장 서울관 앞에 정장 차림의 다섯 사람이 나란히 서 있는 모습',
  headline: '신베이컴퓨터협회, SCSE 2023 서울관 방문',
  credit: '(c)시사타임즈',
  'place.city': '서울',
} as const;
type LocalizedPhotoField = keyof typeof localizedPhotoFields;

/** A text-per-language field: one line per language of the release, the Korean one with an example. */
function localizedLines(field: LocalizedPhotoField, indent: string, languages: LocaleCode[]): string[] {
  return [
    `${indent}${field.split('.').at(-1)}:`,
    ...languages.map((code) => `${indent}  ${code}: ""${code === defaultLocale ? `   # e.g. ${localizedPhotoFields[field]}` : ''}`),
  ];
}

/** The photo caption template, with a line for each of `languages` only. */
function photoTemplate(answers: ReleaseAnswers, languages: LocaleCode[]): string {
  const photoId = `${answers.slug}-01-example`;
  const notChosen = localeCodes.filter((code) => !languages.includes(code));
  const fieldNames = Object.keys(localizedPhotoFields);
  return [
    `# Copy to photos/${photoId}.yaml, put the photo beside it as ${photoId}.jpg,`,
    '# and add the id to "photos:" in the release. Every field is explained in src/schemas/collections.ts.',
    '# Write the text between each pair of empty quotes: the build names every one still empty.',
    `# Languages: ${languages.join(', ')} (${defaultLocale} is required; a translation not ready yet: remove its lines).`,
    `# To add a language later, add a line for it under ${fieldNames.slice(0, -1).join(', ')} and ${fieldNames.at(-1)}`,
    `# ${notChosen.length > 0 ? `(e.g. ${notChosen[0]}: "…"); ` : ''}the site's languages are ${localeCodes.join(', ')}.`,
    `image: ./${photoId}.jpg`,
    ...localizedLines('caption', '', languages),
    ...localizedLines('alt', '', languages),
    // Optional: left as a comment, so that an unfilled headline is not one more error to fix.
    '# Optional, a short title for picture desks: remove the "# " in front of the next lines to give one.',
    ...localizedLines('headline', '', languages).map((line) => `# ${line}`),
    'creator: ""   # e.g. Sisa Times (the photographer or agency)',
    ...localizedLines('credit', '', languages),
    'copyright: ""   # e.g. © Sisa Times',
    // A date written in for the author would pass every check while being wrong.
    `# taken: ${normalizeMoment(answers.date)?.slice(0, 10) ?? '2026-01-05'}   # optional: the day, or date and time with zone`,
    'place:',
    ...localizedLines('place.city', '  ', languages),
    '  country: KR   # two capital letters, e.g. TW for a photo taken in Taiwan',
    ...(answers.event ? [`event: ${answers.event}`] : []),
    'people: []   # e.g. - { person: kang-yo-sik, position: far-left }',
    '',
  ].join('\n');
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
  return {
    [original]: [
      '---',
      // Dates are written unquoted by hand; the YAML library would quote them, which also works.
      stringify(frontmatter, { lineWidth: 0 }).trim().replace(/^date: "(.*)"$/m, 'date: $1'),
      // Instructions go in YAML comments: body text would be published if left in, and an MDX
      // comment is an expression, which release bodies may not hold.
      '# 본문은 아래 --- 줄 다음에 마크다운으로 씁니다.',
      '# 사진은 photos/ 폴더에 넣고(photos/TEMPLATE.yaml.example 참고) "photos:" 목록에 id를 적은 뒤, 본문에 <Photo id="..." /> 로 넣습니다.',
      '---',
      '',
    ].join('\n'),
    'photos/TEMPLATE.yaml.example': photoTemplate(answers, releaseLanguages(answers)),
  };
}

/** What to do after scaffolding, in the order a press officer does it. */
export function nextSteps(folder: string, languages: readonly LocaleCode[] = localeCodes): string[] {
  const original = `${localeByCode(defaultLocale).path}.mdx`;
  const fileOf = (code: LocaleCode) => `${localeByCode(code).path}.mdx`;
  const translations = languages.filter((code) => code !== defaultLocale);
  const others = localeCodes.filter((code) => !languages.includes(code));
  return [
    `Write the release in ${folder}/${original}.`,
    `Add photos: see ${folder}/photos/TEMPLATE.yaml.example.`,
    translations.length > 0
      ? `Translations: add ${translations.map(fileOf).join(' and ')} beside ${original} when ${translations.length === 1 ? 'it arrives' : 'they arrive'}.`
      : `To publish in another language later, add its file beside ${original} (${others.map(fileOf).join(', ')}) and its lines in each photo's captions.`,
    'Preview with `npm run dev`, then run `npm run check` before you push.',
  ];
}
