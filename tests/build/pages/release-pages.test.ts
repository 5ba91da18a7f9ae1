import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import sharp from 'sharp';
import { locales } from '../../../src/i18n/locales';
import en from '../../../src/i18n/strings/en.json';
import ko from '../../../src/i18n/strings/ko.json';
import zhHant from '../../../src/i18n/strings/zh-Hant.json';
import { WEB_IMAGE_SETTINGS } from '../../../src/lib/media/web-images';
import { alternates, loadPage } from '../../helpers/html';
import { projectRoot } from '../../helpers/build-site';

const siteDir = inject('siteDir');
const strings: Record<string, Record<string, string>> = { ko, en, 'zh-Hant': zhHant };
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
const slug = 'scse-2023-taipei';
const site = 'https://press.sdf.example.org';
const photosDir = join(projectRoot, 'content/releases', slug, 'photos');
const yamlOf = (file: string) => parseYaml(readFileSync(file, 'utf8'));
/** The sample release's attachments (docs and data in files/), each a download link of its own. */
const attachmentCount: number = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(projectRoot, 'content/releases', slug, 'ko.mdx'), 'utf8'))![1]!).attachments.length;
const photoIds = ['01-ntca-visit', '02-taipei-city-meeting', '03-tca-mou-signing', '04-gosmart-visit'].map((name) => `${slug}-${name}`);
/** The URL and width of each candidate of a `srcset`. */
const candidates = (srcset: string | undefined) =>
  (srcset ?? '').split(',').map((part) => part.trim().split(/\s+/)).filter((part) => part[0]).map(([url, width]) => ({ url: url!, width: Number(width!.replace(/w$/, '')) }));

describe.each(locales)('the sample release in $code', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);

  it('declares its language and contains no executable script (JSON-LD is data)', () => {
    expect($('html').attr('lang')).toBe(locale.code);
    expect($('script').not('[type="application/ld+json"]').length).toBe(0);
    expect($('script[type="application/ld+json"]').length).toBe(1);
  });

  it('has an absolute canonical URL to itself', () => {
    expect($('link[rel="canonical"]').attr('href')).toBe(`${site}/${locale.path}/releases/${slug}/`);
  });

  it('lists every translation as a reciprocal hreflang alternate, plus x-default', () => {
    expect(alternates($)).toEqual({
      ko: `${site}/ko/releases/${slug}/`,
      en: `${site}/en/releases/${slug}/`,
      'zh-Hant': `${site}/zh-hant/releases/${slug}/`,
      'x-default': `${site}/ko/releases/${slug}/`,
    });
  });

  const release = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(projectRoot, 'content/releases', slug, 'ko.mdx'), 'utf8'))![1]!);
  const heroId: string = release.hero;
  /** The lead (hero) photo under the title, then the four photos where the body places them. */
  const shownIds = [heroId, ...photoIds];

  it('shows the lead photo under the title, then the four photos in the body, with captions and credit in this language', () => {
    const figures = $('article figure.photo');
    expect(figures.length).toBe(5);
    expect($('article figure').length).toBe(5);
    expect($('article figure.lead-photo').length).toBe(1);
    expect($('article figure.lead-photo').attr('id')).toBe('lead-photo');
    expect($('article figure').first().is('.lead-photo')).toBe(true);
    expect($('article .release-body figure.photo').length).toBe(4);
    // Under the title: header (title), then the lead photo, then the downloads, then the body.
    const order = $('article header h1, article figure.lead-photo, article section.downloads, article .release-body').toArray().map((element) => $(element).is('h1') ? 'h1' : $(element).attr('class')!.split(' ').find((name) => ['lead-photo', 'downloads', 'release-body'].includes(name)));
    expect(order).toEqual(['h1', 'lead-photo', 'downloads', 'release-body']);
    figures.each((index, figure) => {
      const photo = yamlOf(join(photosDir, `${shownIds[index]}.yaml`));
      const caption = $(figure).find('figcaption');
      expect(caption.text()).toContain(photo.caption[locale.code]);
      expect(caption.find('p.caption').text()).toBe(photo.caption[locale.code]);
      const img = $(figure).find('img');
      expect(img.attr('alt')).toBe(photo.alt[locale.code]);
      expect(Number(img.attr('width'))).toBeGreaterThan(0);
      expect(Number(img.attr('height'))).toBeGreaterThan(0);
      // A <source> per modern format the media stage makes, best first; the JPEG ladder in the <img>.
      const sources = $(figure).find('picture > source').toArray();
      expect(sources.map((source) => $(source).attr('type'))).toEqual(WEB_IMAGE_SETTINGS.formats.filter((format) => format !== 'jpeg').map((format) => `image/${format}`));
      expect(img.attr('src')).toMatch(/\.jpg$/);
      for (const srcset of [img.attr('srcset'), ...sources.map((source) => $(source).attr('srcset'))]) {
        expect(candidates(srcset).map((candidate) => candidate.width)).toEqual([...WEB_IMAGE_SETTINGS.widths]);
      }
    });
  });

  it('offers every width of every photo as a file of that width and format', async () => {
    const urls = $('article picture').find('source, img').toArray().flatMap((element) => candidates($(element).attr('srcset')));
    expect(urls.length).toBeGreaterThan(0);
    for (const { url, width } of urls) {
      const meta = await sharp(join(siteDir, url)).metadata();
      expect([url.split('.').at(-1), meta.width]).toEqual([meta.format === 'heif' ? 'avif' : meta.format === 'jpeg' ? 'jpg' : meta.format, width]);
    }
  });

  it('puts each caption, its credit, the people shown and the download in separate elements', () => {
    const figures = $('article figure').toArray();
    expect(figures.length).toBe(shownIds.length);
    figures.forEach((figure, index) => {
      const photo = yamlOf(join(photosDir, `${shownIds[index]}.yaml`));
      const caption = $(figure).children('figcaption');
      expect(caption.length).toBe(1);
      expect(caption.children('p.caption').text()).toBe(photo.caption[locale.code]);
      // The credit on a smaller line of its own; a copyright notice written "(c) …" shows "© …".
      const credit = caption.find('.credit');
      expect(credit.length).toBe(1);
      expect(credit.find('small').length).toBe(1);
      expect(credit.text()).not.toContain(photo.caption[locale.code]);
      const written: string = photo.credit[locale.code];
      const notice = /^\(c\)\s*/i.exec(written);
      if (notice) {
        expect(credit.text()).toContain(`© ${written.slice(notice[0].length)}`);
        expect(credit.text()).not.toMatch(/\(c\)/i);
      } else {
        expect(credit.text()).toContain(written);
      }
      // "People shown" only when the caption leaves someone out: the sample captions name everyone.
      const names: string[] = photo.people.map(({ person }: { person: string }) => yamlOf(join(projectRoot, 'content/people', `${person}.yaml`)).name[locale.code]);
      expect(names.length).toBeGreaterThan(0);
      const namedInCaption = names.every((name) => photo.caption[locale.code].includes(name));
      const people = caption.find('.people');
      if (namedInCaption) {
        expect(people.length).toBe(0);
      } else {
        expect(people.find('li').length).toBe(names.length);
        for (const name of names) expect(people.text()).toContain(name);
      }
      expect(caption.text().split(photo.caption[locale.code]).length).toBe(2);
      // The lead photo's download is in the downloads block under it; each body figure has its own.
      expect(caption.find('a[download]').length).toBe(index === 0 ? 0 : 1);
    });
  });

  it('gives every download link a name of its own that contains its visible text', () => {
    const links = $('a[download]').toArray();
    // The pack twice (the phone header's and the downloads block's), each original twice (the list and its figure), each attachment once.
    expect(links.length).toBe(2 + 2 * photoIds.length + attachmentCount);
    const accessibleName = (link: (typeof links)[number]) => ($(link).attr('aria-label') ?? $(link).text()).replace(/\s+/g, ' ').trim();
    // A name always leads to one file: links to different files never share a name.
    const fileOf = new Map<string, string>();
    for (const link of links) {
      const href = $(link).attr('href')!;
      expect(fileOf.get(accessibleName(link)) ?? href, accessibleName(link)).toBe(href);
      fileOf.set(accessibleName(link), href);
    }
    expect(new Set(fileOf.values()).size).toBe(1 + photoIds.length + attachmentCount);
    for (const link of links) expect(accessibleName(link)).toContain($(link).text().trim());
    // A photo's link names it by its headline (the picture desks' short title), in the figure and in the list.
    $('article .release-body figure').each((index, figure) => {
      const photo = yamlOf(join(photosDir, `${photoIds[index]}.yaml`));
      expect($(figure).find('a[download]').attr('aria-label')).toContain(photo.headline[locale.code]);
    });
    const t = strings[locale.code];
    const listed = $('article section.downloads ul.originals li a').toArray();
    expect(listed).toHaveLength(photoIds.length);
    listed.forEach((link, index) => {
      const title: string = yamlOf(join(photosDir, `${photoIds[index]}.yaml`)).headline[locale.code];
      expect($(link).text()).toBe(fill(t['photo.numbered']!, { number: index + 1, title }));
    });
  });

  // WCAG 2.5.3 Label in Name: a speech user says what they see, so the name must contain it.
  it('names each original in the downloads list with a name that contains its visible text', () => {
    const listed = $('article section.downloads ul.originals a[download]').toArray();
    expect(listed).toHaveLength(photoIds.length);
    for (const link of listed) expect(($(link).attr('aria-label') ?? $(link).text()).replace(/\s+/g, ' ')).toContain($(link).text().trim());
  });

  it('has a downloads section with the release pack, every original and the usage terms, and the byline and tags after the body', () => {
    const t = strings[locale.code];
    const downloads = $('article section.downloads');
    expect(downloads.length).toBe(1);
    expect(downloads.find('h2').text()).toBe(t['release.downloads']);
    const children = downloads.children().toArray();
    const packAt = children.findIndex((child) => $(child).find(`a[href="/packs/releases/${slug}.zip"]`).length > 0);
    const listAt = children.findIndex((child) => $(child).is('ul.originals'));
    expect(packAt).toBeGreaterThan(0);
    expect(listAt).toBeGreaterThan(packAt);
    expect(downloads.find(`a[href="/${locale.path}/usage-terms/"]`).length).toBe(1);
    // The old "Photo pack" section at the end is gone.
    expect($('.photo-pack').length).toBe(0);
    expect($('article h2').toArray().map((heading) => $(heading).text())).not.toContain(t['pack.heading']);
    // On phones, the pack link also sits in the header.
    expect($('article header p.quick-download a').attr('href')).toBe(`/packs/releases/${slug}.zip`);
    // Byline and tags close the article, after the body.
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(projectRoot, 'content/releases', slug, `${locale.path}.mdx`), 'utf8'))![1]!);
    const end = $('article footer.release-end');
    expect(end.length).toBe(1);
    expect(end.text()).toContain(front.byline);
    expect($('article header').text()).not.toContain(front.byline);
    expect(end.prevAll('.release-body').length).toBe(1);
    for (const tag of front.tags) expect(end.text()).toContain(tag);
  });

  it('links the event, the MoU and the organizations in the same language', () => {
    const links = $('article a')
      .toArray()
      .map((link) => $(link).attr('href'));
    expect(links).toContain(`/${locale.path}/events/scse-2023/`);
    expect(links).toContain(`/${locale.path}/mous/sdf-tca-2023/`);
    expect(links).toContain(`/${locale.path}/organizations/tca/`);
  });

  it('renders GFM tables and footnotes from MDX', () => {
    expect($('.release-body table th').length).toBeGreaterThan(0);
    expect($('.release-body a[href^="#"]').filter((_, link) => /fn/.test($(link).attr('href')!)).length).toBeGreaterThan(0);
  });
});

describe.each(locales)('entity pages in $code', (locale) => {
  it.each([
    ['event', `/${locale.path}/events/scse-2023/`],
    ['MoU', `/${locale.path}/mous/sdf-tca-2023/`],
    ['organization', `/${locale.path}/organizations/tca/`],
  ])('the %s page exists in the language and links back to the release', (_kind, page) => {
    const $ = loadPage(siteDir, page);
    expect($('html').attr('lang')).toBe(locale.code);
    const links = $('main a').toArray().map((link) => $(link).attr('href'));
    expect(links).toContain(`/${locale.path}/releases/${slug}/`);
    expect(alternates($)['x-default']).toBe(`${site}${page.replace(`/${locale.path}/`, '/ko/')}`);
  });
});

describe('a release with only the Korean original', () => {
  const fixture = 'fixture-ko-only';

  it('is a normal page in Korean and its only hreflang alternate', () => {
    const $ = loadPage(siteDir, `/ko/releases/${fixture}/`);
    expect($('.notice').length).toBe(0);
    expect(alternates($)).toEqual({ ko: `${site}/ko/releases/${fixture}/`, 'x-default': `${site}/ko/releases/${fixture}/` });
  });

  it.each(locales.filter((locale) => locale.code !== 'ko'))('shows the original with a notice in $code', (locale) => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${fixture}/`);
    expect($('html').attr('lang')).toBe(locale.code);
    // The original's language named in the reader's language ("Korean", "韓文"), not in its own script.
    expect($('.notice').text()).toContain(new Intl.DisplayNames([locale.code], { type: 'language' }).of('ko'));
    expect($('.notice').text()).toContain(({ en: 'Korean', 'zh-Hant': '韓文' } as Record<string, string>)[locale.code]);
    expect($('.notice').text()).not.toContain('한국어');
    expect($('.notice').attr('lang')).toBeUndefined();
    expect($('.release-body').attr('lang')).toBe('ko');
    expect($('h1').attr('lang')).toBe('ko');
    const links = alternates($);
    expect(Object.keys(links)).not.toContain(locale.code);
    expect($('link[rel="canonical"]').attr('href')).toBe(`${site}/ko/releases/${fixture}/`);
  });

  it('is not listed as an alternate by the Korean page or the sample release', () => {
    for (const page of [`/ko/releases/${fixture}/`, `/en/releases/${fixture}/`]) {
      const hrefs = Object.values(alternates(loadPage(siteDir, page)));
      expect(hrefs).not.toContain(`${site}/en/releases/${fixture}/`);
      expect(hrefs).not.toContain(`${site}/zh-hant/releases/${fixture}/`);
    }
  });

  it('renders GFM strikethrough and autolinks', () => {
    const $ = loadPage(siteDir, `/ko/releases/${fixture}/`);
    expect($('.release-body del').text()).toBe('삭제된 문장');
    expect($('.release-body a[href="https://example.org"]').length).toBe(1);
  });
});

describe('site pages', () => {
  it('the root is a language chooser linking every home, with no redirect', () => {
    const $ = loadPage(siteDir, '/');
    expect($('meta[http-equiv="refresh"]').length).toBe(0);
    const links = $('main a').toArray().map((link) => $(link).attr('href'));
    expect(links).toEqual(locales.map((locale) => `/${locale.path}/`));
    expect(alternates($)['x-default']).toBe(`${site}/`);
  });

  it.each(locales)('the $code home and archive list the releases newest first', (locale) => {
    for (const page of [`/${locale.path}/`, `/${locale.path}/releases/`]) {
      const $ = loadPage(siteDir, page);
      // The home page: the latest release, then the next ones as tiles; the archive: cards.
      const hrefs = $('main .home-lead h2 a, main .release-tiles h3 a, main .cards a').toArray().map((link) => $(link).attr('href'));
      expect(hrefs.slice(0, 2)).toEqual([`/${locale.path}/releases/fixture-ko-only/`, `/${locale.path}/releases/${slug}/`]);
    }
  });

  it('has a 404 page in every language', () => {
    const $ = loadPage(siteDir, '/404.html');
    expect($('main section').toArray().map((section) => $(section).attr('lang'))).toEqual(locales.map((locale) => locale.code));
  });
});
