/** The languages content problems are worded in: the press team's own, or English. */
export type AuthorLanguage = 'en' | 'ko';

/** One thing wrong with the content, worded for the press officer who has to fix it. */
export interface ContentProblem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** Frontmatter field or line the problem is in, when there is one. */
  field?: string;
  /** What is wrong, in plain English words. */
  problem: string;
  /** What to do about it, in English. */
  fix: string;
  /** The same problem and fix in Korean, for a press team that reads its build log in Korean. */
  ko: { problem: string; fix: string };
}

const labels = {
  en: { field: 'field', summary: (count: number) => `The content has ${count} problem${count === 1 ? '' : 's'} to fix before the site can be built:` },
  ko: { field: '항목', summary: (count: number) => `사이트를 만들기 전에 고쳐야 할 콘텐츠 문제가 ${count}개 있습니다:` },
} as const;

/** "file — field "x": problem → fix", in the author's language (English where no Korean wording exists). */
export function formatProblem(problem: ContentProblem, language: AuthorLanguage = 'en'): string {
  const words = language === 'ko' && problem.ko ? problem.ko : problem;
  const field = problem.field ? ` — ${labels[language].field} "${problem.field}"` : '';
  return `${problem.file}${field}: ${words.problem}\n    → ${words.fix}`;
}

/** The whole report: how many problems, then each one, so authors can fix them all before building again. */
export function formatProblems(problems: readonly ContentProblem[], language: AuthorLanguage = 'en'): string {
  return `${labels[language].summary(problems.length)}\n\n${problems.map((problem) => formatProblem(problem, language)).join('\n\n')}`;
}

/** Every content problem found in one pass. Its message is in English; `formatProblems` words it for the author. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
  }
}

export function throwIfProblems(problems: ContentProblem[]): void {
  if (problems.length > 0) throw new ContentError(problems);
}
