import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { locales, type LocaleCode } from '../../src/i18n/locales';
import { useTranslations } from '../../src/i18n/ui';
import { formatMegabytes, photoCountText } from '../../src/lib/packs/download-links';
import { jpegImageData } from '../../src/lib/photo-metadata';
import { framePositions } from '../../src/schemas/vocabulary';
import { projectRoot } from '../helpers/build-site';
import { loadPage } from '../helpers/html';
import { parseSums, readZip, type ZipFileEntry } from '../helpers/zip';

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const slug = 'scse-2023-taipei';
const releaseDir = join(projectRoot, 'content/releases', slug);
const release = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(releaseDir, 'ko.mdx'), 'utf8'))![1]!);
const photoIds: string[] = release.photos;
const yamlOf = (path: string) => parseYaml(readFileSync(join(projectRoot, 'content', path), 'utf8'));
const photoYaml = (id: string) => yamlOf(`releases/${slug}/photos/${id}.yaml`);
const committed = (id: string) => readFileSync(join(releaseDir, 'photos', `${id}.jpg`));
const releasePack = join(siteDir, 'packs/releases', `${slug}.zip`);
const eventPack = join(siteDir, 'packs/events/scse-2023.zip');

const exiftool = new ExifTool();
let scratch: string;
let releaseEntries: ZipFileEntry[];
let eventEntries: ZipFileEntry[];
const tagsOf = new Map<string, Record<string, unknown>>();
const xmpOf = new Map<string, string>();

/** exiftool reports language subtags in lower case (zh-hant); BCP 47 tags are case-insensitive. */
function tag(tags: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(tags).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : tags[key];
}

const entry = (entries: ZipFileEntry[], name: string) => {
  const found = entries.find((item) => item.name === name);
  if (!found) throw new Error(`${name} is not in the pack: ${entries.map((item) => item.name).join(', ')}`);
  return found;
};

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'photo-packs-'));
  [releaseEntries, eventEntries] = await Promise.all([readZip(releasePack), readZip(eventPack)]);
  for (const id of photoIds) {
    const file = join(scratch, `${id}.jpg`);
    await writeFile(file, entry(releaseEntries, `${id}.jpg`).data);
    tagsOf.set(id, (await exiftool.readRaw(file, { readArgs: ['-G1', '-a', '-struct'] })) as Record<string, unknown>);
    const raw = (await exiftool.readRaw(file, { readArgs: ['-XMP', '-b'] })) as Record<string, unknown>;
    xmpOf.set(id, String(raw.XMP));
  }
}, 120_000);

afterAll(async () => {
  await exiftool.end();
  await rm(scratch, { recursive: true, force: true });
});

describe('the release pack', () => {
  it('holds the four photos under their ids, the caption sheets, the CSV, the README, the release texts and checksums', () => {
    expect(photoIds).toHaveLength(4);
    expect(releaseEntries.map((item) => item.name)).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        'captions-en.txt',
        'captions-ko.txt',
        'captions-zh-Hant.txt',
        'captions.csv',
        'release-en.md',
        'release-ko.md',
        'release-zh-Hant.md',
        ...photoIds.map((id) => `${id}.jpg`),
      ].sort(),
    );
    for (const item of releaseEntries) expect(item.name, item.name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('stores the JPEGs as they are and lists a checksum that matches every file', () => {
    const sums = parseSums(entry(releaseEntries, 'SHA256SUMS').data.toString('utf8'));
    expect(Object.keys(sums).sort()).toEqual(releaseEntries.map((item) => item.name).filter((name) => name !== 'SHA256SUMS'));
    for (const item of releaseEntries.filter((candidate) => candidate.name !== 'SHA256SUMS')) {
      expect(sums[item.name], item.name).toBe(createHash('sha256').update(item.data).digest('hex'));
      if (item.name.endsWith('.jpg')) expect(item.compressionMethod, item.name).toBe(0);
    }
  });

  it('carries JPEG image data identical to the committed originals', () => {
    for (const id of photoIds) {
      const packed = entry(releaseEntries, `${id}.jpg`).data;
      expect(packed.equals(committed(id)), id).toBe(false);
      expect(jpegImageData(packed).equals(jpegImageData(committed(id))), id).toBe(true);
    }
  });

  it('writes the CSV as UTF-8 with a byte-order mark', () => {
    const csv = entry(releaseEntries, 'captions.csv').data;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain(photoYaml(photoIds[0]!).caption['zh-Hant']);
  });
});

describe.each(photoIds.map((id) => [id]))('the press copy of %s', (id) => {
  const yaml = photoYaml(id);
  const tags = () => tagsOf.get(id)!;

  it('has the caption in ko, en and zh-Hant, with the Korean original as x-default', () => {
    expect(tag(tags(), 'XMP-dc:Description')).toBe(yaml.caption.ko);
    for (const locale of ['ko', 'en', 'zh-Hant']) expect(tag(tags(), `XMP-dc:Description-${locale}`), locale).toBe(yaml.caption[locale]);
  });

  it('declares the languages in the XMP itself: x-default, ko, en and zh-hant (exiftool lower-cases the subtag)', () => {
    const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false });
    const xmp = parser.parse(xmpOf.get(id)!);
    const description = xmp['x:xmpmeta']['rdf:RDF']['rdf:Description'];
    const alternatives = [description]
      .flat()
      .map((node) => node['dc:description'])
      .find(Boolean)['rdf:Alt']['rdf:li'];
    expect(alternatives.map((li: Record<string, string>) => li['@_xml:lang'])).toEqual(['x-default', 'ko', 'en', 'zh-hant']);
  });

  it('has the alt text and headline in every language', () => {
    for (const locale of ['ko', 'en', 'zh-Hant']) {
      expect(tag(tags(), `XMP-iptcCore:AltTextAccessibility-${locale}`), locale).toBe(yaml.alt[locale]);
      expect(tag(tags(), `XMP-dc:Title-${locale}`), locale).toBe(yaml.headline[locale]);
    }
    expect(tag(tags(), 'XMP-photoshop:Headline')).toBe(yaml.headline.ko);
  });

  it('names creator, English credit, copyright and the usage terms page, which exists', () => {
    expect(tag(tags(), 'XMP-dc:Creator')).toEqual([yaml.creator]);
    expect(tag(tags(), 'XMP-photoshop:Credit')).toBe(yaml.credit.en);
    expect(tag(tags(), 'XMP-dc:Rights')).toBe(yaml.copyright);
    expect(tag(tags(), 'XMP-xmpRights:WebStatement')).toBe(`${site}/ko/usage-terms/`);
    expect(existsSync(join(siteDir, 'ko/usage-terms/index.html'))).toBe(true);
  });

  it('names the people shown in English, left to right, and the place without coordinates', () => {
    const shown = [...yaml.people].sort(
      (a: { position: string }, b: { position: string }) => framePositions.indexOf(a.position as never) - framePositions.indexOf(b.position as never),
    );
    expect(tag(tags(), 'XMP-iptcExt:PersonInImage')).toEqual(shown.map((person: { person: string }) => yamlOf(`people/${person.person}.yaml`).name.en));
    expect(tag(tags(), 'XMP-iptcExt:LocationShown')).toEqual([{ City: yaml.place.city.en, CountryName: 'Taiwan', CountryCode: yaml.place.country }]);
    expect(tag(tags(), 'XMP-dc:Subject')).toContain(yamlOf('events/scse-2023.yaml').shortName.en);
  });

  it('sets EXIF Artist, Copyright and the English description, and keeps Make and Model', () => {
    expect(tag(tags(), 'IFD0:ImageDescription')).toBe(yaml.caption.en);
    expect(tag(tags(), 'IFD0:Artist')).toBe(yaml.creator);
    expect(tag(tags(), 'IFD0:Copyright')).toBe(yaml.copyright);
    expect(tag(tags(), 'IFD0:Make')).toBeTruthy();
    expect(tag(tags(), 'IFD0:Model')).toBeTruthy();
  });

  it('carries no GPS, serial number or owner, which the committed original does', async () => {
    const original = (await exiftool.readRaw(join(releaseDir, 'photos', `${id}.jpg`), { readArgs: ['-G1', '-a'] })) as Record<string, unknown>;
    const leaks = (found: Record<string, unknown>) => Object.keys(found).filter((key) => /GPS|Serial|Owner/i.test(key));
    expect(leaks(original).length).toBeGreaterThan(0);
    expect(leaks(tags())).toEqual([]);
  });

  it('is the same file as the single original download and the event pack entry', () => {
    const packed = entry(releaseEntries, `${id}.jpg`).data;
    expect(readFileSync(join(siteDir, 'photos/originals', `${id}.jpg`)).equals(packed)).toBe(true);
    expect(entry(eventEntries, `${id}.jpg`).data.equals(packed)).toBe(true);
  });
});

describe('the event pack of scse-2023', () => {
  it('holds the same photos as the release pack, and the release texts named by slug', () => {
    const photos = (entries: ZipFileEntry[]) => entries.map((item) => item.name).filter((name) => name.endsWith('.jpg'));
    expect(photos(eventEntries)).toEqual(photos(releaseEntries));
    expect(eventEntries.map((item) => item.name).filter((name) => name.endsWith('.md'))).toEqual(
      ['en', 'ko', 'zh-Hant'].map((locale) => `release-${slug}-${locale}.md`),
    );
  });
});

/** Every link to a download in a page, with its `download` attribute. */
function downloads(page: string): Array<{ href: string; download?: string; text: string }> {
  const $ = loadPage(siteDir, page);
  return $('a[href^="/packs/"], a[href^="/photos/originals/"]')
    .toArray()
    .map((link) => ({ href: $(link).attr('href')!, download: $(link).attr('download'), text: $(link).parent().text() }));
}

const expectPackLink = (page: string, href: string, locale: LocaleCode) => {
  const $ = loadPage(siteDir, page);
  const link = $(`.photo-pack a[href="${href}"]`);
  expect(link.attr('download'), page).toBe(href.split('/').at(-1));
  const details = link.parent().find('.meta').text();
  const t = useTranslations(locale);
  expect(details).toContain(formatMegabytes(statSync(join(siteDir, href)).size, locale));
  expect(details).toContain(photoCountText(4, locale));
  expect(details).toContain(t('pack.creditLine', { credit: photoYaml(photoIds[0]!).credit[locale] }));
};

describe.each(locales)('pages in $code', (locale) => {
  it('link the release pack from the release page, with size, count, credit and a download attribute', () => {
    expectPackLink(`/${locale.path}/releases/${slug}/`, `/packs/releases/${slug}.zip`, locale.code);
  });

  it('link each figure to its single original', () => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
    const links = $('article figure')
      .toArray()
      .map((figure) => $(figure).find('a[download]'));
    expect(links.map((link) => link.attr('href'))).toEqual(photoIds.map((id) => `/photos/originals/${id}.jpg`));
    expect(links.map((link) => link.attr('download'))).toEqual(photoIds.map((id) => `${id}.jpg`));
  });

  it('link the event pack from the event page', () => {
    expectPackLink(`/${locale.path}/events/scse-2023/`, '/packs/events/scse-2023.zip', locale.code);
  });

  it('offer no pack for a release without photos', () => {
    expect(loadPage(siteDir, `/${locale.path}/releases/fixture-ko-only/`)('.photo-pack').length).toBe(0);
  });

  it('have a media library with every published photo, its thumbnail, caption, credit, sizes and downloads', () => {
    const $ = loadPage(siteDir, `/${locale.path}/photos/`);
    expect($('html').attr('lang')).toBe(locale.code);
    expect($('script').length).toBe(0);
    const cards = $('.photo-card').toArray();
    expect(cards.map((card) => $(card).attr('id'))).toEqual(photoIds.map((id) => `photo-${id}`));
    cards.forEach((card, index) => {
      const id = photoIds[index]!;
      const yaml = photoYaml(id);
      const img = $(card).find('img');
      // A thumbnail: no width above the 800 px a 20rem card needs at 2x, in every format offered.
      const widths = [img.attr('srcset'), ...$(card).find('source').toArray().map((source) => $(source).attr('srcset'))].flatMap((set) => [...(set ?? '').matchAll(/ (\d+)w/g)].map((match) => Number(match[1])));
      expect(widths.length).toBeGreaterThan(0);
      expect(Math.max(...widths)).toBeLessThanOrEqual(800);
      expect(img.attr('src')).toMatch(new RegExp(`^/media/img/[0-9a-f]+/${id}-\\d+\\.jpg$`));
      expect(statSync(join(siteDir, img.attr('src')!)).isFile()).toBe(true);
      expect(img.attr('alt')).toBe(yaml.alt[locale.code]);
      expect($(card).text()).toContain(yaml.caption[locale.code]);
      expect($(card).find('.credit').text()).toContain(yaml.credit[locale.code]);
      const original = $(card).find(`a[href="/photos/originals/${id}.jpg"]`);
      expect(original.attr('download')).toBe(`${id}.jpg`);
      const details = original.parent().text();
      expect(details).toContain('4000');
      expect(details).toContain('2667');
      expect(details).toContain(formatMegabytes(statSync(join(siteDir, 'photos/originals', `${id}.jpg`)).size, locale.code));
    });
    const hrefs = downloads(`/${locale.path}/photos/`).map((link) => link.href);
    expect(hrefs).toContain(`/packs/releases/${slug}.zip`);
    expect(hrefs).toContain('/packs/events/scse-2023.zip');
  });

  it('have a usage-terms page in the language', () => {
    const $ = loadPage(siteDir, `/${locale.path}/usage-terms/`);
    expect($('html').attr('lang')).toBe(locale.code);
    expect($('h1').text()).toBe(useTranslations(locale.code)('usageTerms.title'));
  });
});

describe('every download link in the site', () => {
  const pages = readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile() && item.name.endsWith('.html'))
    .map((item) => join(item.parentPath, item.name).slice(siteDir.length));

  it('leads to a file in the output and tells the browser to download it', () => {
    const links = pages.flatMap((page) => downloads(page));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(existsSync(join(siteDir, link.href)), link.href).toBe(true);
      expect(link.download, link.href).toBe(link.href.split('/').at(-1));
    }
  });
});
