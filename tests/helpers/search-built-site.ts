import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './build-site';

/** Pagefind's own browser search, run in Node over a built site's index (see pagefind-search.mjs). */
export function searchBuiltSite(siteDir: string, lang: string, queries: string[]): Record<string, string[]> {
  const output = execFileSync(process.execPath, [join(projectRoot, 'tests/helpers/pagefind-search.mjs'), siteDir, lang, ...queries], {
    encoding: 'utf8',
  });
  const found = JSON.parse(output) as Record<string, string[]>;
  return Object.fromEntries(Object.entries(found).map(([query, urls]) => [query, urls.map(decodeURIComponent)]));
}
