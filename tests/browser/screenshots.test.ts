import { mkdir, readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { locales, type LocaleCode } from '../../src/i18n/locales';
import { paths } from '../../src/lib/view/urls';
import { useBrowserSession } from '../helpers/served-pages';
import { pngSize, viewports, visitAtSize } from '../helpers/viewports';
import { sampleIds } from './page-types';

/**
 * Screenshots of the pages readers land on, in every language at laptop and phone size, for
 * people to look at (they are not compared with anything): the first screen as a reader sees it
 * on arrival, and the whole page. They go to tests/browser/.screenshots/ (git-ignored), named
 * `<page>-<locale>-<width>.png` and `<page>-<locale>-<width>-full.png`.
 */
const session = useBrowserSession();
const folder = new URL('./.screenshots/', import.meta.url);

/** The sample release's city as each language writes it (the zh-Hant release writes 臺北). */
const cities: Record<LocaleCode, string> = { ko: '타이베이', en: 'Taipei', 'zh-Hant': '臺北' };

const pageKinds: { name: string; path: (locale: LocaleCode) => string; search?: boolean }[] = [
  { name: 'release', path: (locale) => paths.release(locale, sampleIds.release) },
  { name: 'home', path: paths.home },
  { name: 'photos', path: paths.photos },
  { name: 'search', path: (locale) => `${paths.search(locale)}?q=${encodeURIComponent(cities[locale])}`, search: true },
];

const cases = pageKinds.flatMap((kind) => locales.flatMap((locale) => viewports.map((viewport) => ({ kind, locale: locale.code, viewport }))));

beforeAll(async () => {
  await mkdir(folder, { recursive: true });
});

describe('screenshots', () => {
  test.each(cases)('$kind.name in $locale at $viewport.width × $viewport.height', async ({ kind, locale, viewport }) => {
    const { page, problems, close } = await visitAtSize(session, kind.path(locale), viewport);
    if (kind.search) {
      await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
      await page.locator('.pagefind-ui__result-tag').first().waitFor({ timeout: 5_000 });
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // What is on the first screen has loaded (lazy images below it need not have).
    await page
      .waitForFunction(() => [...document.images].filter((image) => image.getBoundingClientRect().top < window.innerHeight).every((image) => image.complete), undefined, { timeout: 10_000 })
      .catch(() => undefined);

    const base = `${kind.name}-${locale}-${viewport.width}`;
    const first = new URL(`${base}.png`, folder);
    const full = new URL(`${base}-full.png`, folder);
    await page.screenshot({ path: first.pathname });

    // Scroll through once so lazy images load, then back to the top for the whole page.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      window.scrollTo(0, 0);
    });
    await page.waitForFunction(() => [...document.images].every((image) => image.complete), undefined, { timeout: 15_000 }).catch(() => undefined);
    await page.screenshot({ path: full.pathname, fullPage: true });

    const firstSize = pngSize(await readFile(first));
    expect(firstSize, `${base}.png is the first viewport`).toEqual({ width: viewport.width, height: viewport.height });
    const fullSize = pngSize(await readFile(full));
    expect(fullSize.width, `${base}-full.png is as wide as the viewport (no horizontal overflow)`).toBe(viewport.width);
    expect(fullSize.height, `${base}-full.png is the whole page`).toBeGreaterThanOrEqual(viewport.height);
    expect(problems).toEqual([]);
    await close();
  });
});
