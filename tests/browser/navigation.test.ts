import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { locales, localeByCode, type Locale } from '../../src/i18n/locales';
import { uiStrings, useTranslations } from '../../src/i18n/ui';
import { paths } from '../../src/lib/view/urls';
import { projectRoot } from '../helpers/build-site';
import { tabThrough } from '../helpers/browser';
import { useBrowserSession } from '../helpers/served-pages';
import { pageLabel, sampleIds, samplePages } from './page-types';

const session = useBrowserSession();

/** The title a release's file in `folder` gives it in one language (`ko.mdx`, `en.mdx`, …). */
function releaseTitle(folder: string, locale: Locale): string {
  const source = readFileSync(join(folder, `${locale.path}.mdx`), 'utf8');
  return parseYaml(source.split(/^---$/m)[1]!).title;
}
const releaseFolder = join(projectRoot, 'content/releases', sampleIds.release);
const untranslatedFolder = join(projectRoot, 'tests/fixtures/ko-only-release/releases', sampleIds.untranslatedRelease);
const original = localeByCode('ko');

describe('the root chooser', () => {
  test.each(locales)('leads to the $code home page', async (locale) => {
    const { page, problems, close } = await session.visit(paths.chooser());
    await page.getByRole('link', { name: uiStrings[locale.code]['chooser.enter'] }).click();
    await page.waitForURL(new URL(paths.home(locale.code), session.site.url).href);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale.code);
    expect(await page.locator('h1').textContent()).toBe(useTranslations(locale.code)('home.title'));
    expect(problems).toEqual([]);
    await close();
  });
});

describe('the language switcher on a release', () => {
  const pairs = locales.flatMap((from) => locales.filter((to) => to !== from).map((to) => ({ from, to })));

  test.each(pairs)('moves from $from.code to the $to.code translation', async ({ from, to }) => {
    const { page, problems, close } = await session.visit(paths.release(from.code, sampleIds.release));
    const switcher = page.getByRole('navigation', { name: useTranslations(from.code)('nav.language') });
    await switcher.getByRole('link', { name: to.label }).click();
    await page.waitForURL(new URL(paths.release(to.code, sampleIds.release), session.site.url).href);
    expect(await page.locator('html').getAttribute('lang')).toBe(to.code);
    expect(await page.locator('h1').textContent()).toBe(releaseTitle(releaseFolder, to));
    expect(await page.locator('.notice[role="note"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  test.each(locales.filter((locale) => locale !== original))('lands on the fallback notice in $code where the release is untranslated', async (to) => {
    const { page, problems, close } = await session.visit(paths.release(original.code, sampleIds.untranslatedRelease));
    await page.getByRole('navigation', { name: useTranslations(original.code)('nav.language') }).getByRole('link', { name: to.label }).click();
    await page.waitForURL(new URL(paths.release(to.code, sampleIds.untranslatedRelease), session.site.url).href);
    expect(await page.locator('html').getAttribute('lang')).toBe(to.code);
    // The original's language named in the reader's words ("Korean", "韓文"), not in its own script.
    const language = new Intl.DisplayNames([to.code], { type: 'language' }).of(original.code)!;
    expect(await page.getByRole('note').textContent()).toBe(useTranslations(to.code)('release.fallbackNotice', { language }));
    const heading = page.locator('h1');
    expect(await heading.textContent()).toBe(releaseTitle(untranslatedFolder, original));
    expect(await heading.getAttribute('lang')).toBe(original.code);
    expect(problems).toEqual([]);
    await close();
  });
});

describe('an unknown URL', () => {
  // The browser reports the 404 of the document itself (as a console error naming its URL, and
  // as a response); those are expected, anything else is not.
  const withoutOwn404 = (problems: string[], path: string) => problems.filter((problem) => !problem.includes(path));

  test('outside the languages shows the 404 page in every language, with status 404', async () => {
    const path = '/no-such-page/';
    const { page, problems, close } = await session.visit(path, 404);
    const headings = await page.locator('h1').allTextContents();
    expect(headings).toEqual(locales.map((locale) => uiStrings[locale.code]['notFound.title']));
    expect(withoutOwn404(problems, path)).toEqual([]);
    await close();
  });

  test.each(locales)('under /$path/ shows that language’s 404 page, with status 404', async (locale) => {
    const path = `${paths.home(locale.code)}no-such-page/`;
    const { page, problems, close } = await session.visit(path, 404);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale.code);
    expect(await page.locator('h1').textContent()).toBe(useTranslations(locale.code)('notFound.title'));
    expect(withoutOwn404(problems, path)).toEqual([]);
    await close();
  });
});

describe('keyboard access', () => {
  let pagesChecked = 0;
  let elementsReached = 0;

  test.each(samplePages().map((sample) => [pageLabel(sample), sample] as const))('Tab reaches every interactive element on %s', async (_, sample) => {
    const { page, problems, close } = await session.visit(sample.path);
    const reach = await tabThrough(page);
    expect(reach.focusable.length, `${pageLabel(sample)} has nothing to focus`).toBeGreaterThan(0);
    expect(reach.missed, `not reachable with Tab on ${pageLabel(sample)}`).toEqual([]);
    if (sample.locale) expect(reach.reached[0]).toContain(useTranslations(sample.locale)('nav.skipToContent'));
    expect(problems).toEqual([]);
    pagesChecked += 1;
    elementsReached += reach.reached.length;
    await close();
  });

  afterAll(() => {
    const total = samplePages().length;
    console.log(`keyboard: ${total} pages checked, ${elementsReached} elements reached with Tab, ${total - pagesChecked} pages with unreachable elements or errors`);
  });
});
