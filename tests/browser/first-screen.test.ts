import { describe, expect, test } from 'vitest';
import { locales } from '../../src/i18n/locales';
import { paths } from '../../src/lib/view/urls';
import { useBrowserSession } from '../helpers/served-pages';
import { viewports, visitAtSize } from '../helpers/viewports';
import { sampleIds } from './page-types';

const session = useBrowserSession();

/**
 * What a journalist must see without scrolling: the title, the lead photo and a link to the
 * release's photo pack (on a phone the one under the title, on a desktop the downloads block's).
 */
const firstScreen = {
  title: 'h1',
  leadPhoto: '.lead-photo img',
  pack: `a[href$="${paths.releasePack(sampleIds.release)}"]`,
};

const cases = locales.flatMap((locale) => viewports.map((viewport) => ({ locale: locale.code, viewport })));

describe('the first screen of a release', () => {
  test.each(cases)('$locale at $viewport.width × $viewport.height: title, lead photo and photo pack link are in the first viewport', async ({ locale, viewport }) => {
    const { page, problems, close } = await visitAtSize(session, paths.release(locale, sampleIds.release), viewport);
    await page.evaluate(() => window.scrollTo(0, 0));

    // The lead photo has loaded (not merely laid out): wait for it, then report either way.
    const leadPhotoLoaded = await page
      .waitForFunction(
        (selector) => {
          const image = document.querySelector<HTMLImageElement>(selector);
          return Boolean(image && image.complete && image.naturalWidth > 0);
        },
        firstScreen.leadPhoto,
        { timeout: 10_000 },
      )
      .then(() => true)
      .catch(() => false);

    const outside = await page.evaluate((selectors) => {
      const found: string[] = [];
      const screen = { width: window.innerWidth, height: window.innerHeight };
      if (window.scrollY !== 0 || window.scrollX !== 0) found.push(`the page is scrolled to ${window.scrollX}, ${window.scrollY}, not the top`);
      for (const selector of Object.values(selectors)) {
        const elements = [...document.querySelectorAll(selector)];
        if (elements.length === 0) {
          found.push(`${selector}: not on the page`);
          continue;
        }
        // Any one of the matches in sight will do; the first rendered one is reported otherwise.
        const boxes = elements.map((element) => element.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0);
        const isInside = (box: DOMRect) => box.top >= 0 && box.left >= 0 && box.bottom <= screen.height && box.right <= screen.width;
        const box = boxes.find(isInside) ?? boxes[0] ?? elements[0]!.getBoundingClientRect();
        if (!isInside(box) || box.width === 0) {
          found.push(
            `${selector}: box x ${box.left.toFixed(0)}–${box.right.toFixed(0)}, y ${box.top.toFixed(0)}–${box.bottom.toFixed(0)} is not within the first viewport ${screen.width} × ${screen.height}`,
          );
        }
      }
      return found;
    }, firstScreen);

    expect(outside, 'outside the first viewport').toEqual([]);
    expect(leadPhotoLoaded, `${firstScreen.leadPhoto} has loaded (complete, naturalWidth > 0)`).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });
});
