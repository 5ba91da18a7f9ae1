import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { useBrowserSession } from '../helpers/served-pages';
import { pageLabel, pageTypeOf, samplePages } from './page-types';
import { builtPagePaths } from '../../src/lib/after-build/built-files';

const siteDir = inject('siteDir');
const built = builtPagePaths(siteDir);

describe('the list of page types (tests/browser/page-types.ts)', () => {
  test('names only pages the build produces', () => {
    const missing = samplePages()
      .filter((sample) => !existsSync(join(siteDir, sample.path.endsWith('.html') ? sample.path : join(sample.path, 'index.html'))))
      .map(pageLabel);
    expect(missing, 'listed in tests/browser/page-types.ts but not built').toEqual([]);
  });

  test('covers every page the build produces', () => {
    const unlisted = built.filter((path) => !pageTypeOf(path));
    expect(unlisted, 'built, but of no page type in tests/browser/page-types.ts: add the type there (one line) so every gate checks it').toEqual([]);
  });
});

describe('every built page in Chromium', () => {
  const session = useBrowserSession();
  let clean = 0;

  // Beyond the samples the other gates visit: a CSP violation or console error on any page fails.
  test.each(built)('%s loads with no console error, CSP violation or failed request', async (path) => {
    const { problems, close } = await session.visit(path);
    expect(problems).toEqual([]);
    clean += 1;
    await close();
  });

  afterAll(() => console.log(`console and CSP: ${built.length} pages checked, ${built.length - clean} with errors`));
});
