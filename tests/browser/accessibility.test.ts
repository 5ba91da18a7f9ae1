import { afterAll, describe, expect, test } from 'vitest';
import { runAxe } from '../helpers/axe';
import { useBrowserSession } from '../helpers/served-pages';
import { pageLabel, samplePages } from './page-types';

const session = useBrowserSession();
const pages = samplePages();
let violations = 0;

describe('axe-core, WCAG 2.1 A and AA', () => {
  test.each(pages.map((sample) => [pageLabel(sample), sample] as const))('finds no violation on %s', async (label, sample) => {
    const { page, problems, close } = await session.visit(sample.path);
    const report = await runAxe(page);
    violations += report.violations.length;
    expect(report.rulesPassed, `axe ran no rule on ${label}`).toBeGreaterThan(0);
    expect(report.violations, label).toEqual([]);
    expect(problems, label).toEqual([]);
    await close();
  });

  afterAll(() => console.log(`axe (WCAG 2.1 A/AA): ${pages.length} pages checked, ${violations} violations`));
});
