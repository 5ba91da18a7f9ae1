import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  closeExiftool,
  writePressCopy,
  type PhotoMetadata,
} from '../../../src/lib/packs/press-copy';
import { isJpeg, jpegImageData, readJpegLayout } from '../../../src/lib/media/jpeg-layout';

const exiftool = new ExifTool();
let dir: string;
let original: string;

const meta: PhotoMetadata = {
  fileName: '2023-04-03-tca-visit-01.jpg',
  originalLocale: 'ko',
  captions: {
    ko: '신베이컴퓨터협회 방문',
    en: 'Visit to the New Taipei Computer Association',
    'zh-Hant': '新北市電腦商業同業公會參訪',
  },
  altTexts: {
    ko: '회의실에서 악수하는 두 사람',
    en: 'Two people shaking hands in a meeting room',
    'zh-Hant': '兩人在會議室握手',
  },
  headline: { ko: '협회 방문', en: 'Association visit', 'zh-Hant': '公會參訪' },
  creator: 'Kim Min-ji',
  credit: 'Sisa Times / Kim Min-ji',
  copyright: '© 2023 Sisa Times',
  webStatement: 'https://example.org/press/terms',
  people: ['Kim Min-ji', 'Lin Wei, Jr.'],
  city: 'New Taipei',
  country: 'Taiwan',
  countryCode: 'TW',
  keywords: ['computer association', 'visit'],
  englishDescription: 'Visit to the New Taipei Computer Association, 3 April 2023',
};

/** A camera-like JPEG: identifying EXIF, GPS in EXIF and XMP, old IPTC, and a thumbnail. */
async function makeCameraJpeg(path: string, options: { progressive?: boolean } = {}): Promise<void> {
  await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .withIccProfile('p3')
    .jpeg({ quality: 80, progressive: options.progressive ?? false })
    .toFile(path);
  const thumbnail = join(dir, 'thumbnail-source.jpg');
  await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 0, g: 90, b: 200 } } }).jpeg().toFile(thumbnail);
  await exiftool.write(
    path,
    {
      Make: 'Canon',
      Model: 'Canon EOS R5',
      SerialNumber: '082021001234',
      LensSerialNumber: '9800001234',
      OwnerName: '김민지',
      DateTimeOriginal: '2023:04:03 10:15:30',
      'Orientation#': 6,
      GPSLatitude: 25.0126,
      GPSLongitude: 121.4657,
      GPSAltitude: 12,
      'XMP-exif:GPSLatitude': 25.0126,
      'XMP-aux:SerialNumber': '082021001234',
      'IPTC:Caption-Abstract': 'old caption that must not survive',
      'XMP-dc:Description': 'old XMP caption',
      Comment: 'shot by 김민지 with body 082021001234',
    } as never,
    { writeArgs: ['-overwrite_original', `-ThumbnailImage<=${thumbnail}`] },
  );
}

async function readTags(path: string): Promise<Record<string, unknown>> {
  return exiftool.readRaw(path, { readArgs: ['-G1', '-a', '-struct', '-n'] }) as Promise<Record<string, unknown>>;
}

/** exiftool writes language subtags in lower case (zh-hant); BCP 47 tags are case-insensitive. */
function tag(tags: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(tags).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : tags[key];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photo-metadata-'));
  original = join(dir, 'original.jpg');
  await makeCameraJpeg(original);
}, 30_000);

afterAll(async () => {
  await exiftool.end();
  await closeExiftool();
  await rm(dir, { recursive: true, force: true });
});

describe('the fixture', () => {
  test('really carries what the press copy must drop', async () => {
    const tags = await readTags(original);
    expect(tag(tags, 'ExifIFD:SerialNumber')).toBe('082021001234');
    expect(String(tag(tags, 'ExifIFD:LensSerialNumber'))).toBe('9800001234');
    expect(tag(tags, 'ExifIFD:OwnerName')).toBe('김민지');
    expect(tag(tags, 'XMP-aux:SerialNumber')).toBe('082021001234');
    expect(tag(tags, 'IPTC:Caption-Abstract')).toBe('old caption that must not survive');
    expect(tag(tags, 'GPS:GPSLatitude')).toBeCloseTo(25.0126);
    expect(tag(tags, 'GPS:GPSLongitude')).toBeCloseTo(121.4657);
    expect(tag(tags, 'XMP-exif:GPSLatitude')).toBeCloseTo(25.0126);
    expect(tag(tags, 'IFD1:ThumbnailLength')).toBeGreaterThan(0);
  });
});

describe('writePressCopy', () => {
  let copy: string;
  let tags: Record<string, unknown>;

  beforeAll(async () => {
    copy = join(dir, meta.fileName);
    await writePressCopy(original, copy, meta, { exiftool });
    tags = await readTags(copy);
  }, 30_000);

  test('writes the caption per language, with the original language as x-default', () => {
    expect(tag(tags, 'XMP-dc:Description')).toBe('신베이컴퓨터협회 방문');
    expect(tag(tags, 'XMP-dc:Description-ko')).toBe('신베이컴퓨터협회 방문');
    expect(tag(tags, 'XMP-dc:Description-en')).toBe('Visit to the New Taipei Computer Association');
    expect(tag(tags, 'XMP-dc:Description-zh-Hant')).toBe('新北市電腦商業同業公會參訪');
  });

  test('writes alt text per language', () => {
    expect(tag(tags, 'XMP-iptcCore:AltTextAccessibility')).toBe('회의실에서 악수하는 두 사람');
    expect(tag(tags, 'XMP-iptcCore:AltTextAccessibility-en')).toBe('Two people shaking hands in a meeting room');
    expect(tag(tags, 'XMP-iptcCore:AltTextAccessibility-zh-Hant')).toBe('兩人在會議室握手');
  });

  test('writes headline and title', () => {
    expect(tag(tags, 'XMP-photoshop:Headline')).toBe('협회 방문');
    expect(tag(tags, 'XMP-dc:Title')).toBe('협회 방문');
    expect(tag(tags, 'XMP-dc:Title-en')).toBe('Association visit');
  });

  test('writes creator, credit, rights and usage terms', () => {
    expect(tag(tags, 'XMP-dc:Creator')).toEqual(['Kim Min-ji']);
    expect(tag(tags, 'XMP-photoshop:Credit')).toBe('Sisa Times / Kim Min-ji');
    expect(tag(tags, 'XMP-dc:Rights')).toBe('© 2023 Sisa Times');
    expect(tag(tags, 'XMP-xmpRights:WebStatement')).toBe('https://example.org/press/terms');
  });

  test('writes people, keywords and the place shown without coordinates', () => {
    expect(tag(tags, 'XMP-iptcExt:PersonInImage')).toEqual(['Kim Min-ji', 'Lin Wei, Jr.']);
    expect(tag(tags, 'XMP-dc:Subject')).toEqual(['computer association', 'visit']);
    expect(tag(tags, 'XMP-iptcExt:LocationShown')).toEqual([{ City: 'New Taipei', CountryName: 'Taiwan', CountryCode: 'TW' }]);
  });

  test('removes every GPS tag, from EXIF and XMP alike', () => {
    expect(Object.keys(tags).filter((key) => /gps/i.test(key))).toEqual([]);
  });

  test('removes serial numbers, owner, old captions, comments and thumbnails', () => {
    const leftovers = Object.keys(tags).filter((key) =>
      /serial|owner|^IPTC:|^Photoshop:|^IFD1:|thumbnail|MakerNotes|Comment/i.test(key),
    );
    expect(leftovers).toEqual([]);
    expect(JSON.stringify(tags)).not.toContain('082021001234');
    expect(JSON.stringify(tags)).not.toContain('9800001234');
    expect(JSON.stringify(tags)).not.toContain('김민지');
    expect(JSON.stringify(tags)).not.toContain('old caption');
  });

  test('keeps make, model, capture time and orientation', () => {
    expect(tag(tags, 'IFD0:Make')).toBe('Canon');
    expect(tag(tags, 'IFD0:Model')).toBe('Canon EOS R5');
    expect(tag(tags, 'ExifIFD:DateTimeOriginal')).toBe('2023:04:03 10:15:30');
    expect(tag(tags, 'IFD0:Orientation')).toBe(6);
  });

  test('keeps the colour profile, without which colours shift', async () => {
    const before = await readTags(original);
    expect(tag(before, 'ICC-header:ColorSpaceData')).toBe('RGB ');
    expect(tag(tags, 'ICC_Profile:ProfileDescription')).toBe(tag(before, 'ICC_Profile:ProfileDescription'));
    expect(tag(tags, 'ICC_Profile:ProfileDescription')).toMatch(/P3/);
  });

  test('sets EXIF Artist, Copyright and an English ImageDescription', () => {
    expect(tag(tags, 'IFD0:Artist')).toBe('Kim Min-ji');
    expect(tag(tags, 'IFD0:Copyright')).toBe('© 2023 Sisa Times');
    expect(tag(tags, 'IFD0:ImageDescription')).toBe('Visit to the New Taipei Computer Association, 3 April 2023');
  });

  test('leaves the compressed image data byte for byte as it was', async () => {
    const before = await readFile(original);
    const after = await readFile(copy);
    expect(after.equals(before)).toBe(false);
    expect(jpegImageData(after).equals(jpegImageData(before))).toBe(true);
  });

  test('leaves no temporary file behind', async () => {
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

test('keeps a progressive JPEG’s scans untouched too', async () => {
  const progressive = join(dir, 'progressive.jpg');
  await makeCameraJpeg(progressive, { progressive: true });
  const copy = join(dir, 'progressive-copy.jpg');
  await writePressCopy(progressive, copy, meta, { exiftool });
  const [before, after] = await Promise.all([readFile(progressive), readFile(copy)]);
  expect(jpegImageData(after).equals(jpegImageData(before))).toBe(true);
}, 30_000);

test('uses the shared exiftool when none is given', async () => {
  const copy = join(dir, 'shared.jpg');
  const result = await writePressCopy(original, copy, meta);
  expect(result).toMatchObject({ width: 64, height: 48 });
  expect(tag(await readTags(copy), 'XMP-dc:Description-en')).toBe('Visit to the New Taipei Computer Association');
}, 30_000);

test('falls back to the file name as title when there is no headline', async () => {
  const copy = join(dir, 'untitled.jpg');
  const { headline: _, ...withoutHeadline } = meta;
  await writePressCopy(original, copy, withoutHeadline, { exiftool });
  const tags = await readTags(copy);
  expect(tag(tags, 'XMP-dc:Title')).toBe('2023-04-03-tca-visit-01');
  expect(tag(tags, 'XMP-photoshop:Headline')).toBeUndefined();
}, 30_000);

describe('refusals', () => {
  test('names the file and its real type for a PNG, a HEIC and a text file', async () => {
    const png = join(dir, 'photo.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toFile(png);
    const heic = join(dir, 'IMG_0001.HEIC');
    await writeFile(heic, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(32)]));
    const text = join(dir, 'caption.jpg');
    await writeFile(text, '신베이컴퓨터협회 방문\n');

    await expect(writePressCopy(png, join(dir, 'out-png.jpg'), meta, { exiftool })).rejects.toThrow(/photo\.png is a PNG image, not a JPEG/);
    await expect(writePressCopy(heic, join(dir, 'out-heic.jpg'), meta, { exiftool })).rejects.toThrow(/IMG_0001\.HEIC is a HEIC/);
    await expect(writePressCopy(text, join(dir, 'out-text.jpg'), meta, { exiftool })).rejects.toThrow(/caption\.jpg is a text file/);
    expect((await readdir(dir)).filter((name) => name.startsWith('out-'))).toEqual([]);
  });

  test('names the file and its size when it has more pixels than allowed', async () => {
    await expect(writePressCopy(original, join(dir, 'big.jpg'), meta, { exiftool, maxPixels: 3000 })).rejects.toThrow(
      /original\.jpg is 64×48 \(0\.00307 MP\), above the limit of 0\.003 MP/,
    );
  });

  test('refuses metadata without a caption in the original language', async () => {
    const { ko: _, ...translationsOnly } = meta.captions;
    await expect(
      writePressCopy(original, join(dir, 'no-caption.jpg'), { ...meta, captions: translationsOnly }, { exiftool }),
    ).rejects.toThrow(/no caption in the original language "ko"/);
  });

  test('refuses a locale that is not a language tag', async () => {
    await expect(
      writePressCopy(original, join(dir, 'bad-locale.jpg'), { ...meta, captions: { ...meta.captions, 'ko=x -o /etc': 'x' } }, { exiftool }),
    ).rejects.toThrow(/is not a BCP 47 language tag/);
  });
});

describe('jpegImageData', () => {
  test('finds the real scan, not an FF DA inside the EXIF thumbnail', async () => {
    const buffer = await readFile(original);
    const naive = buffer.indexOf(Buffer.from([0xff, 0xda]));
    const layout = readJpegLayout(buffer);
    // The fixture is only meaningful if a naive search would go wrong on it.
    expect(naive).toBeLessThan(layout.scanStart);
    const data = jpegImageData(buffer);
    expect([...data.subarray(0, 2)]).toEqual([0xff, 0xda]);
    expect([...data.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(layout.scanEnd).toBe(buffer.length);
  });

  test('reads the size from the frame header', async () => {
    expect(readJpegLayout(await readFile(original))).toMatchObject({ width: 64, height: 48 });
  });

  test('stops at EOI, ignoring bytes appended after the image', async () => {
    const buffer = await readFile(original);
    const padded = Buffer.concat([buffer, Buffer.from([0xff, 0xd9, 0x00, 0x12])]);
    expect(jpegImageData(padded).equals(jpegImageData(buffer))).toBe(true);
  });

  test('reports a truncated file', async () => {
    const buffer = await readFile(original);
    expect(() => jpegImageData(buffer.subarray(0, buffer.length - 100), 'cut.jpg')).toThrow(/cut\.jpg: broken JPEG/);
  });

  test('isJpeg checks the magic bytes', () => {
    expect(isJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(isJpeg(Buffer.from('\x89PNG\r\n', 'latin1'))).toBe(false);
    expect(isJpeg(Buffer.alloc(0))).toBe(false);
  });
});
