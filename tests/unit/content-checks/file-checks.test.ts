import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicatePhotoIds, notUtf8, photoImagePath, slugProblems } from '../../../src/lib/content/file-checks';

describe('notUtf8', () => {
  it('flags a file that is not UTF-8, in English and Korean', () => {
    // 中文 in Big5.
    expect(notUtf8('big5.mdx', Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]))).toEqual([
      {
        file: 'big5.mdx',
        field: 'encoding',
        problem: 'the file is not saved as UTF-8 (perhaps EUC-KR, Big5 or another legacy encoding)',
        fix: 'open it in your editor and save it again with the encoding "UTF-8"',
        ko: { problem: '파일이 UTF-8로 저장되어 있지 않습니다(EUC-KR, Big5 같은 옛 인코딩일 수 있습니다)', fix: '편집기에서 열어 인코딩을 "UTF-8"로 골라 다시 저장하세요' },
      },
    ]);
    // 서울 in EUC-KR.
    expect(notUtf8('euc-kr.mdx', Buffer.from([0xbc, 0xad, 0xbf, 0xef]))).toHaveLength(1);
  });

  it('passes Hangul and Han in UTF-8, with or without a byte-order mark', () => {
    expect(notUtf8('utf8.mdx', Buffer.from('서울 臺北 Taipei', 'utf8'))).toEqual([]);
    expect(notUtf8('bom.mdx', Buffer.from('\uFEFF서울', 'utf8'))).toEqual([]);
  });

  it('reads the file itself when given no bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-utf8-'));
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xbc, 0xad]));
      expect(notUtf8(bad)).toEqual([expect.objectContaining({ file: bad, field: 'encoding' })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('photoImagePath', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressroom-image-path-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves the image beside the caption file, whether it exists or not', () => {
    expect(photoImagePath(write('a.yaml', 'image: ./a.jpg\ncreator: Sisa Times\n'))).toBe(join(dir, 'a.jpg'));
    expect(photoImagePath(write('b.yaml', 'image: "  b.jpg  "\n'))).toBe(join(dir, 'b.jpg'));
    expect(photoImagePath(write('c.yaml', 'image: ../other/c.jpg\n'))).toBe(join(dir, '..', 'other', 'c.jpg'));
  });

  it('reads a caption file that starts with a byte-order mark', () => {
    expect(photoImagePath(write('bom.yaml', '\uFEFFimage: ./bom.jpg\n'))).toBe(join(dir, 'bom.jpg'));
  });

  it('gives nothing when the file names no image, an empty one, or is not YAML', () => {
    expect(photoImagePath(write('none.yaml', 'creator: Sisa Times\n'))).toBeUndefined();
    expect(photoImagePath(write('empty.yaml', 'image: "  "\n'))).toBeUndefined();
    expect(photoImagePath(write('number.yaml', 'image: 42\n'))).toBeUndefined();
    expect(photoImagePath(write('list.yaml', '- image: ./x.jpg\n'))).toBeUndefined();
    expect(photoImagePath(write('broken.yaml', 'image: [./x.jpg\n'))).toBeUndefined();
    expect(photoImagePath(join(dir, 'missing.yaml'))).toBeUndefined();
  });
});

describe('slugProblems', () => {
  it('accepts lowercase letters, digits and single hyphens', () => {
    expect(slugProblems(['releases/good-one', 'releases/scse-2023-taipei', 'releases/2024'])).toEqual([]);
  });

  it.each([
    ['Bad Name', 'bad-name'],
    ['SCSE_2023', 'scse-2023'],
    ['-leading', 'leading'],
    ['double--hyphen', 'double-hyphen'],
    ['타이베이', 'scse-2023-taipei'],
  ])('rejects the folder name %j, suggesting %j', (slug, example) => {
    expect(slugProblems([`releases/${slug}`])).toEqual([
      {
        file: `releases/${slug}`,
        field: 'slug',
        problem: `the folder name "${slug}" cannot be used in a web address`,
        fix: `rename the folder to lowercase letters, digits and hyphens, e.g. "${example}"`,
        ko: { problem: `폴더 이름 "${slug}"은(는) 웹 주소에 쓸 수 없습니다`, fix: `폴더 이름을 영문 소문자, 숫자, 하이픈으로 바꾸세요. 예: "${example}"` },
      },
    ]);
  });

  it('rejects two folder names that differ only in case, naming the first on the second', () => {
    const problems = slugProblems(['releases/a-b', 'releases/A-B']);
    expect(problems).toContainEqual({
      file: 'releases/A-B',
      field: 'slug',
      problem: 'has the same address as releases/a-b',
      fix: 'give one of the two releases another folder name',
      ko: { problem: 'releases/a-b와(과) 웹 주소가 같습니다', fix: '두 보도자료 중 하나의 폴더 이름을 바꾸세요' },
    });
    expect(problems.filter((problem) => problem.file === 'releases/a-b')).toEqual([]);
  });
});

describe('duplicatePhotoIds', () => {
  it('reports a photo id used in two releases, naming the second file and the first', () => {
    const problems = duplicatePhotoIds(['releases/a/photos/p1.yaml', 'releases/b/photos/p2.yaml', 'releases/c/photos/p1.yaml']);
    expect(problems).toEqual([
      {
        file: 'releases/c/photos/p1.yaml',
        field: 'id',
        problem: 'the photo id "p1" is already used by releases/a/photos/p1.yaml',
        fix: 'rename one of the two caption files (and its photo), e.g. with the release slug as prefix',
        ko: {
          problem: '사진 id "p1"은(는) 이미 releases/a/photos/p1.yaml에서 쓰고 있습니다',
          fix: '두 사진 설명 파일(과 사진) 중 하나의 이름을 바꾸세요. 보도자료 폴더 이름을 앞에 붙이면 겹치지 않습니다',
        },
      },
    ]);
  });

  it('counts p1.yaml and p1.yml as the same id, and names the first file on every later one', () => {
    const problems = duplicatePhotoIds(['releases/a/photos/p1.yaml', 'releases/b/photos/p1.yml', 'releases/c/photos/p1.yaml']);
    expect(problems.map((problem) => [problem.file, problem.problem])).toEqual([
      ['releases/b/photos/p1.yml', 'the photo id "p1" is already used by releases/a/photos/p1.yaml'],
      ['releases/c/photos/p1.yaml', 'the photo id "p1" is already used by releases/a/photos/p1.yaml'],
    ]);
  });

  it('passes distinct ids', () => {
    expect(duplicatePhotoIds(['releases/a/photos/p1.yaml', 'releases/a/photos/p2.yaml'])).toEqual([]);
  });
});
