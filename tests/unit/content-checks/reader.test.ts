import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError, type ContentProblem } from '../../../src/lib/content/problems';
import { checkSiteContent, readContent, readSiteContent } from '../../../src/lib/content/reader';

const sampleContent = new URL('../../../content', import.meta.url).pathname;
const visibility = { now: new Date('9999-12-31T00:00:00Z'), includeDrafts: false };
const release = 'releases/scse-2023-taipei';
const photo = `${release}/photos/scse-2023-taipei-01-ntca-visit`;

/** A temporary folder holding a copy of the sample content in `content/`, and room beside it. */
let dir: string;
let content: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pressroom-reader-'));
  content = join(dir, 'content');
  cpSync(sampleContent, content, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A path under the content copy. */
const at = (path: string) => join(content, path);
/** A file as problems name it: relative to the working folder, as the reader prints it. */
const shown = (path: string) => relative(process.cwd(), at(path));
const write = (path: string, text: string | Buffer) => {
  mkdirSync(dirname(at(path)), { recursive: true });
  writeFileSync(at(path), text);
};
const edit = (path: string, change: (text: string) => string) => writeFileSync(at(path), change(readFileSync(at(path), 'utf8')));
/** Adds lines right after the opening --- of a release file. */
const addToFrontmatter = (path: string, lines: string) => edit(path, (text) => text.replace(/^---\n/, `---\n${lines}`));
/** The 1-based line of the first line of `path` that starts with `prefix`. */
const lineOf = (path: string, prefix: string) => readFileSync(at(path), 'utf8').replace(/^\uFEFF/, '').split('\n').findIndex((line) => line.startsWith(prefix)) + 1;

const summary = (problems: ContentProblem[]) => problems.map((problem) => [problem.file, problem.field]);

function contentError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError, and nothing was thrown');
}

describe('readContent on the sample content', () => {
  it('reads every collection without a problem', () => {
    const read = readContent(content);
    expect(read.problems).toEqual([]);
    expect(read.entries.releases.map((entry) => entry.id).sort()).toEqual(['scse-2023-taipei/en', 'scse-2023-taipei/ko', 'scse-2023-taipei/zh-hant']);
    expect(read.entries.photos).toHaveLength(4);
    expect(read.entries.events.map((entry) => entry.id)).toEqual(['scse-2023']);
    expect(read.entries.organizations).toHaveLength(6);
    expect(read.entries.people).toHaveLength(6);
  });

  it('keeps timestamps as written until the schema reads them, with their zone', () => {
    const ko = readContent(content).entries.releases.find((entry) => entry.id === 'scse-2023-taipei/ko')!;
    expect((ko.data.date as Date).toISOString()).toBe('2023-04-03T00:00:00.000Z');
    expect(ko.filePath).toBe(shown(`${release}/ko.mdx`));
    expect(ko.body).toContain('<Photo id="');
  });

  it('decides what is public from what it read', () => {
    const site = readSiteContent(content, visibility);
    expect(site.releases.map((entry) => entry.slug)).toEqual(['scse-2023-taipei']);
    expect([...site.photos.keys()]).toHaveLength(4);
  });
});

describe('a byte-order mark', () => {
  it('is ignored at the start of a release, whose frontmatter and body are still checked', () => {
    edit(`${release}/ko.mdx`, (text) => `\uFEFF${text.replace(/^---\n/, '---\nembarg0: 2023-04-03T09:00+09:00\n')}\n<Video />\n`);
    const lines = readFileSync(at(`${release}/ko.mdx`), 'utf8').split('\n');
    const problems = readContent(content).problems;
    expect(summary(problems)).toEqual([
      [shown(`${release}/ko.mdx`), `line ${lines.indexOf('<Video />') + 1}`],
      [shown(`${release}/ko.mdx`), 'embarg0'],
    ]);
    expect(problems[1]!.fix).toMatch(/^did you mean "embargo"\?/);
  });

  it('changes nothing in a release or a YAML file that is otherwise fine', () => {
    edit(`${release}/ko.mdx`, (text) => `\uFEFF${text}`);
    edit('events/scse-2023.yaml', (text) => `\uFEFF${text}`);
    const read = readContent(content);
    expect(read.problems).toEqual([]);
    expect(read.entries.releases.find((entry) => entry.id === 'scse-2023-taipei/ko')!.data.title).toMatch(/^서울디지털재단/);
    expect(read.entries.events[0]!.data.name.ko).toBe('스마트시티 서밋 & 엑스포 2023');
  });
});

describe('symbolic links', () => {
  it('reads a release folder that is a link to a folder inside the content folder', () => {
    mkdirSync(at('archive'));
    renameSync(at(release), at('archive/scse-2023-taipei'));
    symlinkSync('../archive/scse-2023-taipei', at(release));
    const read = readContent(content);
    expect(read.problems).toEqual([]);
    expect(read.entries.releases).toHaveLength(3);
    expect(read.entries.photos.map((entry) => entry.id).sort()).toEqual([
      'scse-2023-taipei-01-ntca-visit',
      'scse-2023-taipei-02-taipei-city-meeting',
      'scse-2023-taipei-03-tca-mou-signing',
      'scse-2023-taipei-04-gosmart-visit',
    ]);
    expect(readSiteContent(content, visibility).releases).toHaveLength(1);
  });

  it('reports a link to a file outside the content folder, naming where it leads', () => {
    const outside = join(dir, 'outside.yaml');
    cpSync(at('people/adam-yi.yaml'), outside);
    symlinkSync(outside, at('people/outsider.yaml'));
    const problems = readContent(content).problems;
    expect(problems).toEqual([
      {
        file: shown('people/outsider.yaml'),
        field: 'file',
        problem: `is a link to ${outside}, outside the content folder`,
        fix: 'replace the link with the file itself (copy it into the content folder), or remove it',
        ko: { problem: `콘텐츠 폴더 밖의 ${outside}을(를) 가리키는 링크입니다`, fix: '링크 대신 파일 자체를 콘텐츠 폴더에 복사해 넣거나 링크를 지우세요' },
      },
    ]);
    expect(() => readSiteContent(content, visibility)).toThrow(ContentError);
  });

  it('reports a photo that is a link to a file outside the content folder, as a link and as an image out of its release', () => {
    const outside = join(dir, 'secret.jpg');
    cpSync(at(`${photo}.jpg`), outside);
    rmSync(at(`${photo}.jpg`));
    symlinkSync(outside, at(`${photo}.jpg`));
    const problems = readContent(content).problems;
    expect(summary(problems)).toEqual([
      [shown(`${photo}.jpg`), 'file'],
      [shown(`${photo}.yaml`), 'image'],
    ]);
    expect(problems[1]!.problem).toBe('"./scse-2023-taipei-01-ntca-visit.jpg" leads out of this release\'s folder (to a file outside the content folder)');
  });

  it('accepts a link that stays inside the release folder', () => {
    renameSync(at(`${photo}.jpg`), at(`${release}/photos/original.jpg`));
    symlinkSync('./original.jpg', at(`${photo}.jpg`));
    expect(readContent(content).problems).toEqual([]);
  });

  // BUG (src/lib/content/reader.ts, textOf): a link that leads nowhere and is named like a content
  // file (e.g. Emacs's lock file `.#ko.mdx`, a link to `user@host.1234`) makes readFileSync throw
  // ENOENT, so the reader crashes instead of reporting the link as linksLeavingContent words it.
  // it.fails passes while the bug is there: make it it() once it is fixed.
  it('reports a link to a file that does not exist instead of failing to read it', () => {
    symlinkSync(join(dir, 'nothing-here.yaml'), at('people/ghost.yaml'));
    expect(readContent(content).problems).toEqual([
      expect.objectContaining({ file: shown('people/ghost.yaml'), field: 'file', problem: 'is a link to a file that does not exist' }),
    ]);
  });
});

describe('photo image paths', () => {
  it('reports an image of another release folder, at field image, naming where it leads', () => {
    write('releases/other-release/photos/x.jpg', readFileSync(at(`${photo}.jpg`)));
    edit(`${photo}.yaml`, (text) => text.replace(/^image: .*$/m, 'image: ../../other-release/photos/x.jpg'));
    const problems = readContent(content).problems;
    expect(problems).toEqual([
      {
        file: shown(`${photo}.yaml`),
        field: 'image',
        problem: `"../../other-release/photos/x.jpg" leads out of this release's folder (to ${shown('releases/other-release/photos/x.jpg')})`,
        fix: 'put the photo file in this release\'s photos/ folder, beside this caption file, and name it as "./<file name>.jpg"',
        ko: {
          problem: `"../../other-release/photos/x.jpg"이(가) 이 보도자료 폴더 밖(${shown('releases/other-release/photos/x.jpg')})을 가리킵니다`,
          fix: '사진 파일을 이 사진 설명 파일 옆, 이 보도자료의 photos/ 폴더에 두고 "./<파일 이름>.jpg"로 적으세요',
        },
      },
    ]);
  });

  it('accepts an image elsewhere in its own release folder', () => {
    renameSync(at(`${photo}.jpg`), at(`${release}/original.jpg`));
    edit(`${photo}.yaml`, (text) => text.replace(/^image: .*$/m, 'image: ../original.jpg'));
    expect(readContent(content).problems).toEqual([]);
  });

  it('reports an image path that leads out of the content folder', () => {
    writeFileSync(join(dir, 'elsewhere.jpg'), readFileSync(at(`${photo}.jpg`)));
    edit(`${photo}.yaml`, (text) => text.replace(/^image: .*$/m, 'image: ../../../../elsewhere.jpg'));
    expect(readContent(content).problems).toEqual([
      expect.objectContaining({ file: shown(`${photo}.yaml`), field: 'image', problem: '"../../../../elsewhere.jpg" leads out of this release\'s folder (to a file outside the content folder)' }),
    ]);
  });

  it('reports an image that does not exist, saying where to put it', () => {
    rmSync(at(`${photo}.jpg`));
    expect(readContent(content).problems).toEqual([
      {
        file: shown(`${photo}.yaml`),
        field: 'image',
        problem: 'the file "./scse-2023-taipei-01-ntca-visit.jpg" does not exist',
        fix: `put the photo at ${shown(`${photo}.jpg`)} or correct the file name`,
        ko: { problem: '"./scse-2023-taipei-01-ntca-visit.jpg" 파일이 없습니다', fix: `사진을 ${shown(`${photo}.jpg`)}에 두거나 파일 이름을 고치세요` },
      },
    ]);
  });
});

describe('YAML', () => {
  it('reports a field named twice in a YAML file, with its line', () => {
    edit('events/scse-2023.yaml', (text) => text.replace(/^country: TW$/m, 'country: TW\ncountry: KR'));
    const line = lineOf('events/scse-2023.yaml', 'country: KR');
    expect(line).toBeGreaterThan(1);
    expect(readContent(content).problems).toEqual([
      {
        file: shown('events/scse-2023.yaml'),
        field: `line ${line}`,
        problem: 'names the same field twice; only one of the two values could be used',
        fix: 'keep one line for the field and remove the other',
        ko: { problem: '같은 항목이 두 번 나옵니다. 둘 중 하나의 값만 쓰일 수 있습니다', fix: '그 항목을 한 줄만 남기고 다른 줄은 지우세요' },
      },
    ]);
  });

  it('reports a field named twice in a release frontmatter, with its line in the file', () => {
    edit(`${release}/ko.mdx`, (text) => text.replace(/^category: international$/m, 'category: international\ncategory: event'));
    const line = lineOf(`${release}/ko.mdx`, 'category: event');
    expect(summary(readContent(content).problems)).toEqual([[shown(`${release}/ko.mdx`), `line ${line}`]]);
  });

  it('keeps a duplicate from deciding silently between a draft and a published release', () => {
    addToFrontmatter(`${release}/ko.mdx`, 'draft: true\ndraft: false\n');
    expect(readContent(content).problems).toEqual([expect.objectContaining({ field: 'line 3', problem: expect.stringContaining('same field twice') })]);
  });

  it('reports YAML that cannot be read, with its line, and reads the other files', () => {
    edit('mous/sdf-tca-2023.yaml', (text) => `${text}notes: a: b\n`);
    const read = readContent(content);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toEqual({
      file: shown('mous/sdf-tca-2023.yaml'),
      field: `line ${lineOf('mous/sdf-tca-2023.yaml', 'notes:')}`,
      problem: 'is not valid YAML (Nested mappings are not allowed in compact mappings)',
      fix: 'check the indentation and the quotes on the line named',
      ko: { problem: 'YAML 문법에 맞지 않습니다(Nested mappings are not allowed in compact mappings)', fix: '그 줄의 들여쓰기와 따옴표를 확인하세요' },
    });
    expect(read.entries.events).toHaveLength(1);
  });

  it('reads timestamps as text, so an impossible date is reported rather than rolled over', () => {
    edit(`${release}/ko.mdx`, (text) => text.replace(/^date: .*$/m, 'date: 2023-02-30T09:00:00+09:00'));
    expect(readContent(content).problems).toEqual([
      expect.objectContaining({ file: shown(`${release}/ko.mdx`), field: 'date', problem: '"2023-02-30T09:00:00+09:00" is not a real date or time (such as 30 February or 25:00)' }),
    ]);
  });

  it('accepts a date without seconds and an offset without a colon', () => {
    edit(`${release}/ko.mdx`, (text) => text.replace(/^date: .*$/m, 'date: 2023-04-03T09:00+0900'));
    const ko = readContent(content).entries.releases.find((entry) => entry.id === 'scse-2023-taipei/ko')!;
    expect((ko.data.date as Date).toISOString()).toBe('2023-04-03T00:00:00.000Z');
  });
});

describe('release files', () => {
  it('reports a release without frontmatter', () => {
    write(`${release}/en.mdx`, 'Seoul Digital Foundation at SCSE 2023\n');
    expect(readContent(content).problems).toEqual([
      expect.objectContaining({ file: shown(`${release}/en.mdx`), field: 'frontmatter', ko: expect.objectContaining({ problem: expect.stringContaining('머리말') }) }),
    ]);
  });

  // BUG (src/lib/content/reader.ts, frontmatterPattern `\r?\n?---`): the optional line break lets
  // a frontmatter line that ends in "---" close the frontmatter there, so the fields after it are
  // read as body ("summary" is missing) while Astro reads the file as written. it.fails passes
  // while the bug is there: make it it() once it is fixed.
  it('ends the frontmatter only at a line that is "---" alone', () => {
    edit(`${release}/en.mdx`, (text) => text.replace(/^title: .*$/m, 'title: Seoul Digital Foundation at SCSE 2023 ---'));
    expect(readContent(content).problems).toEqual([]);
  });

  it('reports body problems at their line in the file', () => {
    edit(`${release}/en.mdx`, (text) => `${text}\nimport fs from "node:fs"\n`);
    const line = lineOf(`${release}/en.mdx`, 'import fs');
    expect(readContent(content).problems).toEqual([
      expect.objectContaining({ file: shown(`${release}/en.mdx`), field: `line ${line}`, problem: 'an import or export: release bodies may not run code at build time' }),
    ]);
  });

  it('reports control characters in fields and in the body', () => {
    edit(`${release}/en.mdx`, (text) => text.replace(/^title: "/m, 'title: "\u202E').replace(/\n$/, '\nbell\u0007\n'));
    const problems = readContent(content).problems;
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      [`line ${lineOf(`${release}/en.mdx`, 'bell')}`, 'holds an invisible control character (U+0007)'],
      ['title', 'holds a character that reverses the reading direction (U+202E)'],
    ]);
  });

  // BUG (src/lib/content/files.ts, folderEntries / releaseFolders): Astro's glob loader (tinyglobby,
  // dot: false) skips names starting with a dot, but the reader reads them, so the check fails on
  // files the site never uses: macOS's `._ko.mdx` (AppleDouble, binary: "not UTF-8") on a shared
  // drive, or a hidden `.draft.yaml` kept beside the events. it.fails passes while the bug is
  // there: make it it() once it is fixed.
  it('skips hidden files, as Astro\'s loaders do', () => {
    write(`${release}/._ko.mdx`, Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63, 0xff, 0xfe]));
    write('events/.draft.yaml', 'name: x\n');
    expect(readContent(content).problems).toEqual([]);
  });

  it('reports a file that is not UTF-8 once, and does not read it further', () => {
    write('people/adam-yi.yaml', Buffer.concat([Buffer.from('name:\n  ko: '), Buffer.from([0xbc, 0xad, 0xbf, 0xef]), Buffer.from('\n')]));
    const read = readContent(content);
    expect(summary(read.problems)).toEqual([[shown('people/adam-yi.yaml'), 'encoding']]);
    expect(read.ids.people?.has('adam-yi')).toBe(true);
  });
});

describe('organizations', () => {
  it('reports a parent cycle on each organization in it', () => {
    edit('organizations/taipei-city-government.yaml', (text) => `${text}parent: taipei-doit\n`);
    // An organization whose chain runs into the loop without being in it is not itself reported.
    edit('organizations/tca.yaml', (text) => `${text.replace(/^parent: .*\n/m, '')}parent: taipei-doit\n`);
    const error = contentError(() => readSiteContent(content, visibility));
    expect(error.problems).toEqual([
      {
        file: shown('organizations/taipei-city-government.yaml'),
        field: 'parent',
        problem: 'the parent chain comes back to this organization (taipei-city-government → taipei-doit → taipei-city-government)',
        fix: 'give the top organization of the chain no "parent", and check which one is really part of which',
        ko: { problem: '상위 기관을 따라가면 이 기관으로 되돌아옵니다(taipei-city-government → taipei-doit → taipei-city-government)', fix: '맨 위 기관에는 "parent"를 쓰지 말고, 어느 기관이 어느 기관에 속하는지 확인하세요' },
      },
      expect.objectContaining({
        file: shown('organizations/taipei-doit.yaml'),
        field: 'parent',
        problem: 'the parent chain comes back to this organization (taipei-doit → taipei-city-government → taipei-doit)',
      }),
    ]);
  });

  it('reports an organization that is its own parent', () => {
    edit('organizations/gosmart.yaml', (text) => `${text}parent: gosmart\n`);
    expect(contentError(() => readSiteContent(content, visibility)).problems.map((problem) => [problem.file, problem.problem])).toEqual([
      [shown('organizations/gosmart.yaml'), 'the parent chain comes back to this organization (gosmart → gosmart)'],
    ]);
  });
});

describe('every problem at once', () => {
  function breakEverything() {
    addToFrontmatter(`${release}/ko.mdx`, 'embarg0: 2023-04-03T09:00+09:00\n');
    edit(`${release}/en.mdx`, (text) => `${text}\n<Video src="x.mp4" />\n`);
    edit('events/scse-2023.yaml', (text) => text.replace('timeZone: Asia/Taipei', 'timeZone: Asia/Taipeh'));
    edit('mous/sdf-tca-2023.yaml', (text) => `${text}notes: a: b\n`);
    edit('organizations/gosmart.yaml', (text) => `${text}parent: nobody-at-all\n`);
    write('people/adam-yi.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xbc, 0xad]));
    edit(`${photo}.yaml`, (text) => text.replace('country: TW', 'country: tw'));
    mkdirSync(at('releases/Bad_Folder'));
  }
  const expected = () => [
    [shown(`${release}/ko.mdx`), 'embarg0'],
    [shown(`${release}/en.mdx`), `line ${lineOf(`${release}/en.mdx`, '<Video')}`],
    [shown('events/scse-2023.yaml'), 'timeZone'],
    [shown('mous/sdf-tca-2023.yaml'), `line ${lineOf('mous/sdf-tca-2023.yaml', 'notes:')}`],
    [shown('organizations/gosmart.yaml'), 'parent'],
    [shown('people/adam-yi.yaml'), 'encoding'],
    [shown(`${photo}.yaml`), 'place.country'],
    [shown('releases/Bad_Folder'), 'slug'],
  ];

  it('throws one ContentError naming every problem of every broken file', () => {
    breakEverything();
    const error = contentError(() => readSiteContent(content, visibility));
    expect(summary(error.problems)).toEqual(expect.arrayContaining(expected()));
    expect(error.problems).toHaveLength(expected().length);
    expect(error.message).toMatch(/^The content has 8 problems to fix before the site can be built:/);
    for (const problem of error.problems) expect(problem.ko?.problem, JSON.stringify(problem)).toMatch(/[가-힣]/);
  });

  it('does the same with the photo checks, adding what they find', async () => {
    breakEverything();
    writeFileSync(at(`${release}/photos/scse-2023-taipei-02-taipei-city-meeting.jpg`), 'not a photo at all\n');
    let error: unknown;
    try {
      await checkSiteContent(content, visibility, { maxPixels: 100_000_000, minLongSide: 1000 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(summary(problems)).toEqual(expect.arrayContaining([...expected(), [shown(`${release}/photos/scse-2023-taipei-02-taipei-city-meeting.yaml`), 'image']]));
    expect(problems).toHaveLength(expected().length + 1);
  });

  it('does not report a reference to a file that has problems of its own as unknown', () => {
    // The event is referenced by the releases and photos; its own problem is the only one reported.
    edit('events/scse-2023.yaml', (text) => text.replace('timeZone: Asia/Taipei', 'timeZone: Asia/Taipeh'));
    expect(summary(contentError(() => readSiteContent(content, visibility)).problems)).toEqual([[shown('events/scse-2023.yaml'), 'timeZone']]);
  });

  it('does not report a missing original for a release whose original cannot be read', () => {
    addToFrontmatter(`${release}/ko.mdx`, 'Draft: true\n');
    expect(summary(contentError(() => readSiteContent(content, visibility)).problems)).toEqual([[shown(`${release}/ko.mdx`), 'Draft']]);
  });
});
