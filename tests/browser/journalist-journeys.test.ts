import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { locales } from '../../src/i18n/locales';
import { jpegImageData } from '../../src/lib/media/jpeg-layout';
import { paths } from '../../src/lib/view/urls';
import { download, downloadZip } from '../helpers/browser';
import { useBrowserSession } from '../helpers/served-pages';
import { projectRoot } from '../helpers/build-site';
import { sampleIds } from './page-types';

const photosDir = join(projectRoot, 'content/releases', sampleIds.release, 'photos');
const photoIds = ['01-ntca-visit', '02-taipei-city-meeting', '03-tca-mou-signing', '04-gosmart-visit'].map((name) => `${sampleIds.release}-${name}`);

/** A query in each page's own language, as a reader would type it (Korean with a particle attached). */
const queries: Record<string, string> = { ko: '타이베이에서', en: 'Taipei', 'zh-Hant': '台北' };

describe('what journalists do, in every language', () => {
  const session = useBrowserSession();

  test.each(locales)('the $code release page hands over its photo pack as a ZIP with the four originals', async (locale) => {
    const { page, problems, close } = await session.visit(paths.release(locale.code, sampleIds.release));
    // The downloads block's link (a phone also shows one under the title, hidden on a desktop).
    const pack = await downloadZip(page, page.locator('.downloads a[download][href$=".zip"]'));
    expect(pack.name).toBe(`${sampleIds.release}.zip`);
    const jpegs = pack.entries.filter((entry) => entry.name.endsWith('.jpg'));
    expect(jpegs.map((entry) => entry.name).sort()).toEqual(photoIds.map((id) => `${id}.jpg`));
    for (const jpeg of jpegs) {
      const original = readFileSync(join(photosDir, jpeg.name));
      expect(jpegImageData(jpeg.data).equals(jpegImageData(original)), jpeg.name).toBe(true);
    }
    expect(pack.entries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['captions.csv', 'SHA256SUMS']));
    expect(problems).toEqual([]);
    await close();
  });

  test.each(locales)('a photo on the $code release page downloads as its full-size original', async (locale) => {
    const { page, problems, close } = await session.visit(paths.release(locale.code, sampleIds.release));
    const original = await download(page, page.locator(`#photo-${photoIds[0]} a[download]`).first());
    expect(original.name).toBe(`${photoIds[0]}.jpg`);
    const committed = readFileSync(join(photosDir, `${photoIds[0]}.jpg`));
    expect(jpegImageData(original.data).equals(jpegImageData(committed))).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  test.each(locales)('the $code search page finds the sample release with a query in its language', async (locale) => {
    const { page, problems, close } = await session.visit(paths.search(locale.code));
    const input = page.getByRole('searchbox').or(page.locator('input[type="text"], input[type="search"]')).first();
    await input.fill(queries[locale.code]!);
    const result = page.locator(`a[href*="${paths.release(locale.code, sampleIds.release)}"]`).first();
    await result.waitFor({ timeout: 20_000 });
    const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    // Results stay in the reader's language.
    expect(hrefs.every((href) => href.startsWith(`/${locale.path}/`)), hrefs.join(', ')).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });
});
