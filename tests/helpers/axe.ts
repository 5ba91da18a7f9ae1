import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 level A and AA rules (2.0 rules carry only the 2.0 tags, so all four are needed). */
const wcag21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeReport {
  /** One readable line per violated rule, naming the elements. */
  violations: string[];
  /** Rules that ran and passed: zero would mean axe did not really run. */
  rulesPassed: number;
}

/** Runs axe-core's WCAG 2.1 A/AA rules on the loaded page. */
export async function runAxe(page: Page): Promise<AxeReport> {
  const results = await new AxeBuilder({ page }).withTags(wcag21AA).analyze();
  return {
    violations: results.violations.map(
      (violation) => `${violation.id} (${violation.impact}): ${violation.help}; at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
    rulesPassed: results.passes.length,
  };
}
