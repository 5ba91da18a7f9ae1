import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeCodes } from '../../../src/i18n/locales';
import { uiStrings, useTranslations } from '../../../src/i18n/ui';
import { labelled, parenthesized } from '../../../src/lib/view/punctuation';
import { projectRoot } from '../../helpers/build-site';

describe('UI strings', () => {
  const reference = Object.keys(uiStrings.ko).sort();

  it.each(localeCodes)('%s has a strings file with every key, none empty', (code) => {
    const strings = uiStrings[code];
    expect(strings, `src/i18n/strings/${code}.json is missing`).toBeDefined();
    expect(Object.keys(strings).sort()).toEqual(reference);
    for (const [key, value] of Object.entries(strings)) expect(value.trim(), `${code}: ${key}`).not.toBe('');
  });

  it.each(localeCodes)('%s keeps the same {{placeholders}} as Korean', (code) => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    for (const key of reference) {
      expect(placeholders(uiStrings[code][key as keyof (typeof uiStrings)['ko']]), `${code}: ${key}`).toEqual(
        placeholders(uiStrings.ko[key as keyof (typeof uiStrings)['ko']]),
      );
    }
  });

  it('translates with flat dotted keys and interpolation', () => {
    expect(useTranslations('en')('archive.page', { page: 2, total: 5 })).toBe('Page 2 of 5');
    expect(useTranslations('zh-Hant')('nav.releases')).toBe('新聞稿');
    expect(useTranslations('ko')('position.far-left')).toBe('가장 왼쪽');
  });

  describe('typography', () => {
    const cjk = '\\p{Script=Han}\\p{Script=Hangul}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef';
    // An ASCII colon, comma or semicolon with a CJK character or a placeholder on either side.
    const asciiBesideCjk = new RegExp(`([${cjk}]|\\}\\}|\\])\\s*[:,;]|[:,;]\\s*([${cjk}]|\\{\\{|\\[)`, 'u');

    it('zh-Hant uses full-width punctuation beside Chinese text and placeholders', () => {
      const offenders = Object.entries(uiStrings['zh-Hant']).filter(([, value]) => asciiBesideCjk.test(value));
      expect(offenders).toEqual([]);
    });

    it('the check catches what it should', () => {
      for (const bad of ['發布: {{date}}', '發布:', '{{start}}, {{end}}', '分類;標籤', '攝影: 金']) expect(asciiBesideCjk.test(bad), bad).toBe(true);
      for (const good of ['發布：{{date}}', 'JPEG，{{width}}', 'RSS 訂閱', 'Page 2 of 5']) expect(asciiBesideCjk.test(good), good).toBe(false);
    });

    /** Problems with Korean quotation marks: straight quotes, or a ‘ “ not closed by ’ ” (in order). */
    function quoteProblems(text: string): string[] {
      const problems: string[] = [];
      if (/["']/.test(text)) problems.push('straight quote: use ‘ ’ or “ ”');
      const open: string[] = [];
      for (const char of text) {
        if (char === '‘' || char === '“') open.push(char);
        if (char === '’' || char === '”') {
          const expected = char === '’' ? '‘' : '“';
          // An apostrophe inside a Latin word (Seoul’s) is not a quote.
          if (open.at(-1) !== expected) problems.push(`${char} closes nothing`);
          else open.pop();
        }
      }
      if (open.length > 0) problems.push(`${open.join('')} never closed`);
      return problems;
    }

    it('Korean strings quote with balanced, correctly oriented ‘ ’ and “ ”', () => {
      const offenders = Object.entries(uiStrings.ko).flatMap(([key, value]) => quoteProblems(value).map((problem) => `${key}: ${problem}`));
      expect(offenders).toEqual([]);
      expect(quoteProblems('’갱신 필요’')).not.toEqual([]);
      expect(quoteProblems("'갱신 필요'")).not.toEqual([]);
      expect(quoteProblems('“말”이라며 ‘인용’')).toEqual([]);
    });

    it.each(localeCodes)('%s has the punctuation keys components use', (code) => {
      const strings = uiStrings[code] as Record<string, string>;
      for (const key of ['punctuation.labelSeparator', 'punctuation.listSeparator', 'punctuation.parenthesized']) {
        expect(typeof strings[key], `${code}: ${key}`).toBe('string');
        expect(strings[key]!.trim(), `${code}: ${key}`).not.toBe('');
      }
    });

    // Markup writing a bracket right around an expression (`>({details})<`, not an arrow's `=> ({`) rather than parenthesized().
    const bracketsAroundExpression = /(?<!=)>\s*[(（]\{(?!\{)|(?<!\})\}[)）]\s*</;

    it('the bracket check catches what it should', () => {
      for (const bad of ['<span class="meta">({original.details})</span>', '<span>({t(\'tags.count\', { count })})</span>', ' （{count}）</li>'])
        expect(bracketsAroundExpression.test(bad), bad).toBe(true);
      for (const good of ['{page.tags.map((tag) => (', '<span class="meta">{parenthesized(t, original.details)}</span>', 'links.map((link) => ({ href: link })'])
        expect(bracketsAroundExpression.test(good), good).toBe(false);
    });

    it('components take the punctuation after a translated label, and brackets, from the strings', () => {
      const folder = join(projectRoot, 'src/components');
      const offenders = readdirSync(folder)
        .filter((name) => name.endsWith('.astro'))
        .flatMap((name) =>
          readFileSync(join(folder, name), 'utf8')
            .split('\n')
            .map((line, index) => ({ where: `src/components/${name}:${index + 1}`, line }))
            .filter(({ line }) => /\{t\([^{}]*\)\}\s*[:,;：，、]/.test(line) || /\$\{t\([^{}]*\)\}\s*[:,;]/.test(line) || bracketsAroundExpression.test(line)),
        )
        .map(({ where, line }) => `${where}: ${line.trim()}`);
      expect(offenders).toEqual([]);
    });

    it('Traditional Chinese separates with full-width punctuation, without spaces', () => {
      expect(uiStrings['zh-Hant']['punctuation.labelSeparator']).toBe('：');
      expect(uiStrings['zh-Hant']['punctuation.listSeparator']).toBe('、');
      expect(labelled(useTranslations('zh-Hant'), 'release.published')).toBe('發布：');
      expect(labelled(useTranslations('en'), 'release.published')).toBe('Published: ');
      expect(parenthesized(useTranslations('zh-Hant'), '3 張照片')).toBe('（3 張照片）');
      expect(parenthesized(useTranslations('en'), '3 photos')).toBe('(3 photos)');
    });
  });
});
