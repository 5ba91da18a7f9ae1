/**
 * The press contact (content/contacts/) and the publisher's "About" paragraph
 * (content/organizations/<publisher>.yaml) on each release page and in the release pack's README,
 * each in the reader's language as the YAML gives it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { siteConfig } from '../../../src/site.config';
import en from '../../../src/i18n/strings/en.json';
import ko from '../../../src/i18n/strings/ko.json';
import zhHant from '../../../src/i18n/strings/zh-Hant.json';
import { projectRoot } from '../../helpers/build-site';
import { loadPage } from '../../helpers/html';
import { readZip, type ZipFileEntry } from '../../helpers/zip';

const siteDir = inject('siteDir');
const slug = 'scse-2023-taipei';
const yamlOf = (path: string): any => parseYaml(readFileSync(join(projectRoot, 'content', path), 'utf8'));
const frontmatter = (path: string): any => parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(projectRoot, 'content', path), 'utf8'))![1]!);
const strings: Record<string, Record<string, string>> = { ko, en, 'zh-Hant': zhHant };
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]!);

const release = frontmatter(`releases/${slug}/ko.mdx`);
const contact = yamlOf(`contacts/${release.contact}.yaml`);
const publisher = yamlOf(`organizations/${siteConfig.publisher}.yaml`);

describe('the sample', () => {
  it('names a contact of the publisher, which also answers for it by default, with every text in every language', () => {
    expect(release.contact).toBe('sdf-press-team');
    expect(contact.organization).toBe(siteConfig.publisher);
    expect(publisher.pressContact).toBe(release.contact);
    for (const locale of locales) {
      expect(contact.name[locale.code], locale.code).toBeTruthy();
      expect(contact.role[locale.code], locale.code).toBeTruthy();
      expect(publisher.about[locale.code], locale.code).toBeTruthy();
    }
  });
});

describe.each(locales)('the release page in $code', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
  const t = strings[locale.code]!;
  const others = locales.filter((other) => other.code !== locale.code);

  it('has a press contact section with the name and role in this language, and mailto: and tel: links', () => {
    const section = $('article section.press-contact');
    expect(section.length).toBe(1);
    expect(section.find('h2').text()).toBe(t['release.contact']);
    const text = section.find('p').text();
    expect(text).toContain(contact.name[locale.code]);
    expect(text).toContain(contact.role[locale.code]);
    expect(section.find('p > span').first().text()).toBe(contact.name[locale.code]);
    expect(section.find('p > span.meta').text()).toBe(contact.role[locale.code]);
    for (const other of others) {
      expect(text).not.toContain(contact.name[other.code]);
      expect(text).not.toContain(contact.role[other.code]);
    }
    // Written in this language: no lang attribute of another one.
    expect(section.find('[lang]').length).toBe(0);
    const mail = section.find('a[href^="mailto:"]');
    expect(mail.attr('href')).toBe(`mailto:${contact.email}`);
    expect(mail.text()).toBe(contact.email);
    const tel = section.find('a[href^="tel:"]');
    expect(tel.attr('href')).toBe(`tel:${contact.phone.replace(/[^+\d]/g, '')}`);
    expect(tel.attr('href')).toBe('tel:+82200000000');
    expect(tel.text()).toBe(contact.phone);
  });

  it('has an About section with the publisher\'s heading and paragraph in this language, after the contact', () => {
    const section = $('article section.about');
    expect(section.length).toBe(1);
    expect(section.find('h2').text()).toBe(fill(t['release.about']!, { organization: publisher.name[locale.code] }));
    expect(section.find('p').text()).toBe(publisher.about[locale.code]);
    expect(section.find('[lang]').length).toBe(0);
    for (const other of others) expect(section.text()).not.toContain(publisher.about[other.code]);
    expect(section.prevAll('section.press-contact').length).toBe(1);
    // Both close the article: after the body and its byline and tags.
    expect(section.prevAll('.release-body').length).toBe(1);
  });
});

describe('the release pack README', () => {
  let readme: string;
  beforeAll(async () => {
    const entries: ZipFileEntry[] = await readZip(join(siteDir, 'packs/releases', `${slug}.zip`));
    readme = entries.find((entry) => entry.name === 'README.txt')!.data.toString('utf8');
  });

  it('has in each language section that language\'s contact line and About heading and paragraph, and no other language\'s', () => {
    const sections = readme.split('\n----------------------------------------\n\n');
    expect(sections).toHaveLength(locales.length);
    locales.forEach((locale, index) => {
      const t = strings[locale.code]!;
      const lines = sections[index]!.split('\n');
      // "name (role) · e-mail · phone"; Chinese full-width brackets carry their own space.
      const who = locale.code === 'zh-Hant' ? `${contact.name[locale.code]}（${contact.role[locale.code]}）` : `${contact.name[locale.code]} (${contact.role[locale.code]})`;
      const contactLine = [who, contact.email, contact.phone].join(' · ');
      expect(lines, locale.code).toContain(fill(t['pack.readme.contact']!, { contact: contactLine }));
      const heading = lines.indexOf(fill(t['release.about']!, { organization: publisher.name[locale.code] }));
      expect(heading, locale.code).toBeGreaterThan(0);
      expect(lines[heading + 1], locale.code).toBe(publisher.about[locale.code]);
      for (const other of locales.filter((another) => another.code !== locale.code)) {
        expect(sections[index], `${locale.code} / ${other.code}`).not.toContain(contact.role[other.code]);
        expect(sections[index], `${locale.code} / ${other.code}`).not.toContain(publisher.about[other.code]);
      }
    });
  });
});
