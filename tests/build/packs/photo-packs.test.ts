import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../helpers/build-site';
import { loadPage } from '../../helpers/html';
import { parseSums, readZip, type ZipFileEntry } from '../../helpers/zip';

// What the packs and pages must say is derived here from the content files (their YAML parsed in
// this file) and from the wording below, written out; no expectation is computed with the code
// that writes the packs or the pages, so a pack or page that says something else fails.

const siteDir = inject('siteDir');
const site = 'https://press.sdf.example.org';
const slug = 'scse-2023-taipei';
const releaseDir = join(projectRoot, 'content/releases', slug);

type Code = 'ko' | 'en' | 'zh-Hant';
const codes: Code[] = ['ko', 'en', 'zh-Hant'];
const locales: Array<{ code: Code; path: string }> = [
  { code: 'ko', path: 'ko' },
  { code: 'en', path: 'en' },
  { code: 'zh-Hant', path: 'zh-hant' },
];
const pathOf = (code: Code) => locales.find((locale) => locale.code === code)!.path;

// Content YAML is read as written, untyped (`any`).
const mdxFile = (code: Code) => join(releaseDir, `${pathOf(code)}.mdx`);
const frontmatter = (code: Code): any => parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(mdxFile(code), 'utf8'))![1]!);
const mdxBody = (code: Code) => readFileSync(mdxFile(code), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const release = frontmatter('ko');
const photoIds: string[] = release.photos;
/** The release's attachments, as the pack names them. */
const attachmentNames: string[] = (release.attachments as Array<{ file: string }>).map((attachment) => `files/${attachment.file}`);
const yamlOf = (path: string): any => parseYaml(readFileSync(join(projectRoot, 'content', path), 'utf8'));
/**
 * The punctuation each language's strings file holds (decision 0067): the release texts take a
 * label's separator and their brackets from there, so a language's texts follow its file.
 */
const stringsPunctuation = (code: Code) => {
  const strings: Record<string, string> = JSON.parse(readFileSync(join(projectRoot, 'src/i18n/strings', `${code}.json`), 'utf8'));
  return {
    separator: strings['punctuation.labelSeparator']!,
    parenthesized: (text: string) => strings['punctuation.parenthesized']!.replace('{{text}}', text),
  };
};
const photoYaml = (id: string) => yamlOf(`releases/${slug}/photos/${id}.yaml`);
const event = yamlOf(`events/${release.event}.yaml`);

/** The positions a person may have in a frame, left to right (the schema's vocabulary). */
const leftToRight = ['far-left', 'second-from-left', 'left', 'centre-left', 'centre', 'centre-right', 'right', 'second-from-right', 'far-right'];
const shownLeftToRight = (photo: any): Array<{ person: string; position: string }> =>
  [...photo.people].sort((a, b) => leftToRight.indexOf(a.position) - leftToRight.indexOf(b.position));
const personName = (id: string, code: Code): string => yamlOf(`people/${id}.yaml`).name[code];
const distinct = <T>(items: T[]) => [...new Set(items)];

/** The words of each language a journalist reads in the packs and next to the download links. */
const words = {
  ko: {
    file: '파일', caption: '사진 설명', credit: '출처', people: '사진 속 인물', date: '촬영일', place: '촬영 장소', separator: ': ', list: ', ',
    personAt: (name: string, position: string) => `${name} (${position})`,
    placeText: (city: string, country: string) => `${country} ${city}`,
    countries: { TW: '대만' } as Record<string, string>,
    day: (year: number, month: number, day: number) => `${year}년 ${month}월 ${day}일`,
    positions: { 'far-left': '가장 왼쪽', 'second-from-left': '왼쪽에서 두 번째', left: '왼쪽', 'centre-left': '가운데 왼쪽', centre: '가운데', 'centre-right': '가운데 오른쪽', right: '오른쪽', 'second-from-right': '오른쪽에서 두 번째', 'far-right': '가장 오른쪽' } as Record<string, string>,
    photoCount: (count: number) => `사진 ${count}장`,
    size: (megabytes: string) => `${megabytes}MB`,
    originalDetails: (width: number, height: number, size: string) => `JPEG, ${width}×${height}픽셀, ${size}`,
    creditLine: '출처 표기: ', releaseTitle: '보도자료 사진: ', eventTitle: '행사 사진: ', terms: '이용 조건: ', contact: '문의: ', files: '파일 안내:',
    about: (organization: string) => `${organization} 소개`,
    photoCredit: '사진', published: '발표', byline: '작성', online: '온라인 원문: ', usageTerms: '사진 이용 조건',
  },
  en: {
    file: 'File', caption: 'Caption', credit: 'Credit', people: 'People shown', date: 'Date taken', place: 'Place', separator: ': ', list: ', ',
    personAt: (name: string, position: string) => `${name} (${position})`,
    placeText: (city: string, country: string) => `${city}, ${country}`,
    countries: { TW: 'Taiwan' } as Record<string, string>,
    day: (year: number, month: number, day: number) =>
      `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${day}, ${year}`,
    positions: { 'far-left': 'far left', 'second-from-left': 'second from left', left: 'left', 'centre-left': 'centre left', centre: 'centre', 'centre-right': 'centre right', right: 'right', 'second-from-right': 'second from right', 'far-right': 'far right' } as Record<string, string>,
    photoCount: (count: number) => (count === 1 ? '1 photo' : `${count} photos`),
    size: (megabytes: string) => `${megabytes} MB`,
    originalDetails: (width: number, height: number, size: string) => `JPEG, ${width} × ${height} px, ${size}`,
    creditLine: 'Credit line: ', releaseTitle: 'Photos of the press release: ', eventTitle: 'Event photos: ', terms: 'Usage terms: ', contact: 'Press contact: ', files: 'Files:',
    about: (organization: string) => `About ${organization}`,
    photoCredit: 'Photo', published: 'Published', byline: 'By', online: 'Online: ', usageTerms: 'Photo usage terms',
  },
  'zh-Hant': {
    file: '檔案', caption: '圖說', credit: '來源', people: '照片人物', date: '拍攝日期', place: '拍攝地點', separator: '：', list: '、',
    personAt: (name: string, position: string) => `${name}（${position}）`,
    placeText: (city: string, country: string) => `${country}${city}`,
    countries: { TW: '台灣' } as Record<string, string>,
    day: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
    positions: { 'far-left': '最左', 'second-from-left': '左二', left: '左', 'centre-left': '中間偏左', centre: '中', 'centre-right': '中間偏右', right: '右', 'second-from-right': '右二', 'far-right': '最右' } as Record<string, string>,
    photoCount: (count: number) => `${count} 張照片`,
    size: (megabytes: string) => `${megabytes} MB`,
    originalDetails: (width: number, height: number, size: string) => `JPEG，${width}×${height}像素，${size}`,
    creditLine: '來源標示：', releaseTitle: '新聞稿照片：', eventTitle: '活動照片：', terms: '使用條款：', contact: '聯絡窗口：', files: '檔案說明：',
    about: (organization: string) => `關於${organization}`,
    photoCredit: '攝影', published: '發布', byline: '撰稿', online: '線上全文：', usageTerms: '照片使用條款',
  },
} satisfies Record<Code, unknown>;

/** Megabytes as 10^6 bytes with one decimal, in the language's notation. */
const sizeText = (bytes: number, code: Code) => words[code].size((bytes / 1_000_000).toFixed(1));
/** `2023-03-29` as the language writes a day. */
const dayText = (isoDay: string, code: Code) => {
  const [year, month, day] = isoDay.slice(0, 10).split('-').map(Number) as [number, number, number];
  return words[code].day(year, month, day);
};
/** The credit line printed with the release's photos: each distinct credit once, in photo order. */
/** A credit as printed: a copyright notice written "(c) …" shows "© …". */
const creditShown = (credit: string) => credit.replace(/^\(c\)\s*/i, '© ');
const creditsOf = (code: Code) => distinct(photoIds.map((id) => creditShown(photoYaml(id).credit[code] as string))).join(words[code].list);
/** The release's press contact (content/contacts/) and the publisher's About text, as each language prints them. */
const contact = yamlOf(`contacts/${release.contact}.yaml`);
const publisher = yamlOf('organizations/seoul-digital-foundation.yaml');
/** "name (role) · e-mail · phone"; Chinese full-width brackets carry their own space. */
const contactLine = (code: Code) => [code === 'zh-Hant' ? `${contact.name[code]}（${contact.role[code]}）` : `${contact.name[code]} (${contact.role[code]})`, contact.email, contact.phone].join(' · ');
const aboutHeading = (code: Code) => words[code].about(publisher.name[code]);
const committed = (id: string) => readFileSync(join(releaseDir, 'photos', `${id}.jpg`));
const releasePack = join(siteDir, 'packs/releases', `${slug}.zip`);
const eventPack = join(siteDir, 'packs/events/scse-2023.zip');

/**
 * A JPEG's picture as a decoder sees it, read here without the project's own JPEG code: the
 * segments that are not metadata (quantization and Huffman tables, the frame header, restart
 * interval, scan headers) and the compressed scan data, in file order. APPn and COM segments,
 * where metadata lives, are left out. Also the frame's size.
 */
function jpegPicture(buffer: Buffer): { picture: Buffer; width: number; height: number } {
  expect([...buffer.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  const kept: Buffer[] = [];
  let size: { width: number; height: number } | undefined;
  let at = 2;
  while (at < buffer.length) {
    expect(buffer[at], `marker at ${at}`).toBe(0xff);
    const marker = buffer[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = buffer.readUInt16BE(at + 2);
    const segment = buffer.subarray(at, at + 2 + length);
    // Start of frame: C0–CF but DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) size = { height: buffer.readUInt16BE(at + 5), width: buffer.readUInt16BE(at + 7) };
    if (marker === 0xda) {
      // The scan header and everything after it, up to and including the end-of-image marker.
      const end = buffer.lastIndexOf(Buffer.from([0xff, 0xd9]));
      expect(end, 'end-of-image marker').toBeGreaterThan(at);
      kept.push(buffer.subarray(at, end + 2));
      break;
    }
    if (!((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)) kept.push(segment);
    at += 2 + length;
  }
  expect(size, 'frame header').toBeDefined();
  return { picture: Buffer.concat(kept), ...size! };
}

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
        ...attachmentNames,
      ].sort(),
    );
    for (const item of releaseEntries) expect(item.name, item.name).toMatch(/^(files\/)?[A-Za-z0-9._-]+$/);
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
      const [inPack, original] = [jpegPicture(packed), jpegPicture(committed(id))];
      // Tables, frame and scans: far more than a few bytes, and the same bytes.
      expect(inPack.picture.length, id).toBeGreaterThan(100_000);
      expect(inPack.picture.equals(original.picture), id).toBe(true);
    }
  });

  it('writes the CSV as UTF-8 with a byte-order mark and CRLF line ends, one row per photo with every language', () => {
    const csv = entry(releaseEntries, 'captions.csv').data;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
    const [header, ...rows] = parseCsv(text) as string[][];
    expect(header).toEqual([
      'file', 'caption_ko', 'caption_en', 'caption_zh-Hant', 'alt_ko', 'alt_en', 'alt_zh-Hant',
      'creator', 'credit', 'copyright', 'usage_terms', 'people', 'date', 'city', 'country', 'country_code', 'keywords',
    ]);
    expect(rows).toEqual(
      photoIds.map((id) => {
        const photo = photoYaml(id);
        const shown = shownLeftToRight(photo);
        const organizations = distinct(shown.map((person) => yamlOf(`people/${person.person}.yaml`).affiliations[0].organization as string));
        return [
          `${id}.jpg`,
          ...codes.map((code) => photo.caption[code]),
          ...codes.map((code) => photo.alt[code]),
          photo.creator,
          photo.credit.en,
          photo.copyright,
          `${site}/ko/usage-terms/`,
          shown.map((person) => personName(person.person, 'en')).join('; '),
          photo.taken ?? '',
          photo.place.city.en,
          words.en.countries[photo.place.country],
          photo.place.country,
          [yamlOf(`events/${photo.event}.yaml`).shortName.en, ...organizations.map((id) => yamlOf(`organizations/${id}.yaml`).name.en)].join('; '),
        ];
      }),
    );
  });

  it.each(codes)('writes the %s caption sheet from the caption files, photo by photo', (code) => {
    const w = words[code];
    const sheet = photoIds
      .map((id) => {
        const photo = photoYaml(id);
        if (photo.taken !== undefined) expect(photo.taken, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const rows: Array<[string, string]> = [
          [w.file, `${id}.jpg`],
          [w.caption, photo.caption[code]],
          [w.credit, photo.credit[code]],
          [w.people, shownLeftToRight(photo).map((person) => w.personAt(personName(person.person, code), w.positions[person.position]!)).join(w.list)],
          ...(photo.taken ? [[w.date, dayText(photo.taken, code)] as [string, string]] : []),
          [w.place, w.placeText(photo.place.city[code], w.countries[photo.place.country]!)],
        ];
        return rows.map(([label, value]) => `${label}${w.separator}${value}\n`).join('');
      })
      .join('\n');
    expect(entry(releaseEntries, `captions-${code}.txt`).data.toString('utf8')).toBe(sheet);
  });

  it('writes a README in every language, the original first, with title, credit line, usage terms, contact and the files', () => {
    const sections = entry(releaseEntries, 'README.txt').data.toString('utf8').split('\n----------------------------------------\n\n');
    expect(sections).toHaveLength(3);
    codes.forEach((code, index) => {
      const w = words[code];
      const lines = sections[index]!.split('\n');
      expect(lines[0], code).toBe(`${w.releaseTitle}${frontmatter(code).title}`);
      expect(lines, code).toContain(`${w.creditLine}${creditsOf(code)}`);
      expect(lines, code).toContain(`${w.terms}${site}/${pathOf(code)}/usage-terms/`);
      // Each section's contact line and About paragraph in that section's language.
      expect(lines, code).toContain(`${w.contact}${contactLine(code)}`);
      const about = lines.indexOf(aboutHeading(code));
      expect(about, code).toBeGreaterThan(lines.indexOf(`${w.contact}${contactLine(code)}`));
      expect(lines[about + 1], code).toBe(publisher.about[code]);
      expect(about, code).toBeLessThan(lines.indexOf(w.files));
      for (const other of codes.filter((another) => another !== code)) {
        expect(sections[index], `${code} section holds no ${other} contact`).not.toContain(contact.role[other]);
        expect(sections[index], `${code} section holds no ${other} About`).not.toContain(publisher.about[other]);
      }
      const files = lines.slice(lines.indexOf(w.files) + 1).filter((line) => line.startsWith('  '));
      expect(files.map((line) => line.trim().split(w.separator)[0]), code).toEqual([
        '*.jpg',
        'captions-ko.txt, captions-en.txt, captions-zh-Hant.txt',
        'captions.csv',
        'release-ko.md, release-en.md, release-zh-Hant.md',
        attachmentNames.join(', '),
        'SHA256SUMS',
      ]);
    });
  });

  it.each(codes)('writes the %s release text as Markdown: title, subtitle, date and byline, body with its photos, contact and address', (code) => {
    const w = words[code];
    const front = frontmatter(code);
    const text = entry(releaseEntries, `release-${code}.md`).data.toString('utf8');
    // The content's titles hold no Markdown character, so they appear exactly as written.
    for (const plain of [front.title, front.subtitle, front.byline]) expect(plain).not.toMatch(/[\\`*_[\]<>~&#|]/);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([`# ${front.title}`, '', `**${front.subtitle}**`, '']);
    const { separator, parenthesized } = stringsPunctuation(code);
    expect(lines[4]!.startsWith(`${w.published}${separator}`)).toBe(true);
    expect(lines[4]).toContain(dayText(release.date, code));
    expect(lines[4]!.endsWith(` · ${w.byline}${separator}${front.byline}`)).toBe(true);
    // Every paragraph of prose in the MDX body is in the text as written; no MDX is left.
    const body = mdxBody(code);
    const prose = body.split(/\n{2,}/).map((block) => block.trim()).filter((block) => block && !block.startsWith('<') && !block.startsWith('[^') && !block.startsWith('|'));
    expect(prose.length).toBeGreaterThan(5);
    for (const block of prose) expect(text, block.slice(0, 40)).toContain(block);
    expect(text).not.toMatch(/<Photo|^(import|export) /m);
    // Each <Photo> where the author put it: the image beside the text in the ZIP, then caption and credit.
    const placed = [...body.matchAll(/<Photo id="([^"]+)" \/>/g)].map((match) => match[1]!);
    expect(placed).toEqual(photoIds);
    const positions = placed.map((id) => {
      const photo = photoYaml(id);
      const figure = `![${photo.alt[code]}](${id}.jpg)\n\n${photo.caption[code]} ${parenthesized(`${w.photoCredit}${separator}${photo.credit[code]}`)}`;
      expect(text, id).toContain(figure);
      return text.indexOf(figure);
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // It ends with the publisher's About heading and paragraph, then the press contact, in this language.
    expect(text.slice(text.lastIndexOf('\n\n---\n\n'))).toBe(
      `\n\n---\n\n## ${aboutHeading(code)}\n\n${publisher.about[code]}\n\n${w.contact}${contactLine(code)}\n\n${w.online}${site}/${pathOf(code)}/releases/${slug}/\n`,
    );
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
    expect(tag(tags(), 'XMP-iptcExt:PersonInImage')).toEqual(shownLeftToRight(yaml).map((person) => personName(person.person, 'en')));
    expect(tag(tags(), 'XMP-iptcExt:LocationShown')).toEqual([{ City: yaml.place.city.en, CountryName: words.en.countries[yaml.place.country], CountryCode: yaml.place.country }]);
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
    for (const code of codes) {
      expect(entry(eventEntries, `release-${slug}-${code}.md`).data.equals(entry(releaseEntries, `release-${code}.md`).data), code).toBe(true);
      expect(entry(eventEntries, `captions-${code}.txt`).data.equals(entry(releaseEntries, `captions-${code}.txt`).data), code).toBe(true);
    }
  });

  it('has a README titled with the event’s name in every language, listing the release texts by slug', () => {
    const sections = entry(eventEntries, 'README.txt').data.toString('utf8').split('\n----------------------------------------\n\n');
    expect(sections.map((section) => section.split('\n')[0])).toEqual(codes.map((code) => `${words[code].eventTitle}${event.name[code]}`));
    codes.forEach((code, index) => {
      expect(sections[index], code).toContain(`  release-${slug}-ko.md, release-${slug}-en.md, release-${slug}-zh-Hant.md${words[code].separator}`);
      expect(sections[index]!.split('\n'), code).toContain(`${words[code].creditLine}${creditsOf(code)}`);
    });
  });
});

/** Every link to a download in a page, with its `download` attribute. */
function downloads(page: string): Array<{ href: string; download?: string; text: string }> {
  const $ = loadPage(siteDir, page);
  return $('a[href^="/packs/"], a[href^="/photos/originals/"]')
    .toArray()
    .map((link) => ({ href: $(link).attr('href')!, download: $(link).attr('download'), text: $(link).parent().text() }));
}

const expectPackLink = (page: string, href: string, code: Code) => {
  const $ = loadPage(siteDir, page);
  const link = $(`.downloads a[href="${href}"], .photo-pack a[href="${href}"]`);
  expect(link.length, page).toBe(1);
  expect(link.attr('download'), page).toBe(href.split('/').at(-1));
  const details = link.parent().find('.meta').text();
  expect(details).toContain(sizeText(statSync(join(siteDir, href)).size, code));
  expect(details).toContain(words[code].photoCount(photoIds.length));
  expect(details).toContain(`${words[code].creditLine}${creditsOf(code)}`);
};

describe.each(locales)('pages in $code', (locale) => {
  it('link the release pack from the release page, with size, count, credit and a download attribute', () => {
    expectPackLink(`/${locale.path}/releases/${slug}/`, `/packs/releases/${slug}.zip`, locale.code);
    // On phones the same pack also sits in the header, with its size and count.
    const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
    const quick = $('article header p.quick-download a');
    expect(quick.attr('href')).toBe(`/packs/releases/${slug}.zip`);
    expect(quick.attr('download')).toBe(`${slug}.zip`);
    expect(quick.parent().find('.meta').text()).toContain(words[locale.code].photoCount(photoIds.length));
  });

  it('link each figure in the body to its single original, and list every original in the downloads', () => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/${slug}/`);
    // The lead photo's download is in the downloads block, not in its figure.
    expect($('article figure.lead-photo a[download]').length).toBe(0);
    const links = $('article .release-body figure')
      .toArray()
      .map((figure) => $(figure).find('a[download]'));
    expect(links.every((link) => link.length === 1)).toBe(true);
    expect(links.map((link) => link.attr('href'))).toEqual(photoIds.map((id) => `/photos/originals/${id}.jpg`));
    expect(links.map((link) => link.attr('download'))).toEqual(photoIds.map((id) => `${id}.jpg`));
    const listed = $('article section.downloads ul.originals a[download]').toArray();
    expect(listed.map((link) => $(link).attr('href'))).toEqual(photoIds.map((id) => `/photos/originals/${id}.jpg`));
    expect(listed.map((link) => $(link).attr('download'))).toEqual(photoIds.map((id) => `${id}.jpg`));
  });

  it('link the event pack from the event page', () => {
    expectPackLink(`/${locale.path}/events/scse-2023/`, '/packs/events/scse-2023.zip', locale.code);
  });

  it('offer no pack for a release without photos', () => {
    const $ = loadPage(siteDir, `/${locale.path}/releases/fixture-ko-only/`);
    expect($('a[href^="/packs/"]').length).toBe(0);
    expect($('.quick-download, .photo-pack').length).toBe(0);
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
      // Shown with the © sign where the credit is written as a "(c)" copyright notice.
      const credit = yaml.credit[locale.code] as string;
      const notice = /^\s*(?:\([cC]\)|©)\s*/;
      expect($(card).find('.credit').text()).toContain(notice.test(credit) ? `© ${credit.replace(notice, '')}` : credit);
      const original = $(card).find(`a[href="/photos/originals/${id}.jpg"]`);
      expect(original.attr('download')).toBe(`${id}.jpg`);
      const { width, height } = jpegPicture(committed(id));
      const bytes = statSync(join(siteDir, 'photos/originals', `${id}.jpg`)).size;
      expect(original.parent().text()).toContain(words[locale.code].originalDetails(width, height, sizeText(bytes, locale.code)));
    });
    const hrefs = downloads(`/${locale.path}/photos/`).map((link) => link.href);
    expect(hrefs).toContain(`/packs/releases/${slug}.zip`);
    expect(hrefs).toContain('/packs/events/scse-2023.zip');
  });

  it('have a usage-terms page in the language', () => {
    const $ = loadPage(siteDir, `/${locale.path}/usage-terms/`);
    expect($('html').attr('lang')).toBe(locale.code);
    expect($('h1').text()).toBe(words[locale.code].usageTerms);
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
