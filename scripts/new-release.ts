/**
 * `npm run new`: scaffolds a release folder. Asks for what is missing when run in a terminal;
 * scripts pass flags: --slug --title --date [--summary --category --event --languages ko,en].
 * Without --languages the release gets every language of the site.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as prompts from '@clack/prompts';
import { contentDir } from '../src/settings';
import { answerProblems, nextSteps, releaseFiles, releaseLanguages, splitLanguages, type ReleaseAnswers } from '../src/lib/content/scaffold';
import { defaultLocale, localeByCode, locales } from '../src/i18n/locales';
import { categories } from '../src/schemas/vocabulary';

const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    title: { type: 'string' },
    date: { type: 'string' },
    summary: { type: 'string' },
    category: { type: 'string' },
    event: { type: 'string' },
    languages: { type: 'string' },
  },
});

const content = contentDir();
const knownEvents = existsSync(join(content, 'events'))
  ? readdirSync(join(content, 'events')).filter((name) => /\.ya?ml$/.test(name)).map((name) => name.replace(/\.ya?ml$/, ''))
  : [];
const interactive = process.stdin.isTTY && process.stdout.isTTY;

function stopIfCancelled<T>(value: T): Exclude<T, symbol> {
  if (typeof value === 'symbol') {
    prompts.cancel('Nothing was created.');
    process.exit(1);
  }
  return value as Exclude<T, symbol>;
}

async function ask(): Promise<ReleaseAnswers> {
  prompts.intro('New press release');
  const title = values.title ?? stopIfCancelled(await prompts.text({ message: 'Title (Korean original)', validate: (value) => (value?.trim() ? undefined : 'Write the headline') }));
  const slug = values.slug ?? stopIfCancelled(await prompts.text({ message: 'Slug (the web address)', placeholder: 'scse-2023-taipei' }));
  const date = values.date ?? stopIfCancelled(await prompts.text({ message: 'Publication date and time with zone', placeholder: '2026-01-05T10:00+09:00' }));
  const category = values.category ?? stopIfCancelled(await prompts.select({ message: 'Category', options: categories.map((value) => ({ value, label: value })) }));
  const event = values.event ?? (knownEvents.length > 0
    ? stopIfCancelled(await prompts.select({ message: 'Event', options: [{ value: '', label: '(none)' }, ...knownEvents.map((value) => ({ value, label: value }))] }))
    : '');
  const original = localeByCode(defaultLocale);
  const translations = locales.filter((locale) => locale.code !== defaultLocale);
  const languages = values.languages !== undefined
    ? splitLanguages(values.languages)
    : [original.code, ...stopIfCancelled(await prompts.multiselect({
      message: `Languages besides ${original.label} (always written)`,
      options: translations.map((locale) => ({ value: locale.code, label: locale.label, hint: locale.code })),
      initialValues: translations.map((locale) => locale.code),
      required: false,
    }))];
  return { title, slug, date, category, languages, ...(event ? { event } : {}), ...(values.summary ? { summary: values.summary } : {}) };
}

function fromFlags(): ReleaseAnswers {
  const missing = (['slug', 'title', 'date'] as const).filter((flag) => !values[flag]);
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((flag) => `--${flag}`).join(', ')}. Example:\n  npm run new -- --slug my-release --title "제목" --date 2026-01-05T10:00+09:00 --languages ko,en`);
    process.exit(2);
  }
  const { slug, title, date, summary, category, event, languages } = values;
  return {
    slug: slug!, title: title!, date: date!,
    ...(summary ? { summary } : {}), ...(category ? { category } : {}), ...(event ? { event } : {}),
    ...(languages !== undefined ? { languages: splitLanguages(languages) } : {}),
  };
}

const answers = interactive ? await ask() : fromFlags();
const problems = answerProblems(answers, knownEvents);
if (problems.length > 0) {
  console.error(`Nothing was created:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(2);
}
const folder = join(content, 'releases', answers.slug);
if (existsSync(folder)) {
  console.error(`Nothing was created: ${folder} already exists. Choose another slug, or edit the existing release.`);
  process.exit(2);
}
for (const [name, text] of Object.entries(releaseFiles(answers))) {
  mkdirSync(dirname(join(folder, name)), { recursive: true });
  writeFileSync(join(folder, name), text, { flag: 'wx' });
}
const languages = releaseLanguages(answers);
const steps = nextSteps(folder, languages).map((step, index) => `${index + 1}. ${step}`).join('\n');
const created = `Created ${folder} (languages: ${languages.join(', ')})\n${steps}`;
if (interactive) prompts.outro(created);
else console.log(created);
