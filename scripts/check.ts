/**
 * `npm run check`: everything a press officer runs before pushing. Steps run in order and stop at
 * the first failure (later steps need a built site); a short summary ends the output, and the exit
 * code is non-zero when anything failed.
 */
import { buildNow } from '../src/lib/content/clock';
import { ContentError, formatProblems } from '../src/lib/content/problems';
import { authorLanguage, contentDir, mediaSettings, outDir as outDirSetting, photoSizeSettings, SettingsError, siteUrl } from '../src/settings';
import { buildAtomically, stoppedMessage } from './lib/atomic-output';
import { builtPagePaths } from '../src/lib/after-build/built-files';
import { checkLinks } from './lib/link-check';
import { buildSite } from './lib/site-build';
import { serveSite } from './lib/static-server';
import { astro, exitCodeFor, run, stopRequested } from './lib/run';

type Outcome = { ok: boolean; detail: string };
interface Step {
  name: string;
  run: () => Promise<Outcome>;
}

// Every setting the steps read (the build's too), checked before any step runs and before the
// content modules load below: site.config.ts reads some as it loads, and a bad value thrown there
// would end this script with a stack trace instead of the message that names the fix.
let settings: { outDir: string; contentDir: string; now: Date; photoSizes: { maxPixels: number; minLongSide: number }; language: 'en' | 'ko' };
try {
  settings = { outDir: outDirSetting(), contentDir: contentDir(), now: buildNow(), photoSizes: photoSizeSettings(), language: authorLanguage() };
  siteUrl();
  mediaSettings();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { outDir, contentDir: content, now, photoSizes, language } = settings;
const { checkSiteContent } = await import('../src/lib/content/reader');

const steps: Step[] = [
  {
    name: 'content files',
    run: async () => {
      // The same check, with the same list, as the first step of the build.
      try {
        await checkSiteContent(content, { now, includeDrafts: false }, photoSizes);
        return { ok: true, detail: 'schemas, references, dates, photos, paths, MDX' };
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        console.error(formatProblems(error.problems, language));
        return { ok: false, detail: `${error.problems.length} problem(s)` };
      }
    },
  },
  {
    name: 'build',
    run: async () => {
      const outcome = await buildAtomically(outDir, buildSite);
      const stop = stopRequested();
      if (stop) {
        console.error(`\n${stoppedMessage(outcome, outDir)}`);
        process.exit(exitCodeFor(stop));
      }
      const ok = outcome === 'built';
      return { ok, detail: ok ? `site in ${outDir}/` : outcome === 'refused' ? `not started; ${outDir}/ untouched` : `${outDir}/ keeps the last good site` };
    },
  },
  {
    name: 'links',
    run: async () => {
      // Served the way a host serves it, from every page, so pages no menu links to and
      // #fragments are checked too (the same check the browser tests run).
      const site = await serveSite(outDir);
      try {
        const { pages, checked, broken } = await checkLinks(site.url, builtPagePaths(outDir));
        for (const link of broken) console.error(`broken: ${link}`);
        return { ok: broken.length === 0, detail: `${pages} pages, ${checked} internal links, images and fragments, ${broken.length} broken` };
      } finally {
        await site.close();
      }
    },
  },
  {
    name: 'types',
    run: async () => {
      const ok = (await astro(['check'])) === 0;
      return { ok, detail: ok ? 'astro check: no errors' : 'astro check reported errors' };
    },
  },
  {
    name: 'translations',
    run: async () => {
      // Missing and outdated translations are information, not failures: releases may go out in Korean first.
      const ok = (await run(process.execPath, ['--import', 'tsx', 'scripts/translations.ts'])) === 0;
      return { ok, detail: 'see the list above' };
    },
  },
];

const summary: string[] = [];
let failed = false;
for (const step of steps) {
  if (failed) {
    summary.push(`  – ${step.name}: skipped (fix the problems above first)`);
    continue;
  }
  console.log(`\n== ${step.name}`);
  const outcome = await step.run().catch((error: unknown): Outcome => ({ ok: false, detail: String(error) }));
  summary.push(`  ${outcome.ok ? '✓' : '✗'} ${step.name}: ${outcome.detail}`);
  failed ||= !outcome.ok;
}
console.log(`\nSummary\n${summary.join('\n')}\n${failed ? 'Not ready to publish.' : 'Ready to publish.'}`);
process.exit(failed ? 1 : 0);
