import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  duplicatePhotoIds,
  momentsWithoutTimeZone,
  notUtf8,
  missingPhotoFile,
  slugProblems,
  unknownComponents,
} from '../../src/lib/raw-checks';

describe('checks on files', () => {
  let dir: string;
  const write = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressroom-checks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('momentsWithoutTimeZone', () => {
    const release = (date: string, extra = '') => `---\ntitle: 제목\nsummary: 요약\ndate: ${date}\n${extra}---\n\n본문\n`;

    it.each(['2023-04-03T09:00:00', '2023-04-03'])('flags date: %s in a release', (date) => {
      const file = write('no-zone.mdx', release(date));
      const problems = momentsWithoutTimeZone(file, ['date', 'updated', 'embargo']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file, field: 'date' });
      expect(problems[0]!.problem).toContain(date);
      expect(problems[0]!.fix).toContain('+09:00');
    });

    it.each(['2023-04-03T09:00:00+09:00', '2023-04-03T00:00:00Z', '"2023-04-03T09:00:00+09:00"'])('accepts date: %s', (date) => {
      const file = write('zone.mdx', release(date));
      expect(momentsWithoutTimeZone(file, ['date', 'updated', 'embargo'])).toEqual([]);
    });

    it('checks every listed field, and only those', () => {
      const file = write('two.mdx', release('2023-04-03T09:00:00+09:00', 'embargo: 2023-04-03T09:00:00\nupdated: 2023-04-04T10:00:00\n'));
      expect(momentsWithoutTimeZone(file, ['date', 'embargo']).map((problem) => problem.field)).toEqual(['embargo']);
      expect(momentsWithoutTimeZone(file, ['date', 'updated', 'embargo']).map((problem) => problem.field)).toEqual(['updated', 'embargo']);
    });

    it('lets a bare day pass in an allowDay field, but not a time without zone', () => {
      const day = write('photo-day.yaml', 'image: ./a.jpg\ntaken: 2023-03-29\n');
      expect(momentsWithoutTimeZone(day, ['taken'], { allowDay: ['taken'] })).toEqual([]);
      expect(momentsWithoutTimeZone(day, ['taken'])).toHaveLength(1);
      const time = write('photo-time.yaml', 'image: ./a.jpg\ntaken: 2023-03-29T14:00:00\n');
      expect(momentsWithoutTimeZone(time, ['taken'], { allowDay: ['taken'] })).toEqual([
        expect.objectContaining({ file: time, field: 'taken' }),
      ]);
    });
  });

  describe('missingPhotoFile', () => {
    it('flags a caption file whose image is absent', () => {
      const file = write('lost.yaml', 'image: ./lost.jpg\ncreator: Sisa Times\n');
      const problems = missingPhotoFile(file);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file, field: 'image' });
      expect(problems[0]!.problem).toContain('./lost.jpg');
      expect(problems[0]!.fix).toContain('lost.jpg');
    });

    it('passes when the image is beside it', () => {
      write('found.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
      expect(missingPhotoFile(write('found.yaml', 'image: ./found.jpg\n'))).toEqual([]);
    });

    it('flags a caption file that names no image', () => {
      expect(missingPhotoFile(write('none.yaml', 'creator: Sisa Times\n'))).toEqual([
        expect.objectContaining({ field: 'image', problem: 'is missing' }),
      ]);
    });
  });
  describe('dates that cannot be read', () => {
    it('says a date that cannot be read is not a date', () => {
      const file = write('bad-date.mdx', '---\ntitle: t\nembargo: soon\n---\n');
      expect(momentsWithoutTimeZone(file, ['embargo'])).toEqual([expect.objectContaining({ field: 'embargo', problem: '"soon" is not a date' })]);
    });
  });
});

describe('raw checks without files', () => {
  it('flags a file that is not UTF-8, and passes Hangul and Han in UTF-8', () => {
    expect(notUtf8('big5.mdx', Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]))).toEqual([expect.objectContaining({ file: 'big5.mdx', field: 'encoding' })]);
    expect(notUtf8('utf8.mdx', Buffer.from('서울 臺北 Taipei', 'utf8'))).toEqual([]);
  });

  it('names unknown components with their line, ignoring code and known components', () => {
    const body = ['---', 'title: x', '---', '<Photo id="a" />', 'Text with `<Code>` inline.', '```', '<Fenced />', '```', 'and <Video src="x" />'].join('\n');
    expect(unknownComponents('r.mdx', body)).toEqual([expect.objectContaining({ file: 'r.mdx', field: 'line 9', problem: expect.stringContaining('<Video>') })]);
  });

  it('rejects folder names that are not URL-safe, and two that differ only in case', () => {
    expect(slugProblems(['releases/good-one']).length).toBe(0);
    expect(slugProblems(['releases/Bad Name'])[0]).toMatchObject({ field: 'slug', fix: expect.stringContaining('"bad-name"') });
    const twins = slugProblems(['releases/a-b', 'releases/A-B']);
    expect(twins.map((problem) => problem.problem)).toContainEqual(expect.stringContaining('same address as releases/a-b'));
  });

  it('reports a photo id used in two releases, naming the second file and the first', () => {
    const problems = duplicatePhotoIds(['releases/a/photos/p1.yaml', 'releases/b/photos/p2.yaml', 'releases/c/photos/p1.yaml']);
    expect(problems).toEqual([expect.objectContaining({ file: 'releases/c/photos/p1.yaml', field: 'id', problem: expect.stringContaining('releases/a/photos/p1.yaml') })]);
  });
});
