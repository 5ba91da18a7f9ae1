import { describe, expect, inject, test } from 'vitest';
import { checkLinks } from '../../scripts/lib/link-check';
import { useServedSite } from '../helpers/served-pages';
import { builtPagePaths } from '../../src/lib/after-build/built-files';

describe('linkinator over the served site', () => {
  const session = useServedSite();

  test('finds no broken internal link, image or fragment, starting from every built page', async () => {
    const pages = builtPagePaths(inject('siteDir'));
    const report = await checkLinks(session.site.url, pages);
    console.log(`linkinator: ${report.pages} pages checked, ${report.checked} links and images checked, ${report.broken.length} broken (${report.skipped} external links skipped: no network)`);
    expect(report.pages).toBeGreaterThanOrEqual(pages.length);
    expect(report.broken).toEqual([]);
  });
});
