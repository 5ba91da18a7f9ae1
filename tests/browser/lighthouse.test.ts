import { describe, expect, inject, test } from 'vitest';
import { locales } from '../../src/i18n/locales';
import { paths } from '../../src/lib/view/urls';
import { lighthouseCategories, runLighthouse } from '../helpers/lighthouse';
import { useServedSite } from '../helpers/served-pages';
import { sampleIds } from './page-types';

/** The issue's bar for the release page, on Lighthouse's mobile preset; not to be lowered. */
const minimumScore = 95;

describe('Lighthouse (mobile) on the release page', () => {
  const session = useServedSite();

  test.each(locales)('scores at least 95 in every category in $code', async (locale) => {
    const url = new URL(paths.release(locale.code, sampleIds.release), session.site.url).href;
    const report = await runLighthouse(inject('chromiumPath'), url);
    const figures = lighthouseCategories.map((category) => `${category} ${report.scores[category]}`).join(', ');
    const metrics = Object.entries(report.metrics)
      .map(([id, value]) => `${id} ${id === 'cumulative-layout-shift' ? value.toFixed(3) : `${Math.round(value)} ms`}`)
      .join(', ');
    console.log(`lighthouse ${locale.code} ${new URL(url).pathname}: ${figures} (benchmarkIndex ${Math.round(report.benchmarkIndex)}${report.prioritized ? ', Chromium at autogroup nice -20' : ''})\n  ${metrics}${report.failedAudits.length ? `\n  audits losing points: ${report.failedAudits.join('; ')}` : ''}`);
    for (const category of lighthouseCategories) expect(report.scores[category], `${category}: ${report.failedAudits.join('; ')}`).toBeGreaterThanOrEqual(minimumScore);
  });
});
