import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { captionsCsv, captionsText, csvField, inertCell, sha256Sums, type CaptionLabels } from '../../../src/lib/packs/pack-texts';
import type { PhotoMetadata } from '../../../src/lib/packs/press-copy';

const visit: PhotoMetadata = {
  fileName: '2023-04-03-tca-visit-01.jpg',
  originalLocale: 'ko',
  captions: {
    ko: '신베이컴퓨터협회 방문',
    en: 'Visit to the New Taipei Computer Association, "TCA"',
    'zh-Hant': '新北市電腦商業同業公會參訪',
  },
  altTexts: { ko: '악수하는 두 사람', en: 'Two people shaking hands', 'zh-Hant': '兩人握手' },
  creator: 'Kim Min-ji',
  credit: 'Sisa Times / Kim Min-ji',
  credits: { ko: '시사타임즈 / 김민지', 'zh-Hant': '時事時報／金敏智' },
  copyright: '© 2023 Sisa Times',
  webStatement: 'https://example.org/press/terms',
  people: ['Kim Min-ji', 'Lin Wei'],
  peopleByLocale: { ko: ['김민지', '린웨이'], 'zh-Hant': ['金敏智', '林偉'] },
  city: 'New Taipei',
  country: 'Taiwan',
  countryCode: 'TW',
  placeByLocale: { ko: '대만 신베이', 'zh-Hant': '臺灣新北市' },
  keywords: ['association', 'visit'],
  englishDescription: 'Visit to the New Taipei Computer Association',
  taken: '2023-04-03',
};

const { taken: _undated, ...undated } = visit;
const signing: PhotoMetadata = {
  ...undated,
  fileName: '2023-04-03-tca-mou-02.jpg',
  captions: { ko: '업무협약 체결\n(왼쪽부터)' },
  altTexts: { ko: '서명하는 사람들' },
  people: [],
  peopleByLocale: {},
};

const koLabels: CaptionLabels = { file: '파일', caption: '캡션', credit: '사진', people: '인물', date: '촬영일', place: '장소' };
const zhLabels: CaptionLabels = {
  file: '檔案',
  caption: '圖說',
  credit: '攝影',
  people: '人物',
  date: '拍攝日期',
  place: '地點',
  separator: '：',
  listSeparator: '、',
};

describe('captionsText', () => {
  test('prints one block per photo with the caller’s labels', () => {
    expect(captionsText('ko', [visit, signing], koLabels)).toBe(
      [
        '파일: 2023-04-03-tca-visit-01.jpg',
        '캡션: 신베이컴퓨터협회 방문',
        '사진: 시사타임즈 / 김민지',
        '인물: 김민지, 린웨이',
        '촬영일: 2023-04-03',
        '장소: 대만 신베이',
        '',
        '파일: 2023-04-03-tca-mou-02.jpg',
        '캡션: 업무협약 체결 (왼쪽부터)',
        '사진: 시사타임즈 / 김민지',
        '장소: 대만 신베이',
        '',
      ].join('\n'),
    );
  });

  test('uses the separators and date format the caller gives', () => {
    const text = captionsText('zh-Hant', [visit], zhLabels, { formatDate: (taken, locale) => `${locale}|${taken.replaceAll('-', '/')}` });
    expect(text.split('\n')).toEqual([
      '檔案：2023-04-03-tca-visit-01.jpg',
      '圖說：新北市電腦商業同業公會參訪',
      '攝影：時事時報／金敏智',
      '人物：金敏智、林偉',
      '拍攝日期：zh-Hant|2023/04/03',
      '地點：臺灣新北市',
      '',
    ]);
  });

  test('falls back to the original caption and the English credit, people and place', () => {
    const lines = captionsText('en', [signing], koLabels).split('\n');
    expect(lines).toContain('캡션: 업무협약 체결 (왼쪽부터)');
    expect(lines).toContain('사진: Sisa Times / Kim Min-ji');
    expect(lines).toContain('장소: New Taipei, Taiwan');
  });
});

/** An independent RFC 4180 reader, so the test checks the format and not the writer's own rules. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('captionsCsv', () => {
  const csv = captionsCsv([visit, signing], ['ko', 'en', 'zh-Hant']);

  test('starts with a UTF-8 byte-order mark and ends rows with CRLF', () => {
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(true); // only inside the quoted caption
  });

  test('reads back field for field', () => {
    const [header, first, second] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'file',
      'caption_ko',
      'caption_en',
      'caption_zh-Hant',
      'alt_ko',
      'alt_en',
      'alt_zh-Hant',
      'creator',
      'credit',
      'copyright',
      'usage_terms',
      'people',
      'date',
      'city',
      'country',
      'country_code',
      'keywords',
    ]);
    expect(first).toEqual([
      '2023-04-03-tca-visit-01.jpg',
      '신베이컴퓨터협회 방문',
      'Visit to the New Taipei Computer Association, "TCA"',
      '新北市電腦商業同業公會參訪',
      '악수하는 두 사람',
      'Two people shaking hands',
      '兩人握手',
      'Kim Min-ji',
      'Sisa Times / Kim Min-ji',
      '© 2023 Sisa Times',
      'https://example.org/press/terms',
      'Kim Min-ji; Lin Wei',
      '2023-04-03',
      'New Taipei',
      'Taiwan',
      'TW',
      'association; visit',
    ]);
    expect(second!.slice(0, 4)).toEqual(['2023-04-03-tca-mou-02.jpg', '업무협약 체결\n(왼쪽부터)', '', '']);
    expect(second![12]).toBe('');
  });

  test('turns cells a spreadsheet would run as formulas into text', () => {
    const risky = { ...visit, fileName: 'risky.jpg', captions: { ko: '=HYPERLINK("https://evil.example","클릭")', en: '+1 more', 'zh-Hant': '@SUM(A1)' }, creator: '-2+3', people: [] };
    const [, row] = parseCsv(captionsCsv([risky], ['ko', 'en', 'zh-Hant']).slice(1));
    expect(row!.slice(1, 4)).toEqual([`'=HYPERLINK("https://evil.example","클릭")`, "'+1 more", "'@SUM(A1)"]);
    expect(row![7]).toBe("'-2+3");
    expect(row![0]).toBe('risky.jpg');
    expect(inertCell('\t=1')).toBe("'\t=1");
    expect(inertCell('Kim = Min-ji')).toBe('Kim = Min-ji');
  });

  test('quotes only what RFC 4180 requires', () => {
    expect(csvField('신베이')).toBe('신베이');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
  });
});

describe('sha256Sums', () => {
  const files: Record<string, string> = {
    'photos/b.jpg': 'second photo',
    'captions-zh-Hant.txt': '新北市電腦商業同業公會參訪\n',
    'captions-ko.txt': '신베이컴퓨터협회 방문\n',
  };
  const entries = Object.entries(files).map(([name, content]) => ({
    name,
    sha256: createHash('sha256').update(content).digest('hex'),
  }));

  test('lists hashes sorted by name', () => {
    expect(sha256Sums(entries).split('\n').map((line) => line.slice(66))).toEqual([
      'captions-ko.txt',
      'captions-zh-Hant.txt',
      'photos/b.jpg',
      '',
    ]);
  });

  test('is accepted by sha256sum -c', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pack-texts-'));
    try {
      await writeFile(join(dir, 'captions-ko.txt'), files['captions-ko.txt']!);
      await writeFile(join(dir, 'captions-zh-Hant.txt'), files['captions-zh-Hant.txt']!);
      await mkdir(join(dir, 'photos'));
      await writeFile(join(dir, 'photos/b.jpg'), files['photos/b.jpg']!);
      await writeFile(join(dir, 'SHA256SUMS'), sha256Sums(entries));
      const { stdout } = await promisify(execFile)('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
      expect(stdout.trim().split('\n')).toEqual(['captions-ko.txt: OK', 'captions-zh-Hant.txt: OK', 'photos/b.jpg: OK']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('refuses names sha256sum would have to escape, and malformed hashes', () => {
    expect(() => sha256Sums([{ name: 'a\nb.txt', sha256: entries[0]!.sha256 }])).toThrow(/line break/);
    expect(() => sha256Sums([{ name: 'a.txt', sha256: 'ABC' }])).toThrow(/not a lower-case hex SHA-256/);
  });
});
