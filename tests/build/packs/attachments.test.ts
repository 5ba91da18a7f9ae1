import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import en from '../../../src/i18n/strings/en.json';
import ko from '../../../src/i18n/strings/ko.json';
import zhHant from '../../../src/i18n/strings/zh-Hant.json';
import { projectRoot } from '../../helpers/build-site';
import { loadPage } from '../../helpers/html';
import { leaksIn } from '../../helpers/embargo-leaks';
import { parseSums, readZip } from '../../helpers/zip';

// Expectations come from the content and the strings files, read here; the type label, the size
// and the language name are worked out in this file, not with the code that renders them.

const siteDir = inject('siteDir');
const slug = 'scse-2023-taipei';
const releaseDir = join(projectRoot, 'content/releases', slug);
const strings: Record<string, Record<string, string>> = { ko, en, 'zh-Hant': zhHant };
const locales = [
  { code: 'ko', path: 'ko' },
  { code: 'en', path: 'en' },
  { code: 'zh-Hant', path: 'zh-hant' },
] as const;
// Content YAML is read as written, untyped.
const frontmatter: any = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(releaseDir, 'ko.mdx'), 'utf8'))![1]!);
const attachments: Array<{ file: string; title: Record<string, string>; language?: string }> = frontmatter.attachments;
const [factSheet] = attachments;
const committed = readFileSync(join(releaseDir, 'files', factSheet!.file));
const sitePath = `/files/releases/${slug}/${factSheet!.file}`;

describe('a release\'s attachments', () => {
  it('are listed in the sample release: a PDF fact sheet in Korean, committed small', () => {
    expect(factSheet).toMatchObject({ file: 'scse-2023-taipei-fact-sheet.pdf', language: 'ko' });
    expect(committed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(committed.length).toBeLessThan(30_000);
  });

  it('are published unchanged at a stable download path', () => {
    expect(readFileSync(join(siteDir, sitePath)).equals(committed)).toBe(true);
  });

  it.each(locales)('are listed on the $code release page with title, type, size and language', ({ code, path }) => {
    const $ = loadPage(siteDir, `/${path}/releases/${slug}/`);
    const items = $('.downloads ul.attachments li');
    expect(items).toHaveLength(attachments.length);
    const link = items.first().find('a');
    expect(link.attr('href')).toBe(sitePath);
    expect(link.attr('download')).toBe(factSheet!.file);
    expect(link.attr('type')).toBe('application/pdf');
    expect(link.text()).toBe(factSheet!.title[code]);
    // Every language has its own title here, so none is marked as borrowed.
    expect(link.attr('lang')).toBeUndefined();
    const size = new Intl.NumberFormat(code, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.round(committed.length / 1000));
    const language = new Intl.DisplayNames([code], { type: 'language' }).of('ko')!;
    const s = strings[code]!;
    const details = ['PDF', size, language].join(s['punctuation.listSeparator']);
    expect(items.first().find('.meta').text()).toBe(s['punctuation.parenthesized']!.replace('{{text}}', details));
  });

  it('go into the release pack under files/, byte for byte, with a checksum line and a README line in every language', async () => {
    const entries = await readZip(join(siteDir, `packs/releases/${slug}.zip`));
    const name = `files/${factSheet!.file}`;
    const inPack = entries.find((entry) => entry.name === name);
    expect(inPack, entries.map((entry) => entry.name).join(', ')).toBeDefined();
    expect(inPack!.data.equals(committed)).toBe(true);
    const sumsText = entries.find((entry) => entry.name === 'SHA256SUMS')!.data.toString('utf8');
    expect(sumsText).toContain(`${createHash('sha256').update(committed).digest('hex')}  ${name}\n`);
    expect(parseSums(sumsText)[name]).toBe(createHash('sha256').update(committed).digest('hex'));
    const readme = entries.find((entry) => entry.name === 'README.txt')!.data.toString('utf8');
    for (const { code } of locales) {
      const s = strings[code]!;
      expect(readme, code).toContain(`  ${name}${s['pack.captions.separator']}${s['pack.readme.fileAttachments']}\n`);
    }
  });

  it('of an embargoed release are published nowhere: no file, no link, no pack entry', async () => {
    expect(existsSync(join(siteDir, 'files/releases/fixture-embargoed'))).toBe(false);
    expect(await leaksIn(siteDir, ['embargoed-attachment-needle', 'fixture-embargoed-data.csv'])).toEqual([]);
  });

  it('are not in an event pack, which gathers photos', async () => {
    const entries = await readZip(join(siteDir, 'packs/events/scse-2023.zip'));
    expect(entries.filter((entry) => entry.name.startsWith('files/'))).toEqual([]);
  });
});
