import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenContentCases } from '../fixtures/broken-content';
import { contentCopy, runScript } from '../helpers/build-site';
import { treeDigest } from '../helpers/tree-digest';

/** Astro colours its output; the words are what the author reads. */
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '');

/** The file and the field must be named in the same error report, not just anywhere in the log. */
function namesFileAndField(output: string, file: string, field: string, says = ''): boolean {
  const lines = plain(output).split('\n');
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const fieldPattern = field === 'line'
    ? new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+|\\S* — field "line \\d+)`)
    : new RegExp(`(field "${escaped}"|^\\s*${escaped}: )`);
  return lines.some((line, index) => {
    if (!line.includes(file)) return false;
    const report = lines.slice(Math.max(0, index - 12), index + 3);
    return report.some((near) => fieldPattern.test(near)) && report.join('\n').includes(says);
  });
}

describe('the bad-content catalogue: npm run check (and so the build) fails with the file and field named', () => {
  let previousSite: string;
  let previousDigest: string;

  beforeAll(async () => {
    // Stands in for the last good site: a failed check must leave it exactly as it was.
    previousSite = await mkdtemp(join(tmpdir(), 'pressroom-previous-site-'));
    await mkdir(join(previousSite, 'ko'));
    await writeFile(join(previousSite, 'ko', 'index.html'), '<!doctype html><title>last good build</title>');
    previousDigest = treeDigest(previousSite);
  });

  it('has at least 20 kinds of broken input', () => {
    expect(brokenContentCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(brokenContentCases)('$name', async ({ edits, file, field, env, says }) => {
    const content = await contentCopy(edits);
    const contentDigest = treeDigest(content);
    const result = await runScript('check', [], { PRESS_CONTENT_DIR: content, PRESS_OUT_DIR: previousSite, ...env });
    expect(result.code, plain(result.output).slice(-2000)).not.toBe(0);
    expect(namesFileAndField(result.output, file, field, says), plain(result.output).slice(-3000)).toBe(true);
    expect(plain(result.output)).toMatch(/✗ (content files|build)/);
    expect(treeDigest(previousSite), 'the previous site was changed by a failed build').toBe(previousDigest);
    expect(treeDigest(content), 'the build wrote into the content folder').toBe(contentDigest);
  });
});
