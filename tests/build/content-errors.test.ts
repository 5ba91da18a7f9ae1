import { describe, expect, it } from 'vitest';
import { brokenContentCases } from '../fixtures/broken-content';
import { buildSite, contentCopy } from '../helpers/build-site';

describe('broken content fails the build with a message a press officer can act on', () => {
  it.each(brokenContentCases)('$name', async ({ edits, file, field, env, says }) => {
    const result = await buildSite(await contentCopy(edits), env);
    expect(result.code).not.toBe(0);
    // Astro colours its output; the words are what the author reads.
    const output = result.output.replace(/\x1b\[[0-9;]*m/g, '');
    const lines = output.split('\n');
    const fieldPattern = new RegExp(`(field "|^\\s*)${field.replace('.', '\\.')}\\b`);
    // The file and the field must be named in the same error report, not just anywhere in the log.
    const reports = lines
      .map((line, index) => (line.includes(file) ? lines.slice(Math.max(0, index - 12), index + 3).join('\n') : undefined))
      .filter((report) => report !== undefined);
    expect(reports.length, `no line names ${file}:\n${output.slice(-3000)}`).toBeGreaterThan(0);
    const namesField = (report: string) => report.split('\n').some((line) => fieldPattern.test(line));
    expect(reports.some(namesField), output.slice(-3000)).toBe(true);
    if (says) expect(reports.some((report) => namesField(report) && report.includes(says)), output.slice(-3000)).toBe(true);
  });
});
