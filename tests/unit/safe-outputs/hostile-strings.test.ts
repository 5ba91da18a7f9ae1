/**
 * Strings a press team could paste into the content, run through every format the site and the
 * photo packs write, and read back with a real parser of that format. Each output is first made
 * from the sample content with a plain marker in every text field, then with the hostile string
 * there instead: read back, the second must be the first with the marker replaced, nothing more
 * (no extra property, element, row or component) and nothing less. Where a format itself turns
 * CR and CRLF into LF (XML, HTML, iCalendar's \n) or has no line breaks (Markdown lines), the
 * expected text is normalised the same way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRssString } from '@astrojs/rss';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { load } from 'cheerio';
import { parse as parseCsv } from 'csv-parse/sync';
import { ExifTool } from 'exiftool-vendored';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { markdownToMdast } from 'satteri';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BaseLayout from '../../../src/layouts/BaseLayout.astro';
import JsonLd from '../../../src/components/JsonLd.astro';
import ReleaseArticle from '../../../src/components/ReleaseArticle.astro';
import { localeCodes, type LocaleCode } from '../../../src/i18n/locales';
import { useTranslations } from '../../../src/i18n/ui';
import { captionLabels, eventPackPlan, releasePackPlan, type PackPlan } from '../../../src/lib/packs/pack-plan';
import { closeExiftool, writePressCopy } from '../../../src/lib/packs/press-copy';
import { eventCalendarFile } from '../../../src/lib/routes/event-calendar';
import { feedFor, jsonFeed, rssOptions } from '../../../src/lib/routes/feeds';
import { eventPage, organizationPage } from '../../../src/lib/routes/entities';
import { releasePage } from '../../../src/lib/routes/release-pages';
import type { SiteContent } from '../../../src/lib/content/public-content';
import type { JsonLd as JsonLdData } from '../../../src/lib/view/structured-data';
import { writeZip } from '../../../src/lib/packs/zip-writer';
import { loadSampleContent } from '../../helpers/sample-content';
import { projectRoot, runProject } from '../../helpers/build-site';
import { readZip } from '../../helpers/zip';

/** Each once; every format below runs all of them. */
// Pages and entity routes read the media stage's manifest (pictures, downloads): the sample's is
// made here, in a cache of this file's own, so the test needs no earlier build of the checkout.
beforeAll(async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'pressroom-media-'));
  const made = await runProject(['--import', 'tsx', join(projectRoot, 'scripts/media-stage.ts'), 'make'], { PRESS_MEDIA_CACHE_DIR: cacheDir, PRESS_CONTENT_DIR: join(projectRoot, 'content') });
  if (made.code !== 0) throw new Error(`The media stage failed on the sample:\n${made.output}`);
  process.env.PRESS_MEDIA_CACHE_DIR = cacheDir;
}, 180_000);

const HOSTILE: readonly string[] = [
  'line\r\nbreak (CRLF)',
  'line\nbreak (LF)',
  'line\rbreak (CR)',
  'END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected',
  '</script><script>alert(1)</script>',
  '<!-- comment --> <![CDATA[ data ]]> <?pi?>',
  ']]> ends CDATA',
  '</rdf:Description></rdf:RDF><x:inject/>',
  'double "quotes" and single \'quotes\' `backticks`',
  'back\\slash \\n \\, \\; \\\\ and a trailing one\\',
  'semi;colon, comma; and, more;',
  'Tom & Jerry &amp; &lt;b&gt; &#60; &#x3C; &nbsp',
  'emoji 😀👩‍👩‍👧🇰🇷 and CJK extension B 𠀀𪚥 among 中文 한국어',
  '=HYPERLINK("evil","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '{a=b,[c]|d} | pipes',
  '# heading *bold* _em_ [link](x) ![img](y) ~~del~~ 1. item > quote #',
  'U+2028\u2028and U+2029\u2029and NBSP\u00a0end',
];

const MARKER = 'MARKERTEXT';

const cases = HOSTILE.map((text) => [JSON.stringify(text), text] as const);
const crlfAsLf = (text: string) => text.replace(/\r\n?/g, '\n');
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** `value` with the marker replaced by `by` in every string it holds. */
function replaced<T>(value: T, by: string): T {
  if (typeof value === 'string') return value.replaceAll(MARKER, by) as T;
  if (Array.isArray(value)) return value.map((item) => replaced(item, by)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaced(item, by)])) as T;
  return value;
}

// ---------------------------------------------------------------------------------------------
// The sample content with `text` in every text field the outputs print.

const sample = loadSampleContent();
const all = (text: string) => Object.fromEntries(localeCodes.map((code) => [code, text]));
const mapValues = <K, V>(map: Map<K, V>, change: (value: V) => V) => new Map([...map].map(([key, value]) => [key, change(value)]));

function contentWith(text: string): SiteContent {
  const loose = <T,>(entry: T, data: Record<string, unknown>): T => ({ ...entry, data: { ...(entry as { data: object }).data, ...data } });
  return {
    ...sample,
    releases: sample.releases.map((release) => ({
      ...release,
      // The card image needs the media stage's manifest; the feeds carry no other text from it.
      hero: undefined,
      versions: Object.fromEntries(
        Object.entries(release.versions).map(([code, version]) => [
          code,
          loose(version!, { title: text, subtitle: text, summary: text, byline: text, tags: [`tag ${text}`] }),
        ]),
      ),
    })),
    photos: mapValues(sample.photos, (photo) =>
      loose(photo, {
        caption: all(text),
        alt: all(text),
        headline: all(text),
        credit: all(text),
        creator: text,
        copyright: text,
        place: { ...photo.data.place, city: all(text) },
      }),
    ),
    events: mapValues(sample.events, (event) =>
      loose(event, { name: all(text), shortName: all(text), description: all(text), venue: all(text), address: all(text), city: all(text) }),
    ),
    organizations: mapValues(sample.organizations, (organization) =>
      loose(organization, {
        name: all(text),
        description: all(text),
        ...(organization.data.abbreviation ? { abbreviation: all(text) } : {}),
        ...(organization.data.about ? { about: all(text) } : {}),
      }),
    ),
    // The press contact the release names (content/contacts/): printed on the page, in the README and the release texts.
    contacts: mapValues(sample.contacts, (contact) => loose(contact, { name: all(text), role: all(text) })),
    people: mapValues(sample.people, (person) => loose(person, { name: all(text) })),
  };
}

const marked = contentWith(MARKER);
const release = sample.releases[0]!;
const eventId = [...sample.events.keys()][0]!;
const organizationId = [...sample.organizations.keys()][0]!;

// ---------------------------------------------------------------------------------------------
// XML, read with saxes (a conforming parser: it checks well-formedness and namespaces, and
// normalises line ends as XML requires).

interface XmlLeaf {
  path: string;
  attributes: Record<string, string>;
  text: string;
}

/** Every element as its path, attributes and own text, in document order. */
function xmlLeaves(xml: string): XmlLeaf[] {
  const leaves: XmlLeaf[] = [];
  const open: XmlLeaf[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value]));
    const leaf = { path: [...open.map((parent) => parent.path.split('/').at(-1)), tag.name].join('/'), attributes, text: '' };
    open.push(leaf);
    leaves.push(leaf);
  });
  parser.on('text', (text) => {
    if (open.length > 0) open.at(-1)!.text += text;
  });
  parser.on('cdata', (text) => {
    open.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(xml).close();
  return leaves;
}

// ---------------------------------------------------------------------------------------------

describe('iCalendar (events/<id>.ics)', () => {
  // NAME (RFC 7986) and X-WR-CALNAME are TEXT values; ical.js knows neither and would not unescape them.
  const properties = (ICAL.design.icalendar as unknown as { property: Record<string, unknown> }).property;
  properties['name'] = { defaultType: 'text' };
  properties['x-wr-calname'] = { defaultType: 'text' };
  const parseIcs = (text: string) => ICAL.parse(text) as unknown[];

  /** Content lines: CRLF after each, the last one too, and none longer than 75 octets. */
  function expectWellFolded(ics: string) {
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    }
    // Unfolded, every line is a property or BEGIN/END: a line break in a value never started one.
    const unfolded = ics.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
    const names = unfolded.map((line) => /^[A-Z0-9-]+/.exec(line)?.[0]);
    expect(names.every(Boolean)).toBe(true);
    return names;
  }

  it.each(cases)('%s: every property comes back exactly, and no other appears', (_label, text) => {
    for (const locale of localeCodes) {
      const event = marked.events.get(eventId)!;
      const baseline = eventCalendarFile(marked, event, locale);
      const hostile = eventCalendarFile(contentWith(text), contentWith(text).events.get(eventId)!, locale);
      expect(expectWellFolded(hostile)).toEqual(expectWellFolded(baseline));
      // ical.js gives the jCal form (RFC 7265): components, properties, parameters and values.
      expect(parseIcs(hostile)).toEqual(replaced(parseIcs(baseline), crlfAsLf(text)));
    }
  });

  it('reads the calendar name as the event name', () => {
    const calendar = new ICAL.Component(parseIcs(eventCalendarFile(contentWith(HOSTILE[3]!), contentWith(HOSTILE[3]!).events.get(eventId)!, 'en')));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(crlfAsLf(HOSTILE[3]!));
    expect(calendar.getFirstPropertyValue('name')).toBe(crlfAsLf(HOSTILE[3]!));
    expect(calendar.getAllSubcomponents().map((component) => component.name)).toEqual(['vtimezone', 'vevent']);
  });
});

// ---------------------------------------------------------------------------------------------

const textOf = (plan: PackPlan, name: string) => plan.texts.find((file) => file.name === name)!.text;
const releasePlan = (text: string) => releasePackPlan(contentWith(text), contentWith(text).releases[0]!)!;
const FORMULA_START = /^[=+\-@\t\r]/;

describe('captions.csv', () => {
  const read = (csv: string): string[][] => parseCsv(csv, { bom: true, record_delimiter: '\r\n' });

  it.each(cases)('%s: RFC 4180 rows with the text in each cell, formulas made inert', (_label, text) => {
    const baseline = read(textOf(releasePlan(MARKER), 'captions.csv'));
    const csv = textOf(releasePlan(text), 'captions.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = read(csv);
    expect(rows).toHaveLength(baseline.length);
    rows.forEach((row, index) => {
      const expected = baseline[index]!.map((cell) => {
        const value = cell.replaceAll(MARKER, text);
        return FORMULA_START.test(value) ? `'${value}` : value;
      });
      expect(row).toEqual(expected);
      for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
    });
  });
});

describe('caption sheets (captions-<locale>.txt)', () => {
  it.each(cases)('%s: one line per field, whatever the text', (_label, text) => {
    for (const locale of localeCodes) {
      const name = `captions-${locale}.txt`;
      const { caption, separator } = captionLabels(locale);
      const baseline = textOf(releasePlan(MARKER), name).split('\n');
      const sheet = textOf(releasePlan(text), name);
      // Each value is printed on its label's line, its line breaks (and the space around them) as one space.
      const expected = baseline.map((line) => {
        const at = line.indexOf(separator!);
        return at < 0 ? line : line.slice(0, at + separator!.length) + oneLine(line.slice(at + separator!.length).replaceAll(MARKER, text));
      });
      expect(sheet.split('\n')).toEqual(expected);
      expect(sheet).toContain(`${caption}${separator}${oneLine(text)}\n`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

interface MdNode {
  type: string;
  value?: string;
  alt?: string;
  url?: string;
  depth?: number;
  children?: MdNode[];
}

/** A block as its kind and the text it shows (image alt included). */
function blocks(markdown: string) {
  const textOf = (node: MdNode): string => (node.type === 'image' ? `![${node.alt}]` : (node.value ?? '') + (node.children ?? []).map(textOf).join(''));
  const kinds = (node: MdNode): string[] => [node.type, ...(node.children ?? []).flatMap(kinds)];
  const root = markdownToMdast(markdown) as MdNode;
  // Runs of text nodes count as one: how a parser splits them around escapes is no difference.
  return root.children!.map((node) => ({ kinds: kinds(node).join(' ').replace(/(?:text )+text\b/g, 'text'), depth: node.depth, text: textOf(node) }));
}

describe('release texts (release-<locale>.md)', () => {
  // Values are trimmed and one-lined one by one, the About heading and the contact line included.
  it.each(cases)('%s: titles, captions and names show as written, and make no Markdown', (_label, text) => {
    for (const locale of localeCodes.filter((code) => release.versions[code])) {
      const name = `release-${locale}.md`;
      // The body is the press team's own Markdown and holds no marker: it must simply stay as it is.
      const baseline = blocks(textOf(releasePlan(MARKER), name));
      const hostile = blocks(textOf(releasePlan(text), name));
      expect(baseline.filter((block) => block.text.includes(MARKER)).length).toBeGreaterThanOrEqual(5);
      expect(hostile).toEqual(replaced(baseline, oneLine(text)));
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('press copies: XMP and EXIF written by exiftool', () => {
  const exiftool = new ExifTool();
  let dir: string;
  let jpeg: string;
  // Every value quoted (JSONQ), so "-2+3" is not read back as a number. exiftool-vendored reads with
  // the MWG module, as photo tools do, which reads EXIF Artist as a "; "-separated list.
  const readArgs = ['-G1', '-struct', '-api', 'StructFormat=JSONQ', '-XMP:all', '-EXIF:all'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-xmp-'));
    jpeg = join(dir, 'original.jpg');
    await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toFile(jpeg);
  });

  afterAll(async () => {
    await exiftool.end();
    await closeExiftool();
    await rm(dir, { recursive: true, force: true });
  });

  async function pressCopy(text: string) {
    const meta = releasePlan(text).photos[0]!.meta;
    const copy = join(dir, `${crypto.randomUUID()}.jpg`);
    await writePressCopy(jpeg, copy, meta);
    const tags = (await exiftool.readRaw(copy, { readArgs })) as Record<string, unknown>;
    delete tags.SourceFile;
    // The packet as it is stored (exiftool's -b), for an XML parser of our own.
    const { XMP: xmp } = (await exiftool.readRaw(copy, { readArgs: ['-b', '-XMP'] })) as { XMP: string };
    return { tags, xmp };
  }

  let baseline: Awaited<ReturnType<typeof pressCopy>>;
  beforeAll(async () => {
    baseline = await pressCopy(MARKER);
  });

  it.each(cases)('%s: every field comes back exactly, read by exiftool and by an XML parser', async (_label, text) => {
    const { tags, xmp } = await pressCopy(text);
    // XMP is XML: CRLF and CR are read as LF, so the copy holds LF.
    const expected = replaced(baseline.tags, crlfAsLf(text));
    // EXIF Copyright is one line: exiftool reads a line break there as photographer / editor.
    expected['IFD0:Copyright'] = (baseline.tags['IFD0:Copyright'] as string).replaceAll(MARKER, text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '));
    expect(tags).toEqual(expected);
    expect(xmlLeaves(xmp)).toEqual(replaced(xmlLeaves(baseline.xmp), crlfAsLf(text)));
  });
});

// ---------------------------------------------------------------------------------------------

describe('ZIP entry names', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-zip-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

  it.each(cases)('%s: no content text reaches a name in the pack plans', (_label, text) => {
    const content = contentWith(text);
    for (const plan of [releasePackPlan(content, content.releases[0]!)!, eventPackPlan(content, eventId)!]) {
      for (const name of [...plan.texts.map((file) => file.name), ...plan.photos.map((photo) => photo.meta.fileName)]) expect(name).toMatch(SAFE_NAME);
    }
  });

  const attacks = ['../up.txt', '/etc/passwd', 'a/../../b', 'c:\\windows', 'win\\path', 'C:drive', './here', 'a//b', 'dir/', '', 'nul\u0000byte', 'del\u007f', 'c1\u0085', 'lone\ud800'];
  const unsafe = (name: string) =>
    name === '' || name.includes('\\') || /^\w+:/.test(name) || /[\u0000-\u001f\u007f-\u009f]/.test(name) || !name.isWellFormed() || name.split('/').some((part) => ['', '.', '..'].includes(part));

  it.each([...HOSTILE, ...attacks].map((text) => [JSON.stringify(text), text] as const))('%s: refused by writeZip, or stored exactly', async (_label, text) => {
    const name = text.startsWith('/') || attacks.includes(text) ? text : `photos/${text}.txt`;
    const out = join(dir, `${crypto.randomUUID()}.zip`);
    const written = writeZip(out, [{ name, source: { data: 'x' } }]);
    if (unsafe(name)) {
      await expect(written).rejects.toThrow(/Internal error: pack entry name/);
    } else {
      await written;
      expect((await readZip(out)).map((entry) => entry.name)).toEqual([name]);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('pages: JSON-LD and the HTML around content strings', () => {
  let container: AstroContainer;
  beforeAll(async () => {
    container = await AstroContainer.create();
  });

  /** The page head's JSON-LD as the JsonLd component writes it, parsed as a browser would. */
  async function jsonLdOf(data: JsonLdData) {
    const html = await container.renderToString(JsonLd, { props: { data } });
    const $ = load(`<!doctype html><html><head>${html}</head><body><p>after</p></body></html>`);
    expect($('script')).toHaveLength(1);
    expect($('script').attr('type')).toBe('application/ld+json');
    expect($('body p').text()).toBe('after');
    const source = $('script').text();
    expect(source).not.toMatch(/[<>&\u2028\u2029]/);
    return JSON.parse(source) as unknown;
  }

  it.each(cases)('%s: release, event and organization JSON-LD parse back to the same data', async (_label, text) => {
    const hostile = contentWith(text);
    for (const locale of localeCodes) {
      const pairs: Array<[JsonLdData, JsonLdData]> = [
        [releasePage(marked, marked.releases[0]!, locale).structuredData, releasePage(hostile, hostile.releases[0]!, locale).structuredData],
        [eventPage(marked, marked.events.get(eventId)!, locale).structuredData, eventPage(hostile, hostile.events.get(eventId)!, locale).structuredData],
        [
          organizationPage(marked, marked.organizations.get(organizationId)!, locale).structuredData,
          organizationPage(hostile, hostile.organizations.get(organizationId)!, locale).structuredData,
        ],
      ];
      for (const [baseline, data] of pairs) expect(await jsonLdOf(data)).toEqual(replaced(JSON.parse(JSON.stringify(baseline)), text));
    }
  });

  /** Each element's name, attributes (links left out: tag addresses are slugs of the text) and own text. */
  function elements(html: string) {
    const $ = load(html);
    return $('*')
      .toArray()
      .filter((node) => node.type === 'tag' || node.type === 'script' || node.type === 'style')
      .map((node) => node as unknown as { tagName: string; attribs: Record<string, string> })
      .map((element) => ({
        name: element.tagName,
        attributes: Object.fromEntries(Object.entries(element.attribs).map(([name, value]) => [name, name === 'href' ? '' : value])),
        text: $(element as never)
          .contents()
          .toArray()
          .filter((node) => node.type === 'text')
          .map((node) => (node as unknown as { data: string }).data)
          .join(''),
      }));
  }

  async function releaseHtml(content: SiteContent, locale: LocaleCode) {
    const page = releasePage(content, content.releases[0]!, locale);
    // What src/middleware.ts gives every page of this language; the container runs no middleware.
    const locals = { locale, t: useTranslations(locale) };
    const head = await container.renderToString(JsonLd, { locals, props: { data: page.structuredData } });
    const article = await container.renderToString(ReleaseArticle, { locals, props: { page } });
    return container.renderToString(BaseLayout, { locals, props: { meta: page.meta }, slots: { head, default: article } });
  }

  it.each(cases)('%s: the release page shows the text in the same elements, and no others', async (_label, text) => {
    for (const locale of localeCodes) {
      const baseline = elements(await releaseHtml(marked, locale));
      const html = await releaseHtml(contentWith(text), locale);
      // HTML reads CR and CRLF as LF, in text and attributes alike. The JSON-LD is checked above.
      const withoutScript = (list: ReturnType<typeof elements>) => list.map((element) => (element.name === 'script' ? { ...element, text: '' } : element));
      // The downloads list names each original by the photo's headline, trimmed (shortPhotoTitle); everything else as written.
      const isOriginalLink = (element: ReturnType<typeof elements>[number]) => element.name === 'a' && element.attributes.type === 'image/jpeg';
      const expected = baseline.map((element) => replaced(element, isOriginalLink(element) ? crlfAsLf(text).trim() : crlfAsLf(text)));
      expect(baseline.filter(isOriginalLink)).toHaveLength(release.photos.length);
      expect(withoutScript(elements(html))).toEqual(withoutScript(expected));
      const $ = load(html);
      expect($('h1').text()).toBe(crlfAsLf(text));
      expect($('title').text()).toBe(`${crlfAsLf(text)} | ${useTranslations(locale)('site.name')}`);
      expect($('meta[name="description"]').attr('content')).toBe(crlfAsLf(text));
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('feeds (rss.xml and feed.json)', () => {
  it.each(cases)('%s: RSS is well-formed XML with the text in the same elements', async (_label, text) => {
    for (const locale of localeCodes) {
      const baseline = await getRssString(rssOptions(await feedFor(marked, locale)));
      const rss = await getRssString(rssOptions(await feedFor(contentWith(text), locale)));
      expect(xmlLeaves(rss)).toEqual(replaced(xmlLeaves(baseline), crlfAsLf(text)));
      // And as feed tooling commonly reads it (fast-xml-parser, which @astrojs/rss writes with).
      const { item } = new XMLParser({ trimValues: false, parseTagValue: false, isArray: (name) => name === 'item' || name === 'category' }).parse(rss).rss.channel;
      expect(item.map((entry: { title: string; description: string; category: string[] }) => [entry.title, entry.description, entry.category.at(-1) ?? ''].map(crlfAsLf))).toEqual(
        item.map(() => [text, text, `tag ${text}`].map(crlfAsLf)),
      );
    }
  });

  it.each(cases)('%s: JSON Feed parses back to the same items', async (_label, text) => {
    for (const locale of localeCodes) {
      // As the route serialises it.
      const serialise = async (content: SiteContent) => JSON.stringify(jsonFeed(await feedFor(content, locale)), null, 2);
      expect(JSON.parse(await serialise(contentWith(text)))).toEqual(replaced(JSON.parse(await serialise(marked)), text));
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('characters a format cannot carry at all', () => {
  // The content checks refuse these at input; a writer that still meets one stops rather than
  // write a file its readers would reject or misread.
  const unwritable = ['bell\u0007', 'unit\u001fseparator', 'nul\u0000'];

  it.each(unwritable.map((text) => [JSON.stringify(text), text] as const))('%s: refused by the calendar, feed and press-copy writers', async (_label, text) => {
    const content = contentWith(text);
    expect(() => eventCalendarFile(content, content.events.get(eventId)!, 'en')).toThrow(/Internal error: calendar text/);
    await expect(feedFor(content, 'en').then(rssOptions)).rejects.toThrow(/Internal error: feed text/);
    await expect(writePressCopy('/nonexistent.jpg', '/nonexistent-copy.jpg', releasePlan(text).photos[0]!.meta)).rejects.toThrow(/Internal error: .* XMP cannot carry/);
  });
});
