/**
 * What the figures mean against the issue's targets: each of our figures as a ratio to the
 * anchors', and a verdict per target with the measured value.
 */
import type { BenchResults, BuildFigures, Target } from './report.ts';

/** A stage's time in a build, 0 when the build had no such stage. */
export const stageTime = (figures: BuildFigures, name: string) => figures.stages.find((candidate) => candidate.name === name)?.seconds ?? 0;

/** The pack stage's share of our cold build, and how it was known. */
function packStageInBuild(results: Measured): { seconds: number; note: string } {
  const packs = results.ours.cold.packs;
  if (!packs.present) return { seconds: 0, note: 'the site has no pack stage yet: none is added' };
  if (packs.seconds === undefined) return { seconds: results.packAlone.cold.seconds, note: 'pack stage timed alone, as it logs no time of its own' };
  return { seconds: packs.seconds, note: 'pack stage timed from its log' };
}

export type Measured = Omit<BenchResults, 'targets' | 'ratios'>;

/** Ratios to the anchors and each target's verdict, from the measured figures. */
export function evaluate(results: Measured): { targets: Target[]; ratios: BenchResults['ratios'] } {
  const { ours, bare, hugo, packAlone } = results;
  const cold = ours.cold;
  const imageSeconds = stageTime(cold, 'image generation');
  const { seconds: packSecondsInBuild, note: packNote } = packStageInBuild(results);
  // With stand-in photos the cold build lacks most of its image work; the rebuild target is about
  // the full site, so it is judged against the cold build with the full-size image estimate.
  const estimate = ours.fullSizeImageEstimate;
  const fullCold = estimate ? cold.wallSeconds - imageSeconds + estimate.seconds : cold.wallSeconds;
  const budget = bare ? 1.3 * (bare.wallSeconds + imageSeconds + packSecondsInBuild) : undefined;
  const pagesOnly = cold.wallSeconds - imageSeconds - packSecondsInBuild;
  const peak = Math.max(cold.peakRssBytes, ours.noChange.peakRssBytes, ours.oneEdit.peakRssBytes);
  const heaviest = [...ours.releasePages].sort((a, b) => b.html.bytes + b.css.bytes - (a.html.bytes + a.css.bytes))[0]!;
  const htmlCss = heaviest.html.bytes + heaviest.css.bytes;
  const scripts = Math.max(...ours.releasePages.map((page) => page.scripts + (page.js.bytes > 0 ? 1 : 0)));
  const ratios: BenchResults['ratios'] = {
    'cold build / bare Astro build': bare ? cold.wallSeconds / bare.wallSeconds : null,
    'cold build / Hugo build': hugo ? cold.wallSeconds / hugo.wallSeconds : null,
    'cold build / (bare Astro + our image and pack stages)': bare ? cold.wallSeconds / (bare.wallSeconds + imageSeconds + packSecondsInBuild) : null,
    'page work (cold minus image and pack stages) / Hugo build': hugo ? pagesOnly / hugo.wallSeconds : null,
    'page work / bare Astro build': bare ? pagesOnly / bare.wallSeconds : null,
    'pages per second / bare Astro': bare ? cold.pagesPerSecond / bare.pagesPerSecond : null,
    'pages per second / Hugo': hugo ? cold.pagesPerSecond / hugo.pagesPerSecond : null,
    'peak memory / bare Astro': bare ? cold.peakRssBytes / bare.peakRssBytes : null,
    'peak memory / Hugo': hugo ? cold.peakRssBytes / hugo.peakRssBytes : null,
    'no-change rebuild / cold build': ours.noChange.wallSeconds / cold.wallSeconds,
    'one-edit rebuild / cold build': ours.oneEdit.wallSeconds / cold.wallSeconds,
    'pack throughput / cp throughput': packAlone.throughputRatio,
  };
  const targets: Target[] = [
    {
      name: 'cold build',
      goal: '≤ 1.3 × (bare Astro MDX + our image and pack stages)',
      value: budget ? `${cold.wallSeconds.toFixed(1)} s vs ${budget.toFixed(1)} s allowed (${ratios['cold build / (bare Astro + our image and pack stages)']!.toFixed(2)}× of the sum)` : 'no bare Astro anchor',
      met: budget ? cold.wallSeconds <= budget : null,
      note: packNote,
    },
    {
      name: 'moonshot: pages vs Hugo',
      goal: 'page work within 5× of Hugo',
      value: hugo ? `${pagesOnly.toFixed(1)} s vs Hugo ${hugo.wallSeconds.toFixed(1)} s (${(pagesOnly / hugo.wallSeconds).toFixed(1)}×)` : 'no Hugo anchor',
      met: hugo ? pagesOnly <= 5 * hugo.wallSeconds : null,
    },
    {
      name: 'rebuild after one edit',
      goal: '≤ 25 % of the cold build',
      value:
        `${ours.oneEdit.wallSeconds.toFixed(1)} s = ${((ours.oneEdit.wallSeconds / cold.wallSeconds) * 100).toFixed(0)} % of this cold build` +
        (estimate ? `, ${((ours.oneEdit.wallSeconds / fullCold) * 100).toFixed(1)} % of the cold build with full-size photos (estimated ${fullCold.toFixed(0)} s)` : ''),
      met: ours.oneEdit.wallSeconds <= 0.25 * fullCold,
      note: estimate ? 'judged against the full-size estimate' : undefined,
    },
    {
      name: 'rebuild with no change',
      goal: 'no image re-encoded, no pack rebuilt',
      value: `${ours.noChange.images.encoded} images encoded, ${ours.noChange.packs.present ? `${ours.noChange.packs.written} packs written` : 'no pack stage yet'}`,
      met: ours.noChange.images.encoded === 0 && ours.noChange.packs.written === 0,
    },
    { name: 'peak memory', goal: '≤ 2.5 GB (whole process tree)', value: `${(peak / 1e9).toFixed(2)} GB`, met: peak <= 2.5e9 },
    {
      name: 'pack stage throughput',
      goal: '≥ 50 % of cp',
      value: `${(packAlone.throughputRatio * 100).toFixed(0)} %`,
      met: packAlone.throughputRatio >= 0.5,
    },
    {
      name: 'release page weight',
      goal: '≤ 40 KB HTML + CSS, no JavaScript',
      value: `${(htmlCss / 1000).toFixed(1)} KB (${heaviest.page}), ${scripts} scripts`,
      met: htmlCss <= 40_000 && scripts === 0,
    },
  ];
  return { targets, ratios };
}
