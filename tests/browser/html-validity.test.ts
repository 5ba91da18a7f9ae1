import { describe, expect, inject, test } from 'vitest';
import { checkHtml } from '../helpers/html-check';
import { useServedSite } from '../helpers/served-pages';
import { samplePages } from './page-types';
import { builtPagePaths } from '../../src/lib/after-build/built-files';

describe('the Nu Html Checker (vnu.jar)', () => {
  const session = useServedSite();

  // Every built page, which includes the sample of every page type; checked over HTTP, as served,
  // so that the checker resolves the pages' CSP 'self' and relative URLs as a browser does.
  test('reports no error on any built page', async () => {
    const pages = builtPagePaths(inject('siteDir'));
    expect(pages).toEqual(expect.arrayContaining(samplePages().map((sample) => sample.path)));
    const report = await checkHtml(inject('javaPath'), pages.map((path) => new URL(path, session.site.url).href));
    console.log(`vnu: ${report.files} pages checked, ${report.errors.length} errors, ${report.warnings.length} warnings`);
    // vnu's CSP check does not compute hashes, so it warns about every hashed <style>; the
    // browser tests are the judge of CSP. Warnings are listed once per message, not per page.
    const warnings = Map.groupBy(report.warnings, (warning) => warning.replace(/^.*?:\d+: /, ''));
    for (const [message, where] of warnings) console.log(`vnu warning on ${where.length} pages: ${message}`);
    expect(report.errors).toEqual([]);
  });
});
