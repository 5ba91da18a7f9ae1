import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { paths } from '../../src/lib/view/urls';
import { runAxe } from '../helpers/axe';
import { checkHtml } from '../helpers/html-check';
import { checkLinks } from '../../scripts/lib/link-check';
import { useBrowserSession } from '../helpers/served-pages';
import { sampleIds } from './page-types';

/**
 * The gates must fail on the defects they exist for. This edits a copy of the built site (cheaper
 * than a build), one defect per page: a photo loses its alt text, a link points nowhere, an id is
 * used twice, and an inline script its CSP does not allow appears; each gate must report exactly
 * its defect. (The HTML checker accepts an img without alt inside a captioned figure, as HTML
 * allows; axe is the gate for alt text.)
 */
const releasePath = paths.release('en', sampleIds.release);
const homePath = paths.home('en');
const eventPath = paths.event('en', sampleIds.event);
const mouPath = paths.mou('en', sampleIds.mou);
const missingPath = paths.release('en', 'no-such-release');
let brokenDir: string;

async function editPage(path: string, edit: ($: cheerio.CheerioAPI) => void) {
  const file = join(brokenDir, path, 'index.html');
  const $ = cheerio.load(await readFile(file, 'utf8'));
  edit($);
  await writeFile(file, $.html());
}

beforeAll(async () => {
  brokenDir = await mkdtemp(join(tmpdir(), 'pressroom-broken-'));
  await cp(inject('siteDir'), brokenDir, { recursive: true });
  await editPage(releasePath, ($) => void $('article .release-body figure img').first().removeAttr('alt'));
  await editPage(homePath, ($) => void $('main .home-lead h2 a').first().attr('href', missingPath));
  await editPage(eventPath, ($) => void $('body').append('<script>document.title = "injected";</script>'));
  await editPage(mouPath, ($) => void $('footer').append('<p id="content">A second element with the main content’s id</p>'));
});
afterAll(() => rm(brokenDir, { recursive: true, force: true }));

describe('a copy of the site with a photo without alt, a broken link, a duplicate id and an inline script', () => {
  const session = useBrowserSession(() => brokenDir);

  test('fails axe: image-alt on the release page', async () => {
    const { page, close } = await session.visit(releasePath);
    const report = await runAxe(page);
    console.log(`axe on the broken copy, ${releasePath}:\n  ${report.violations.join('\n  ')}`);
    expect(report.violations).toEqual([expect.stringMatching(/^image-alt \(critical\): Images must have alternative text; at #photo-\S+ > picture > img(\[[^\]]+\])*$/)]);
    await close();
  });

  test('fails the HTML checker: the duplicate id', async () => {
    const report = await checkHtml(inject('javaPath'), [new URL(mouPath, session.site.url).href]);
    console.log(`vnu on the broken copy:\n  ${report.errors.join('\n  ')}`);
    expect(report.errors).toEqual([expect.stringContaining('Duplicate ID “content”')]);
  });

  test('fails linkinator: the broken link, and only it', async () => {
    const report = await checkLinks(session.site.url, [homePath]);
    console.log(`linkinator on the broken copy:\n  ${report.broken.join('\n  ')}`);
    expect(report.broken).toEqual([`${new URL(missingPath, session.site.url).href} (HTTP 404) linked from ${new URL(homePath, session.site.url).href}`]);
  });

  test('fails the console and CSP check: the inline script is blocked', async () => {
    const { page, problems, close } = await session.visit(eventPath);
    console.log(`browser on the broken copy, ${eventPath}:\n  ${problems.join('\n  ')}`);
    expect(await page.title()).not.toBe('injected');
    expect(problems).toEqual([
      expect.stringMatching(/^console error: Executing inline script violates the following Content Security Policy directive 'script-src /),
      expect.stringMatching(/^console error: CSP violation: script-src-elem blocked inline/),
    ]);
    await close();
  });
});
