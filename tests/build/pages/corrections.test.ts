import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { uiStrings } from '../../../src/i18n/ui';
import { formatMoment } from '../../../src/lib/view/date-format';
import { jsonLdBlocks, loadPage } from '../../helpers/html';
import { projectRoot } from '../../helpers/build-site';

const siteDir = inject('siteDir');
const slug = 'scse-2023-taipei';
/** The corrections and their wording, from the sample's own files. */
const frontmatter = (path: string) => parseYaml(readFileSync(join(projectRoot, 'content/releases', slug, `${path}.mdx`), 'utf8').split(/^---$/m)[1]!);
const original: Array<{ date: string; note: string }> = frontmatter('ko').corrections;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]!);

describe('a corrected release', () => {
  it('has corrections in the sample, worded in every language', () => {
    expect(original.length).toBeGreaterThan(0);
    for (const locale of locales) expect(frontmatter(locale.path).corrections, locale.code).toHaveLength(original.length);
  });

  it.each(locales)('$code: names the latest correction under the title, dated, linking to the list of what changed', (locale) => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
    const t = uiStrings[locale.code];
    const latest = new Date(original.at(-1)!.date);
    const said = $('article header .meta .corrected');
    expect(said.length).toBe(1);
    expect(said.text()).toBe(`${fill(t['release.corrected']!, { date: formatMoment(latest, locale.code) })}${t['punctuation.labelSeparator']}${t['release.seeCorrections']}`);
    expect(said.find('a').attr('href')).toBe('#corrections-heading');
    expect($('#corrections-heading').text()).toBe(t['release.correctionsHeading']);
  });

  it.each(locales)('$code: lists every correction after the text, dated, in the page’s own wording', (locale) => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
    const t = uiStrings[locale.code];
    const notes: Array<{ note: string }> = frontmatter(locale.path).corrections;
    const items = $('section.corrections li').toArray();
    expect(items).toHaveLength(original.length);
    items.forEach((item, index) => {
      expect($(item).find('strong').text()).toBe(`${fill(t['release.corrected']!, { date: formatMoment(new Date(original[index]!.date), locale.code) })}${t['punctuation.labelSeparator']}`);
      expect($(item).find('span').text()).toBe(notes[index]!.note);
      expect($(item).find('span').attr('lang')).toBeUndefined();
    });
    // After the body, before the press contact.
    expect($('article .release-body ~ section.corrections ~ section.press-contact').length).toBe(1);
  });

  it('dates the modification in JSON-LD and in both feeds', () => {
    const latest = new Date(original.at(-1)!.date);
    for (const locale of locales) {
      const article = jsonLdBlocks(loadPage(siteDir, `/${locale.path}/releases/${slug}/`)).find((block) => block['@type'] === 'NewsArticle')!;
      expect(new Date(article.dateModified as string).getTime(), locale.code).toBe(latest.getTime());
      const json = JSON.parse(readFileSync(join(siteDir, locale.path, 'feed.json'), 'utf8'));
      const item = json.items.find((entry: { url: string }) => entry.url.endsWith(`/releases/${slug}/`));
      expect(new Date(item.date_modified).getTime()).toBe(latest.getTime());
      const rss = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' }).parse(readFileSync(join(siteDir, locale.path, 'rss.xml'), 'utf8')).rss;
      expect(rss['@_xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
      const entry = rss.channel.item.find((candidate: { link: string }) => candidate.link.endsWith(`/releases/${slug}/`));
      expect(new Date(entry['atom:updated']).getTime()).toBe(latest.getTime());
    }
  });
});
