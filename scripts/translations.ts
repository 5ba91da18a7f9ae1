/**
 * `npm run translations`: the state of every translation of every release.
 *   --mark-current <slug>/<lang>   record that this translation matches the current original
 *   --json                         machine-readable output
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultLocale, localeByCode, localeByPath } from '../src/i18n/locales';
import { contentDir } from '../src/settings';
import { releaseTranslations, textMarkedCurrent, type TranslationStatus } from '../src/lib/content/translation-status';

const { values } = parseArgs({ options: { 'mark-current': { type: 'string', multiple: true }, json: { type: 'boolean' } } });
const releasesDir = join(contentDir(), 'releases');

for (const target of values['mark-current'] ?? []) {
  const [slug, path] = target.split('/');
  if (!slug || !path) throw new Error(`--mark-current takes <slug>/<lang>, e.g. scse-2023-taipei/en; got "${target}"`);
  const folder = join(releasesDir, slug);
  const translation = join(folder, `${localeByPath(path).path}.mdx`);
  writeFileSync(translation, textMarkedCurrent(join(folder, `${localeByCode(defaultLocale).path}.mdx`), translation));
  console.log(`${translation}: marked as translated from the current original`);
}

const statuses: TranslationStatus[] = readdirSync(releasesDir, { withFileTypes: true })
  .filter((item) => item.isDirectory())
  .map((item) => item.name)
  .sort()
  .flatMap((slug) => releaseTranslations(join(releasesDir, slug), slug));

if (values.json) {
  console.log(JSON.stringify(statuses, null, 2));
} else {
  const symbol = { original: '●', translated: '✓', outdated: '!', missing: '·' } as const;
  for (const status of statuses) {
    console.log(`${symbol[status.state]} ${status.slug.padEnd(32)} ${status.locale.padEnd(8)} ${status.state.padEnd(10)} ${status.reason}`);
  }
  const count = (state: string) => statuses.filter((status) => status.state === state).length;
  console.log(`\n${count('translated')} translated, ${count('outdated')} outdated, ${count('missing')} missing`);
}
