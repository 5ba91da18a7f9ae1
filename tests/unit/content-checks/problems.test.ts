import { describe, expect, it } from 'vitest';
import { ContentError, formatProblem, formatProblems, throwIfProblems, type ContentProblem } from '../../../src/lib/content/problems';

const problems: ContentProblem[] = [
  {
    file: 'content/releases/a/ko.mdx',
    field: 'date',
    problem: 'is missing; the original-language file must set it',
    fix: 'add e.g. "date: 2023-04-03T09:00:00+09:00"',
    ko: { problem: '값이 없습니다', fix: '"date: 2023-04-03T09:00+09:00"처럼 쓰세요' },
  },
  {
    file: 'content/events/scse-2023.yaml',
    field: 'country',
    problem: 'must be two capital letters',
    fix: 'write TW',
    ko: { problem: '국가 코드가 아닙니다', fix: 'TW로 쓰세요' },
  },
  {
    file: 'content/releases/b/fr.mdx',
    problem: '"fr" is not one of the site\'s languages',
    fix: 'rename the file',
    ko: { problem: '"fr"은(는) 이 사이트의 언어가 아닙니다', fix: '파일 이름을 바꾸세요' },
  },
];

describe('ContentError', () => {
  it('lists every problem with its file, field and fix', () => {
    const error = new ContentError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ContentError');
    expect(error.problems).toBe(problems);
    expect(error.message).toContain('3 problems');
    for (const { file, field, problem, fix } of problems) {
      expect(error.message).toContain(file);
      expect(error.message).toContain(problem);
      expect(error.message).toContain(fix);
      if (field) expect(error.message).toContain(`field "${field}"`);
    }
    // Problems appear in the order given.
    const positions = problems.map(({ file }) => error.message.indexOf(file));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('says "problem" for one problem and does not invent a field', () => {
    const error = new ContentError([problems[2]!]);
    expect(error.message).toMatch(/has 1 problem to fix/);
    expect(error.message).not.toContain('field "');
  });

  it('formats one problem with file, field, problem and fix', () => {
    const text = formatProblem(problems[0]!);
    expect(text).toContain('content/releases/a/ko.mdx');
    expect(text).toContain('field "date"');
    expect(text.indexOf('is missing')).toBeGreaterThan(text.indexOf('content/releases/a/ko.mdx'));
    expect(text.indexOf('add e.g.')).toBeGreaterThan(text.indexOf('is missing'));
  });

  it('words the report in Korean, with the same files and fields, for a Korean press team', () => {
    const text = formatProblems(problems, 'ko');
    expect(text.split('\n')[0]).toBe('사이트를 만들기 전에 고쳐야 할 콘텐츠 문제가 3개 있습니다:');
    expect(text).toContain('content/releases/a/ko.mdx — 항목 "date": 값이 없습니다\n    → "date: 2023-04-03T09:00+09:00"처럼 쓰세요');
    expect(text).toContain('content/releases/b/fr.mdx: "fr"은(는) 이 사이트의 언어가 아닙니다');
    expect(text).not.toContain('is missing');
  });

  it('throwIfProblems throws only when there are problems', () => {
    expect(() => throwIfProblems([])).not.toThrow();
    expect(() => throwIfProblems(problems)).toThrow(ContentError);
  });
});
