import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { locales, type LocaleCode } from '../../src/i18n/locales';

/**
 * What a page says in which language: every text node of the body and the `alt`, `title`,
 * `aria-label` and `placeholder` attributes, each with the language in force (the nearest `lang`),
 * and the checks that run on them: no UI string of another language in a text, Korean quotation
 * marks in Korean, full-width label punctuation in Traditional Chinese.
 */

export type TextKind = 'text' | 'block' | 'alt' | 'title' | 'aria-label' | 'placeholder';

export interface TextUnit {
  /** `text`: one text node; `block`: the text nodes of one block element in one language, joined; else an attribute. */
  kind: TextKind;
  /** The nearest ancestor's `lang` (the element's own for attributes), as written; '' when none. */
  lang: string;
  text: string;
  /** The element holding it, e.g. `p.caption` or `img[alt]`. */
  where: string;
}

/**
 * Collects the page's text units in the browser. Skips `script`, `style` and `template` (and
 * `noscript`'s raw markup is read as the text a reader without JavaScript gets, tags removed).
 */
export function collectTextUnits(page: Page): Promise<TextUnit[]> {
  // No named functions inside: the test transform may wrap them in a helper the page lacks.
  return page.evaluate(() => {
    const skipped = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);
    const attributes = ['alt', 'title', 'aria-label', 'placeholder'] as const;
    const units: TextUnit[] = [];
    const blocks = new Map<Element, { where: string; byLang: Map<string, string> }>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, (node) =>
      node instanceof Element && skipped.has(node.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node instanceof Element ? node : node.parentElement;
      if (!element) continue;
      const lang = element.closest('[lang]')?.getAttribute('lang') ?? '';
      const where = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].filter((name) => !name.startsWith('svelte-')).slice(0, 2).map((name) => `.${name}`).join('')}`;
      if (node instanceof Element) {
        for (const name of attributes) {
          const value = node.getAttribute(name);
          if (value?.trim()) units.push({ kind: name, lang, text: value, where: `${where}[${name}]` });
        }
        continue;
      }
      let text = node.nodeValue ?? '';
      if (element.tagName === 'NOSCRIPT') text = text.replace(/<[^>]*>/g, ' ');
      if (text.trim()) units.push({ kind: 'text', lang, text, where });
      // The nearest block (not inline) ancestor: quotation marks may open and close in different inline elements.
      let block: Element = element;
      while (block !== document.body && block.parentElement && /^inline|^contents$/.test(getComputedStyle(block).display)) block = block.parentElement;
      const entry = blocks.get(block) ?? { where: `${block.tagName.toLowerCase()}${block.id ? `#${block.id}` : ''}${[...block.classList].filter((name) => !name.startsWith('svelte-')).slice(0, 2).map((name) => `.${name}`).join('')}`, byLang: new Map<string, string>() };
      blocks.set(block, entry);
      entry.byLang.set(lang, (entry.byLang.get(lang) ?? '') + text);
    }
    for (const { where, byLang } of blocks.values()) {
      for (const [lang, text] of byLang) if (text.trim()) units.push({ kind: 'block', lang, text: text.replace(/\s+/g, ' ').trim(), where });
    }
    return units;
  });
}

/** The site locale a `lang` value names (`ko-KR` is Korean, `zh-hant-TW` Traditional Chinese), if any. */
export function localeOfLang(lang: string): LocaleCode | undefined {
  const lower = lang.toLowerCase();
  const exact = locales.find((locale) => locale.code.toLowerCase() === lower);
  if (exact) return exact.code;
  return locales.find((locale) => lower.startsWith(`${locale.code.toLowerCase()}-`))?.code;
}

export type UiStrings = Record<string, string>;

const stringsDir = new URL('../../src/i18n/strings/', import.meta.url);

/** The UI strings of every locale, read from `src/i18n/strings/<locale>.json` when called. */
export function readUiStrings(): Record<LocaleCode, UiStrings> {
  return Object.fromEntries(locales.map((locale) => [locale.code, JSON.parse(readFileSync(new URL(`${locale.code}.json`, stringsDir), 'utf8')) as UiStrings])) as Record<
    LocaleCode,
    UiStrings
  >;
}

export interface Fragment {
  /** The literal text, trimmed of spaces and punctuation at its ends. */
  text: string;
  /** The string keys it comes from. */
  keys: string[];
  locale: LocaleCode;
  /** Where the string is defined: `en.json`, or a library's English default. */
  source: string;
  /** Latin fragments match whole words only; CJK ones anywhere. */
  cjk: boolean;
}

/**
 * English text that libraries put into pages unless told otherwise, checked like en.json:
 * remark-rehype's footnote heading and back-link label (GFM footnotes in release bodies).
 */
export const englishLibraryDefaults: UiStrings = {
  'remark-rehype footnoteLabel': 'Footnotes',
  'remark-rehype footnoteBackLabel': 'Back to reference {{n}}',
};

const placeholder = /\{\{[^}]*\}\}|\[[A-Z_]+\]/; // i18next's {{name}}, Pagefind's [SEARCH_TERM]
const cjkCharacter = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const letter = /\p{L}/gu;

/**
 * The literal pieces of `other`'s strings that would betray it in text in `own`'s language:
 * each value split at its placeholders, without pieces that `own`'s strings also contain, pieces
 * without letters, Latin pieces of fewer than 4 letters and CJK pieces of fewer than 2 characters.
 */
export function foreignFragments(strings: Record<LocaleCode, UiStrings>, own: LocaleCode, other: LocaleCode): Fragment[] {
  const ownValues = Object.values(strings[own]);
  const byText = new Map<string, Fragment>();
  const sources: [string, string, string][] = Object.entries(strings[other]).map(([key, value]) => [key, value, `${other}.json`]);
  if (other === 'en') sources.push(...Object.entries(englishLibraryDefaults).map(([key, value]): [string, string, string] => [key, value, 'English library defaults']));
  for (const [key, value, source] of sources) {
    for (const piece of value.split(new RegExp(placeholder, 'g'))) {
      const text = piece.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
      if (!text || !/\p{L}/u.test(text)) continue;
      const cjk = (text.match(cjkCharacter) ?? []).length;
      if (cjk > 0 ? cjk < 2 : (text.match(letter) ?? []).length < 4) continue;
      if (ownValues.some((ownValue) => ownValue.includes(text))) continue;
      const known = byText.get(text);
      if (known) known.keys.push(key);
      else byText.set(text, { text, keys: [key], locale: other, source, cjk: cjk > 0 });
    }
  }
  return [...byText.values()];
}

function excerpt(text: string, start = 0, end = text.length, room = 40): string {
  const clean = (value: string) => value.replace(/\s+/g, ' ');
  const from = Math.max(0, start - room);
  const to = Math.min(text.length, end + room);
  return `${from > 0 ? '…' : ''}${clean(text.slice(from, to)).trim()}${to < text.length ? '…' : ''}`;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every UI string of another locale found in text whose language is a site locale, one line
 * each: `<label>: "<fragment>" (<keys> from <locale>.json) in "<excerpt>"` (an attribute's hit
 * also names the element and attribute). A fragment inside a
 * longer one found at the same place is not reported again.
 */
export function foreignUiStrings(label: string, units: TextUnit[], strings: Record<LocaleCode, UiStrings> = readUiStrings()): string[] {
  const patterns = new Map<LocaleCode, { fragment: Fragment; pattern: RegExp }[]>();
  for (const own of locales.map((locale) => locale.code)) {
    patterns.set(
      own,
      locales
        .filter((other) => other.code !== own)
        .flatMap((other) => foreignFragments(strings, own, other.code))
        .map((fragment) => ({
          fragment,
          pattern: new RegExp(fragment.cjk ? escapeRegExp(fragment.text) : `(?<![\\p{L}\\p{N}])${escapeRegExp(fragment.text)}(?![\\p{L}\\p{N}])`, 'gu'),
        })),
    );
  }
  const found: string[] = [];
  for (const unit of units) {
    if (unit.kind === 'block') continue;
    const own = localeOfLang(unit.lang);
    if (!own) continue;
    const hits: { fragment: Fragment; start: number; end: number }[] = [];
    for (const { fragment, pattern } of patterns.get(own)!) {
      for (const match of unit.text.matchAll(pattern)) hits.push({ fragment, start: match.index, end: match.index + match[0].length });
    }
    hits.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: typeof hits = [];
    for (const hit of hits) if (!kept.some((longer) => longer.start <= hit.start && hit.end <= longer.end)) kept.push(hit);
    kept.sort((a, b) => a.start - b.start);
    for (const hit of kept) {
      const where = unit.kind === 'text' ? '' : ` (${unit.where})`;
      found.push(`${label}: "${hit.fragment.text}" (${hit.fragment.keys.join(', ')} from ${hit.fragment.source}) in "${excerpt(unit.text, hit.start, hit.end)}"${where}`);
    }
  }
  return [...new Set(found)];
}

const hangul = '\\p{Script=Hangul}';
const koreanQuoteRules: { problem: string; pattern: RegExp }[] = [
  // ASCII quotation marks around or against Korean words ("타이베이", '서울', 말"), not apostrophes in English.
  { problem: 'ASCII " around Korean text (use “ ”)', pattern: new RegExp(`"[^"\\n]*${hangul}[^"\\n]*"|"${hangul}|${hangul}"`, 'u') },
  { problem: "ASCII ' around Korean text (use ‘ ’)", pattern: new RegExp(`(?<![\\p{L}\\p{N}])'[^'\\n]*${hangul}[^'\\n]*'(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])'${hangul}|${hangul}'(?![\\p{L}\\p{N}])`, 'u') },
  // A closing mark used to open: ’서울’ or ”서울”.
  { problem: 'closing ’ used as an opening quotation mark (use ‘…’)', pattern: new RegExp(`(?<![\\p{L}\\p{N}])’[^‘’\\n]*${hangul}[^‘’\\n]*’`, 'u') },
  { problem: 'closing ” used as an opening quotation mark (use “…”)', pattern: new RegExp(`(?<![\\p{L}\\p{N}])”[^“”\\n]*${hangul}[^“”\\n]*”`, 'u') },
  { problem: 'double prime ″ used as a quotation mark (use “ ”)', pattern: /″/u },
];

/** Opening marks with no closing mark after them in the same text. */
function unclosed(text: string, open: string, close: string): number | undefined {
  for (let index = text.indexOf(open); index !== -1; index = text.indexOf(open, index + 1)) {
    if (text.indexOf(close, index + 1) === -1) return index;
  }
  return undefined;
}

/**
 * Quotation marks and label punctuation, one line per problem: Korean text (text in Korean, or
 * any text of a Korean page) quotes with ‘ ’ and “ ”, each opened mark closed later in the same
 * element; Traditional Chinese text puts no ASCII `:` or `,` against a Han character.
 */
export function punctuationProblems(label: string, units: TextUnit[], pageLocale?: LocaleCode): string[] {
  const found: string[] = [];
  for (const unit of units) {
    if (unit.kind === 'text') continue; // checked as part of its block, where quotes may span elements
    const locale = localeOfLang(unit.lang);
    const where = `${unit.where}${unit.kind === 'block' ? '' : ` ${unit.kind}`}`;
    if (locale === 'ko' || pageLocale === 'ko') {
      for (const { problem, pattern } of koreanQuoteRules) {
        const match = pattern.exec(unit.text);
        if (match) found.push(`${label}: ${problem} in ${where}: "${excerpt(unit.text, match.index, match.index + match[0].length)}"`);
      }
      for (const [open, close] of [
        ['‘', '’'],
        ['“', '”'],
      ] as const) {
        const index = unclosed(unit.text, open, close);
        if (index !== undefined) found.push(`${label}: ${open} never closed with ${close} in ${where}: "${excerpt(unit.text, index, index + 1)}"`);
      }
    }
    if (locale === 'zh-Hant') {
      const match = /[\p{Script=Han}][:,]|[:,][\p{Script=Han}]/u.exec(unit.text);
      if (match) found.push(`${label}: ASCII "${match[0].replace(/\p{Script=Han}/u, '')}" against a Han character (use ： or ，/、) in ${where}: "${excerpt(unit.text, match.index, match.index + match[0].length)}"`);
    }
  }
  return [...new Set(found)];
}
