import { describe, expect, test } from 'vitest';
import { locales } from '../../src/i18n/locales';
import { useTranslations } from '../../src/i18n/ui';
import { paths } from '../../src/lib/view/urls';
import { useBrowserSession } from '../helpers/served-pages';
import { sampleIds } from './page-types';

/** The sample release's city as each language writes it. */
const cities: Record<string, string> = { ko: '타이베이', en: 'Taipei', 'zh-Hant': '臺北' };

describe('the search page', () => {
  const session = useBrowserSession();

  test.each(locales)('runs the search in ?q= on load in $code, the release first with its kind, date and thumbnail', async (locale) => {
    const t = useTranslations(locale.code);
    const query = cities[locale.code]!;
    const { page, problems, close } = await session.visit(`${paths.search(locale.code)}?q=${encodeURIComponent(query)}`);
    const links = page.locator('.pagefind-ui__result-link');
    await links.first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.pagefind-ui__search-input').inputValue()).toBe(query);
    expect(await links.first().getAttribute('href')).toBe(paths.release(locale.code, sampleIds.release));
    const first = page.locator('.pagefind-ui__result').first();
    const tags = await first.locator('.pagefind-ui__result-tag').allTextContents();
    expect(tags.map((tag) => tag.trim())).toEqual([
      `${t('search.meta.type')}${t('punctuation.labelSeparator')}${t('search.type.release')}`.trim(),
      expect.stringMatching(new RegExp(`^${t('search.meta.date')}${t('punctuation.labelSeparator').trim()}\\s*.*2023`)),
    ]);
    await expect.poll(() => first.locator('img.pagefind-ui__result-image').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  test('puts what the reader searches for in the address, so the search can be linked', async () => {
    const { page, problems, close } = await session.visit(paths.search('en'));
    const input = page.locator('.pagefind-ui__search-input');
    await input.waitFor();
    await input.fill('MoU');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('q')).toBe('MoU');
    expect(problems).toEqual([]);
    await close();
  });

  test('keeps the search when the reader switches language', async () => {
    const { page, problems, close } = await session.visit(`${paths.search('ko')}?q=${encodeURIComponent('SCSE')}`);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const switcher = page.getByRole('navigation', { name: useTranslations('ko')('nav.language') });
    for (const locale of locales.filter((other) => other.code !== 'ko')) {
      const href = await switcher.getByRole('link', { name: locale.label }).getAttribute('href');
      expect(href).toBe(`${paths.search(locale.code)}?q=SCSE`);
    }
    await switcher.getByRole('link', { name: locales.find((locale) => locale.code === 'en')!.label }).click();
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.pagefind-ui__search-input').inputValue()).toBe('SCSE');
    expect(problems).toEqual([]);
    await close();
  });
});
