/**
 * Pages in src/pages/ only wire a route (src/lib/routes/) to a layout and a component: markup
 * lives in src/components/, so what each page type shows can be found and shared. Forty lines
 * leaves room for a page's imports and getStaticPaths, not for its markup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 40;
const pagesDir = join(import.meta.dirname, '../../../src/pages');

const pageFiles = readdirSync(pagesDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(pagesDir, join(entry.parentPath, entry.name)))
  .sort();

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
  const newlines = text.split('\n').length - 1;
  return text === '' || text.endsWith('\n') ? newlines : newlines + 1;
}

describe('src/pages', () => {
  it('holds the pages we expect, so the check below is not vacuous', () => {
    expect(pageFiles).toEqual(expect.arrayContaining(['index.astro', '404.astro', '[lang]/events/[id].astro', '[lang]/organizations/[id].astro', '[lang]/releases/[slug].astro']));
  });

  it.each(pageFiles)(`%s is at most ${MAX_LINES} lines`, (file) => {
    expect(lineCount(readFileSync(join(pagesDir, file), 'utf8'))).toBeLessThanOrEqual(MAX_LINES);
  });

  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });
});
