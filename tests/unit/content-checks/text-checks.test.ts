import { describe, expect, it } from 'vitest';
import { unsafeBodyProblems, unsafeTextProblems } from '../../../src/lib/content/text-checks';

describe('unsafeTextProblems', () => {
  it('passes ordinary text in every language, with typographic marks and plain direction marks', () => {
    const data = {
      title: '서울디지털재단, SCSE 2023서 “네트워킹” — 臺北 · Taipei',
      summary: 'Line one\nline two\n',
      caption: { ko: '첫째 줄\n둘째 줄', en: 'Tab\tinside running text', 'zh-Hant': '臺北\u200E' },
      tags: ['스마트시티', 'SCSE'],
      date: new Date('2023-04-03T00:00:00Z'),
      draft: false,
      founded: 1974,
      parent: null,
      people: [{ person: { id: 'kang-yo-sik', collection: 'people' }, position: 'far-left' }],
    };
    expect(unsafeTextProblems('f.yaml', data)).toEqual([]);
  });

  it.each([
    ['\u0000', 'U+0000'],
    ['\u0007', 'U+0007'],
    ['\u000B', 'U+000B'],
    ['\u001B', 'U+001B'],
    ['\u007F', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u009F', 'U+009F'],
  ])('reports the control character %j with its code point, in both languages', (char, code) => {
    expect(unsafeTextProblems('r.mdx', { title: `Seoul${char}Pavilion` })).toEqual([
      {
        file: 'r.mdx',
        field: 'title',
        problem: `holds an invisible control character (${code})`,
        fix: expect.stringContaining('hidden characters'),
        ko: { problem: `보이지 않는 제어 문자(${code})가 들어 있습니다`, fix: expect.stringContaining('숨은 문자') },
      },
    ]);
  });

  it('reports control characters in running text too, where line breaks are fine', () => {
    expect(unsafeTextProblems('f.yaml', { summary: 'one\ntwo\u0008' })).toEqual([
      expect.objectContaining({ field: 'summary', problem: 'holds an invisible control character (U+0008)' }),
    ]);
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])(
    'reports the direction control %j, which makes a name read differently from its letters',
    (char) => {
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`;
      const [problem, ...others] = unsafeTextProblems('f.yaml', { caption: { en: `Kang ${char}kis-oY` } });
      expect(others).toEqual([]);
      expect(problem).toMatchObject({
        field: 'caption.en',
        problem: `holds a character that reverses the reading direction (${code})`,
        ko: { problem: `글자 방향을 뒤집는 문자(${code})가 들어 있습니다` },
      });
    },
  );

  it('reports a line break in a single-line field, but not one at its end', () => {
    expect(unsafeTextProblems('f.yaml', { title: 'Seoul\nPavilion' })).toEqual([
      expect.objectContaining({ field: 'title', problem: 'runs over more than one line', ko: expect.objectContaining({ problem: '여러 줄로 되어 있습니다' }) }),
    ]);
    for (const separator of ['\r', '\u2028', '\u2029']) {
      expect(unsafeTextProblems('f.yaml', { creator: `Sisa${separator}Times` }), JSON.stringify(separator)).toEqual([
        expect.objectContaining({ field: 'creator', problem: 'runs over more than one line' }),
      ]);
    }
    // A YAML block scalar (`title: |`) ends with a line break: nothing is wrong with it.
    expect(unsafeTextProblems('f.yaml', { title: 'Seoul Pavilion\n' })).toEqual([]);
  });

  it('reports a tab in a single-line field as a control character, and allows it in running text', () => {
    expect(unsafeTextProblems('f.yaml', { byline: 'Press\tteam' })).toEqual([
      expect.objectContaining({ field: 'byline', problem: 'holds an invisible control character (U+0009)' }),
    ]);
    expect(unsafeTextProblems('f.yaml', { description: { ko: '표\t안' } })).toEqual([]);
  });

  it.each(['summary', 'description', 'caption', 'alt', 'address', 'scope'])('lets %s run over several lines, at any depth below it', (field) => {
    expect(unsafeTextProblems('f.yaml', { [field]: 'a\nb' })).toEqual([]);
    expect(unsafeTextProblems('f.yaml', { [field]: { ko: 'a\nb' } })).toEqual([]);
    expect(unsafeTextProblems('f.yaml', { [field]: [{ ko: 'a\nb' }] })).toEqual([]);
  });

  it('names the full path of the field, list positions included, and reports every string that has a problem', () => {
    const data = {
      title: 'ok',
      tags: ['fine', 'bro\u0000ken'],
      signatories: [{ title: { ko: '이사장', en: 'Chair\nman' } }],
      place: { city: { ko: '타이\u202E베이' } },
    };
    expect(unsafeTextProblems('content/mous/x.yaml', data).map((problem) => [problem.file, problem.field])).toEqual([
      ['content/mous/x.yaml', 'tags.1'],
      ['content/mous/x.yaml', 'signatories.0.title.en'],
      ['content/mous/x.yaml', 'place.city.ko'],
    ]);
  });

  it('reports the control character before the line break when a string has both', () => {
    expect(unsafeTextProblems('f.yaml', { title: 'a\nb\u0001' })[0]!.problem).toBe('holds an invisible control character (U+0001)');
  });

  it('checks a bare string, and nothing in values that are not text', () => {
    expect(unsafeTextProblems('f.yaml', 'x\u0000', ['title'])).toEqual([expect.objectContaining({ field: 'title' })]);
    expect(unsafeTextProblems('f.yaml', undefined)).toEqual([]);
    expect(unsafeTextProblems('f.yaml', 42)).toEqual([]);
  });
});

describe('unsafeBodyProblems', () => {
  it('passes a body with tabs, CRLF line ends, blank lines and direction marks', () => {
    expect(unsafeBodyProblems('r.mdx', '본문\r\n\r\n| a\t| b |\r\nشكرا\u200F\n', 10)).toEqual([]);
  });

  it('reports each line with a control or direction character, numbered as in the file', () => {
    const body = ['first', 'bell\u0007', 'fine', 'over\u202Eride', 'del\u007F'].join('\n');
    const problems = unsafeBodyProblems('r.mdx', body, 20);
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      ['line 21', 'holds an invisible control character (U+0007)'],
      ['line 23', 'holds a character that reverses the reading direction (U+202E)'],
      ['line 24', 'holds an invisible control character (U+007F)'],
    ]);
    expect(problems[0]).toMatchObject({ file: 'r.mdx', fix: expect.stringContaining('retype the line'), ko: { problem: '보이지 않는 제어 문자(U+0007)가 들어 있습니다', fix: expect.stringContaining('그 줄을 다시 입력') } });
  });

  it('counts from the line the body starts on', () => {
    expect(unsafeBodyProblems('r.mdx', 'x\u0000', 1)[0]!.field).toBe('line 1');
    expect(unsafeBodyProblems('r.mdx', '\n\nx\u0000', 7)[0]!.field).toBe('line 9');
  });
});
