/** One thing wrong with the content, worded for the press officer who has to fix it. */
export interface ContentProblem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** Frontmatter field or line the problem is in, when there is one. */
  field?: string;
  /** What is wrong, in plain words. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

export function formatProblem({ file, field, problem, fix }: ContentProblem): string {
  return `${file}${field ? ` — field "${field}"` : ''}: ${problem}\n    → ${fix}`;
}

/** Every content problem found in one pass, so authors can fix them all before building again. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `The content has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before the site can be built:\n\n` +
        problems.map(formatProblem).join('\n\n'),
    );
    this.name = 'ContentError';
  }
}

export function throwIfProblems(problems: ContentProblem[]): void {
  if (problems.length > 0) throw new ContentError(problems);
}
