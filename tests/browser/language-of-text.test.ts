import { describe, expect, test } from 'vitest';
import type { LocaleCode } from '../../src/i18n/locales';
import { paths } from '../../src/lib/view/urls';
import { collectTextUnits, foreignUiStrings, punctuationProblems, readUiStrings, type TextUnit } from '../helpers/language-of-text';
import { useBrowserSession } from '../helpers/served-pages';
import { samplePages, type SamplePage } from './page-types';

/**
 * Every text on every page type is in the language its `lang` says: a text in Korean holds no
 * English or Chinese UI string (and so on for each pair of languages), Korean quotes with ‘ ’ and
 * “ ”, and Traditional Chinese labels use full-width punctuation. Each text node and each `alt`,
 * `title`, `aria-label` and `placeholder` is read in the browser with the nearest `lang` above
 * it; the UI strings come from src/i18n/strings/<locale>.json (tests/helpers/language-of-text.ts
 * explains which pieces of them count).
 */
const session = useBrowserSession();
const strings = readUiStrings();

/** The sample release's city as each language writes it: the search page is read with results shown. */
const cities: Record<LocaleCode, string> = { ko: '타이베이', en: 'Taipei', 'zh-Hant': '臺北' };

const pages = samplePages().map((sample) => ({
  ...sample,
  url: sample.type === 'search' && sample.locale ? `${paths.search(sample.locale)}?q=${encodeURIComponent(cities[sample.locale])}` : sample.path,
}));

/** Each page is read once for both checks. */
const read = new Map<string, Promise<TextUnit[]>>();
function textsOf(sample: SamplePage & { url: string }): Promise<TextUnit[]> {
  let units = read.get(sample.url);
  if (!units) {
    units = (async () => {
      const { page, close } = await session.visit(sample.url);
      if (sample.type === 'search') {
        await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
        await page.locator('.pagefind-ui__result-tag').first().waitFor({ timeout: 5_000 });
      }
      const collected = await collectTextUnits(page);
      await close();
      return collected;
    })();
    read.set(sample.url, units);
  }
  return units;
}

describe('the language of every text', () => {
  test.each(pages)('$type [$locale] $url: no UI string of another language', async (sample) => {
    const units = await textsOf(sample);
    expect(units.length, 'texts read').toBeGreaterThan(0);
    expect(foreignUiStrings(sample.url, units, strings)).toEqual([]);
  });

  test.each(pages)('$type [$locale] $url: Korean quotation marks, full-width Chinese label punctuation', async (sample) => {
    expect(punctuationProblems(sample.url, await textsOf(sample), sample.locale)).toEqual([]);
  });
});

/** The checks above must fail on the defects they exist for: a page made of them. */
const defective = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>검사</title></head><body>
<p>문의: Press contact</p>
<p lang="en">Press contact</p>
<p>행사 장소 新聞稿</p>
<p><img alt="Download original" src="data:,"></p>
<script>const label = "Press contact";</script>
<template><p>Press contact</p></template>
<p>강 이사장은 "함께 하겠다"고 말했다.</p>
<p>이른바 ’스마트 도시’ 사업</p>
<p>그는 “협력하겠다고 말했다.</p>
<p>“협력<em>하겠다</em>”고 말했다.</p>
<p>10″ 화면</p>
<div lang="zh-Hant"><p>地點: 臺北</p><p>地點：臺北</p></div>
<p lang="en">Seoul's "smart city" plan</p>
</body></html>`;

describe('the language checks catch the defects they exist for', () => {
  test('a Korean page with English and Chinese UI strings, ASCII and misused quotation marks and a half-width Chinese colon', async () => {
    const page = await session.browser.newPage();
    await page.setContent(defective);
    const units = await collectTextUnits(page);
    await page.close();

    const foreign = foreignUiStrings('self-check', units, strings);
    console.log(`language check on the defective page:\n  ${foreign.join('\n  ')}`);
    expect(foreign).toEqual([
      expect.stringMatching(/^self-check: "Press contact" \((\S+, )*release\.contact(, \S+)* from en\.json\) in "문의: Press contact"$/),
      expect.stringMatching(/^self-check: "新聞稿" \((\S+, )*nav\.releases(, \S+)* from zh-Hant\.json\) in "행사 장소 新聞稿"$/),
      expect.stringMatching(/^self-check: "Download original" \((\S+, )*photo\.original(, \S+)* from en\.json\) in "Download original" \(img\[alt\]\)$/),
    ]);

    const punctuation = punctuationProblems('self-check', units, 'ko');
    console.log(`punctuation check on the defective page:\n  ${punctuation.join('\n  ')}`);
    expect(punctuation).toEqual([
      'self-check: ASCII " around Korean text (use “ ”) in p: "강 이사장은 "함께 하겠다"고 말했다."',
      'self-check: closing ’ used as an opening quotation mark (use ‘…’) in p: "이른바 ’스마트 도시’ 사업"',
      'self-check: “ never closed with ” in p: "그는 “협력하겠다고 말했다."',
      'self-check: double prime ″ used as a quotation mark (use “ ”) in p: "10″ 화면"',
      'self-check: ASCII ":" against a Han character (use ： or ，/、) in p: "地點: 臺北"',
    ]);
  });
});
