import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { tagSlug } from '../../../src/lib/view/tags';
import { alternates, loadPage } from '../../helpers/html';
import { projectRoot } from '../../helpers/build-site';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const sample = 'scse-2023-taipei';
const frontmatter = (file: string) => parseYaml(readFileSync(join(projectRoot, 'content/releases', sample, file), 'utf8').split('---')[1]!);
const original = frontmatter('ko.mdx');
const cardLinks = (path: string) => {
  const $ = loadPage(siteDir, path);
  return $('main .cards a').toArray().map((link) => $(link).attr('href'));
};

describe.each(locales)('topics in $code', (locale) => {
  const tags: string[] = frontmatter(`${locale.path}.mdx`).tags;

  it('the release links its category page, which lists it in every language', () => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${sample}/`);
    const category = `/${locale.path}/categories/${original.category}/`;
    expect($('article header a').toArray().map((link) => $(link).attr('href'))).toContain(category);
    expect(cardLinks(category)).toContain(`/${locale.path}/releases/${sample}/`);
    expect(Object.keys(alternates(loadPage(siteDir, category)))).toEqual([...locales.map((other) => other.code), 'x-default']);
  });

  it('the release links a page per tag of this language, listing it', () => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${sample}/`);
    const tagLinks = $('a[rel="tag"]').toArray().map((link) => $(link).attr('href'));
    expect(tagLinks).toEqual(tags.map((tag) => `/${locale.path}/tags/${tagSlug(tag)}/`));
    for (const link of tagLinks) {
      expect(cardLinks(decodeURIComponent(link!))).toEqual([`/${locale.path}/releases/${sample}/`]);
    }
  });

  it('a tag page is a page of its own language only', () => {
    const page = `/${locale.path}/tags/${tagSlug(tags[0]!)}/`;
    const $ = loadPage(siteDir, page);
    const own = new URL(encodeURI(page), site).href;
    expect(alternates($)).toEqual({ [locale.code]: own, 'x-default': own });
    expect($('link[rel="canonical"]').attr('href')).toBe(own);
  });

  it('the switcher on a tag page leads to the same tag in each language: the one at the same position', () => {
    // Translations list their tags in the original's order, and the sample is the only release with them.
    const tagsOf = Object.fromEntries(locales.map((other) => [other.code, frontmatter(`${other.path}.mdx`).tags as string[]]));
    for (const other of locales) expect(tagsOf[other.code], other.code).toHaveLength(tags.length);
    tags.forEach((tag, position) => {
      const $ = loadPage(siteDir, `/${locale.path}/tags/${tagSlug(tag)}/`);
      const switcher = $('.language-switcher a').toArray().map((link) => decodeURIComponent($(link).attr('href')!));
      expect(switcher, tag).toEqual(locales.map((other) => `/${other.path}/tags/${tagSlug(tagsOf[other.code]![position]!)}/`));
    });
  });

  it('the list of topics links every category and tag of this language', () => {
    const $ = loadPage(siteDir, `/${locale.path}/tags/`);
    const links = $('main a').toArray().map((link) => decodeURIComponent($(link).attr('href')!));
    expect(links).toContain(`/${locale.path}/categories/${original.category}/`);
    for (const tag of tags) expect(links).toContain(`/${locale.path}/tags/${tagSlug(tag)}/`);
  });

  it('the list of topics puts each tag’s count in the brackets of the strings file', () => {
    const strings = JSON.parse(readFileSync(join(projectRoot, 'src/i18n/strings', `${locale.code}.json`), 'utf8'));
    const [open, close] = (strings['punctuation.parenthesized'] as string).split('{{text}}') as [string, string];
    const $ = loadPage(siteDir, `/${locale.path}/tags/`);
    const counts = $('main ul.topics li .meta').toArray().map((count) => $(count).text());
    expect(counts.length).toBeGreaterThanOrEqual(tags.length);
    for (const count of counts) expect(count.startsWith(open) && count.endsWith(close), count).toBe(true);
  });
});

describe('an untranslated release', () => {
  it('has tag links in its own language only: tags are words of one language', () => {
    expect(loadPage(siteDir, '/ko/releases/fixture-ko-only/')('a[rel="tag"]').attr('href')).toBe('/ko/tags/시험용-자료/');
    expect(cardLinks('/ko/tags/시험용-자료/')).toEqual(['/ko/releases/fixture-ko-only/']);
    expect(loadPage(siteDir, '/en/releases/fixture-ko-only/')('a[rel="tag"]').length).toBe(0);
    expect(loadPage(siteDir, '/en/tags/')('main').text()).not.toContain('시험용');
  });

  it('leads from a tag no other language has to the other languages’ lists of tags', () => {
    const $ = loadPage(siteDir, '/ko/tags/시험용-자료/');
    const switcher = $('.language-switcher a').toArray().map((link) => decodeURIComponent($(link).attr('href')!));
    expect(switcher).toEqual(locales.map((other) => (other.code === 'ko' ? '/ko/tags/시험용-자료/' : `/${other.path}/tags/`)));
  });
});
