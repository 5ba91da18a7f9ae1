import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoFileProblems } from '../../src/lib/photo-checks';

let dir: string;
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const caption = (id: string, image: string) => write(`${id}.yaml`, `image: ./${image}\ncaption:\n  ko: 사진\n`);
/** The first bytes of an iPhone photo: an ISO box "ftyp" with the HEIC brand. */
const heicHeader = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'photo-checks-'));
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080' } }).jpeg().toFile(join(dir, 'good.jpg'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('photoFileProblems', () => {
  it('accepts a JPEG within the limit', async () => {
    expect(await photoFileProblems(caption('event-01-visit', 'good.jpg'), 1_000_000)).toEqual([]);
  });

  it('names a HEIC photo, the field and what to do', async () => {
    write('iphone.heic', heicHeader);
    const file = caption('event-02-iphone', 'iphone.heic');
    expect(await photoFileProblems(file, 1_000_000)).toEqual([
      expect.objectContaining({ file, field: 'image', problem: expect.stringContaining('"./iphone.heic" is a HEIC/HEIF/AVIF image, not a JPEG'), fix: expect.stringContaining('JPEG') }),
    ]);
  });

  it('names a file that is not an image at all', async () => {
    write('notes.jpg', '촬영 메모: 3월 29일\n');
    const [problem] = await photoFileProblems(caption('event-03-notes', 'notes.jpg'), 1_000_000);
    expect(problem?.problem).toContain('"./notes.jpg" is a text file, not a JPEG');
  });

  it('names a photo above the pixel limit with its size and the limit', async () => {
    const [problem] = await photoFileProblems(caption('event-04-big', 'good.jpg'), 50_000);
    expect(problem).toMatchObject({ field: 'image', problem: '"./good.jpg" is 300×200 pixels (0.06 MP), above the limit of 0.05 MP' });
    expect(problem?.fix).toContain('PRESS_MAX_PHOTO_PIXELS');
  });

  it('names a damaged JPEG', async () => {
    write('cut.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a]));
    const [problem] = await photoFileProblems(caption('event-05-cut', 'cut.jpg'), 1_000_000);
    expect(problem?.problem).toContain('"./cut.jpg" starts like a JPEG but cannot be read');
  });

  it('refuses an id that cannot be a file name in a pack or a URL', async () => {
    const file = caption('행사 사진', 'good.jpg');
    expect(await photoFileProblems(file, 1_000_000)).toEqual([expect.objectContaining({ file, problem: expect.stringContaining('"행사 사진"') })]);
  });

  it('leaves a missing image to the missing-file check', async () => {
    expect(await photoFileProblems(caption('event-06-missing', 'missing.jpg'), 1_000_000)).toEqual([]);
  });
});
