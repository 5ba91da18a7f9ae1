import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContentProblem } from '../../../src/lib/content/problems';
import { damagedPhotoProblem, photoFileProblems, photoSizeProblems } from '../../../src/lib/content/photo-checks';

let dir: string;
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const caption = (id: string, image: string) => write(`${id}.yaml`, `image: ./${image}\ncaption:\n  ko: 사진\n`);
/** The first bytes of an iPhone photo: an ISO box "ftyp" with the HEIC brand. */
const heicHeader = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
const grey = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#808080' } }).jpeg().toBuffer();
/** Every problem is worded for the press officer in Korean as well, with no English left in it. */
const expectKorean = (problems: ContentProblem[]) => {
  for (const problem of problems) {
    expect(problem.ko, problem.problem).toBeDefined();
    expect(problem.ko!.problem).toMatch(/[가-힣]/);
    expect(problem.ko!.fix).toMatch(/[가-힣]/);
    expect(problem.ko!.problem).toMatch(/니다$/);
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'photo-checks-'));
  write('good.jpg', await grey(1200, 800));
  write('thumbnail.jpg', await grey(640, 480));
  write('portrait.jpg', await grey(600, 1000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('photoFileProblems', () => {
  it('accepts a JPEG within the limits', async () => {
    expect(await photoFileProblems(caption('event-01-visit', 'good.jpg'), 1_000_000, 1000)).toEqual([]);
  });

  it('names a HEIC photo, the field and what to do', async () => {
    write('iphone.heic', heicHeader);
    const file = caption('event-02-iphone', 'iphone.heic');
    const problems = await photoFileProblems(file, 1_000_000, 1000);
    expect(problems).toEqual([
      expect.objectContaining({ file, field: 'image', problem: expect.stringContaining('"./iphone.heic" is a HEIC/HEIF/AVIF image, not a JPEG'), fix: expect.stringContaining('JPEG') }),
    ]);
    expectKorean(problems);
  });

  it('names a file that is not an image at all', async () => {
    write('notes.jpg', '촬영 메모: 3월 29일\n');
    const [problem] = await photoFileProblems(caption('event-03-notes', 'notes.jpg'), 1_000_000, 1000);
    expect(problem?.problem).toContain('"./notes.jpg" is a text file, not a JPEG');
  });

  it('names a photo above the pixel limit with its size and the limit', async () => {
    const problems = await photoFileProblems(caption('event-04-big', 'good.jpg'), 500_000, 1000);
    expect(problems[0]).toMatchObject({ field: 'image', problem: '"./good.jpg" is 1200×800 pixels (0.96 MP), above the limit of 0.5 MP' });
    expect(problems[0]?.fix).toContain('PRESS_MAX_PHOTO_PIXELS');
    expectKorean(problems);
  });

  it('names a photo too small for a press photo, the long side it needs and what to do', async () => {
    const file = caption('event-07-thumbnail', 'thumbnail.jpg');
    const problems = await photoFileProblems(file, 100_000_000, 1000);
    expect(problems).toEqual([
      {
        file,
        field: 'image',
        problem: '"./thumbnail.jpg" is only 640×480 pixels; a press photo needs at least 1,000 pixels on its long side (PRESS_MIN_PHOTO_LONG_SIDE), or it prints blurred',
        fix: expect.stringMatching(/^put the full-size photo here as the camera or photographer delivered it.*lower PRESS_MIN_PHOTO_LONG_SIDE$/),
        ko: expect.objectContaining({ problem: expect.stringContaining('640×480 픽셀밖에 되지 않습니다') }),
      },
    ]);
    expectKorean(problems);
  });

  it('measures the long side, whichever it is, against the limit it is given', async () => {
    expect(await photoFileProblems(caption('event-08-portrait', 'portrait.jpg'), 100_000_000, 1000)).toEqual([]);
    expect(await photoFileProblems(caption('event-08-portrait', 'portrait.jpg'), 100_000_000, 1001)).toHaveLength(1);
    expect(await photoFileProblems(caption('event-07-thumbnail', 'thumbnail.jpg'), 100_000_000, 640)).toEqual([]);
  });

  it('names a damaged JPEG', async () => {
    write('cut.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a]));
    const problems = await photoFileProblems(caption('event-05-cut', 'cut.jpg'), 1_000_000, 1000);
    expect(problems[0]?.problem).toContain('"./cut.jpg" starts like a JPEG but cannot be read');
    expect(problems[0]?.fix).toMatch(/^export the photo again from the camera or editor/);
    expectKorean(problems);
  });

  it('refuses an id that cannot be a file name in a pack or a URL', async () => {
    const file = caption('행사 사진', 'good.jpg');
    const problems = await photoFileProblems(file, 1_000_000, 1000);
    expect(problems).toEqual([expect.objectContaining({ file, problem: expect.stringContaining('"행사 사진"') })]);
    expectKorean(problems);
  });

  it('leaves a missing image to the missing-file check', async () => {
    expect(await photoFileProblems(caption('event-06-missing', 'missing.jpg'), 1_000_000, 1000)).toEqual([]);
  });

  it('reads PRESS_MIN_PHOTO_LONG_SIDE by default', async () => {
    // The default, 1,000: the sample photos (4000×2667) and the fixtures' (1200×800) pass.
    expect(await photoFileProblems(caption('event-01-visit', 'good.jpg'), 100_000_000)).toEqual([]);
    expect(await photoFileProblems(caption('event-07-thumbnail', 'thumbnail.jpg'), 100_000_000)).toHaveLength(1);
  });
});

describe('photoSizeProblems (the same rules, for sizes the media stage learnt from a photo it fetched)', () => {
  it('applies both limits', () => {
    const limits = { maxPixels: 50_000_000, minLongSide: 1000 };
    expect(photoSizeProblems('a.yaml', './a.jpg', { width: 4000, height: 2667 }, limits)).toEqual([]);
    expect(photoSizeProblems('a.yaml', './a.jpg', { width: 999, height: 999 }, limits)).toEqual([expect.objectContaining({ file: 'a.yaml', field: 'image', problem: expect.stringContaining('is only 999×999 pixels') })]);
    expect(photoSizeProblems('a.yaml', './a.jpg', { width: 10_000, height: 8000 }, limits)).toEqual([expect.objectContaining({ problem: expect.stringContaining('above the limit of 50 MP') })]);
  });
});

describe('damagedPhotoProblem', () => {
  it('says a file is cut short, in plain words, and how to replace it', () => {
    const problem = damagedPhotoProblem('content/releases/r/photos/r-01.yaml', './r-01.jpg', { kind: 'truncated', detail: 'the file ends inside the picture data' });
    expect(problem).toMatchObject({ file: 'content/releases/r/photos/r-01.yaml', field: 'image' });
    expect(problem.problem).toBe('"./r-01.jpg" is cut short (the file ends inside the picture data): copying, uploading or exporting it stopped halfway, and the rest of the photo is missing');
    expect(problem.fix).toMatch(/^export the photo again from the camera or editor/);
    expectKorean([problem]);
    expect(problem.ko!.problem).toContain('중간에 잘렸습니다');
  });

  it('says a file is damaged, what that does to the photo, and how to replace it', () => {
    const problem = damagedPhotoProblem('content/releases/r/photos/r-01.yaml', './r-01.jpg', { kind: 'corrupt', detail: 'a code the Huffman tables do not define' });
    expect(problem.problem).toBe('"./r-01.jpg" is damaged: part of its picture data cannot be read (a code the Huffman tables do not define), so the photo would show with grey or scrambled areas');
    expectKorean([problem]);
    expect(problem.ko!.problem).toContain('손상되었습니다');
  });
});

describe('PRESS_MIN_PHOTO_LONG_SIDE', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is read as a whole number of pixels, 1,000 when unset', async () => {
    vi.resetModules();
    expect((await import('../../../src/site.config')).siteConfig.minPhotoLongSide).toBe(1000);
    vi.stubEnv('PRESS_MIN_PHOTO_LONG_SIDE', '800');
    vi.resetModules();
    expect((await import('../../../src/site.config')).siteConfig.minPhotoLongSide).toBe(800);
  });

  it('refuses a value that is not a whole number, saying what to write', async () => {
    for (const value of ['abc', '0', '-5', '1000.5']) {
      vi.stubEnv('PRESS_MIN_PHOTO_LONG_SIDE', value);
      vi.resetModules();
      await expect(import('../../../src/site.config'), value).rejects.toThrow(`PRESS_MIN_PHOTO_LONG_SIDE="${value}" is not a whole number of pixels; write e.g. 800, or 1 to accept photos of any size`);
    }
  });
});
