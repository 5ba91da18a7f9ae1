/**
 * The benchmark's results: one JSON document (for tests and later comparison) and the Markdown
 * that people read, with every figure, its ratio to the anchors and each target's verdict.
 */
import type { ImageStats, Stage } from './build-log.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import type { PackComparison } from './pack-stage.ts';
import type { FolderSize, PageWeight } from './site-weight.ts';

export interface Machine {
  cores: number;
  memoryBytes: number;
  cpu: string;
  node: string;
  astro: string;
  hugo?: string;
  os: string;
  /** 1-minute load average before and after the run: other work on the machine. */
  loadBefore: number;
  loadAfter: number;
  date: string;
}

export interface BuildFigures {
  wallSeconds: number;
  peakRssBytes: number;
  /** The stage during which memory peaked. */
  peakStage?: string;
  /** HTML files in the output. */
  pages: number;
  pagesPerSecond: number;
  stages: Stage[];
  images: ImageStats;
  /** Pages rendered and pages restored from Astro's incremental cache. */
  rendered: number;
  restored: number;
  /** Pack stage as seen in this build: ZIPs in the output, built or reused, and its logged time. */
  packs: { present: boolean; zips: number; written: number; seconds?: number; source: string };
  search: { present: boolean; seconds?: number; source: string };
}

export interface AnchorFigures {
  wallSeconds: number;
  peakRssBytes: number;
  pages: number;
  pagesPerSecond: number;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  machine: Machine;
  /** How peak memory was measured; runs before PSS sampling have none and summed RSS. */
  memoryMeasure?: 'PSS' | 'RSS';
  options: Record<string, unknown>;
  corpus: { releases: number; languages: number; events: number; mous: number; photos: number; photoSize: string; originalsBytes: number; standIns: boolean };
  ours: {
    cold: BuildFigures;
    noChange: BuildFigures;
    oneEdit: BuildFigures & { editedFile: string };
    dist: FolderSize;
    releasePages: PageWeight[];
    profile: ProfileSummary[];
    /** Image stage at full photo size, estimated from an earlier run where this one used stand-ins. */
    fullSizeImageEstimate?: { seconds: number; from: string };
  };
  packAlone: PackComparison;
  bare: AnchorFigures | null;
  hugo: AnchorFigures | null;
  ratios: Record<string, number | null>;
  targets: Target[];
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const s = (seconds: number) => (seconds >= 120 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(1)} s`);
const ratio = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}×`);
const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : '**missed**');

function buildRow(name: string, figures: BuildFigures): string {
  const encoded = `${figures.images.encoded} encoded, ${figures.images.reused} reused`;
  const packs = figures.packs.present ? `${figures.packs.zips} ZIPs, ${figures.packs.written} written` : 'no pack stage';
  return `| ${name} | ${s(figures.wallSeconds)} | ${gb(figures.peakRssBytes)}${figures.peakStage ? ` (${figures.peakStage})` : ''} | ${figures.pages} | ${figures.pagesPerSecond.toFixed(1)} | ${figures.rendered} rendered, ${figures.restored} restored | ${encoded} | ${packs} |`;
}

function stageTable(figures: BuildFigures): string[] {
  return [
    '| stage | time | measured by |',
    '| --- | --- | --- |',
    ...figures.stages.map((stage) => `| ${stage.name} | ${s(stage.seconds)} | ${stage.source === 'timer' ? 'Astro’s own timer' : 'log line times'} |`),
    `| photo packs | ${figures.packs.seconds === undefined ? 'n/a' : s(figures.packs.seconds)} | ${figures.packs.source} |`,
    `| search index | ${figures.search.seconds === undefined ? 'n/a' : s(figures.search.seconds)} | ${figures.search.source} |`,
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, corpus, ours, packAlone, bare, hugo, ratios, targets } = results;
  const cold = ours.cold;
  const imageFormats = Object.entries(cold.images.secondsByFormat)
    .map(([format, seconds]) => `${format} ${s(seconds)}`)
    .join(', ');
  const lines = [
    '# Build benchmark results',
    '',
    `Run of \`${['npm run bench', results.options.argv].filter(Boolean).join(' -- ')}\` on ${machine.date}.`,
    '',
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpu}), ${gb(machine.memoryBytes)} memory, ${machine.os}`,
    `- Node ${machine.node}, Astro ${machine.astro}${machine.hugo ? `, ${machine.hugo}` : ''}`,
    `- load average (1 min) ${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter.toFixed(2)} after: ` +
      (Math.max(machine.loadBefore, machine.loadAfter) > machine.cores
        ? 'other work shared the CPU, so times are noisy (slower than on an idle machine)'
        : 'the machine was mostly idle'),
    '',
    '## Corpus',
    '',
    `${corpus.releases} releases × ${corpus.languages} languages, ${corpus.events} events, ${corpus.mous} MoUs, ${corpus.photos} photos ` +
      `(${corpus.photoSize} JPEG originals, ${mb(corpus.originalsBytes)}${corpus.standIns ? '; the site was built with small stand-ins for them (--skip-images), packs measured alone use the originals' : ''}).`,
    '',
    '## Our site',
    '',
    `| build | wall | peak ${results.memoryMeasure ?? 'RSS'} of the process tree (during) | pages | pages/s | pages | images | packs |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    buildRow('cold (empty caches)', cold),
    buildRow('no change', ours.noChange),
    buildRow('one release edited', ours.oneEdit),
    '',
    `Cold build by stage (image encoding summed over workers: ${imageFormats || 'none'}):`,
    '',
    ...stageTable(cold),
    '',
    ...(ours.fullSizeImageEstimate
      ? [`Image stage at full photo size, estimated: ${s(ours.fullSizeImageEstimate.seconds)} (${ours.fullSizeImageEstimate.from}).`, '']
      : []),
    `Output: ${mb(ours.dist.bytes)} in ${ours.dist.files} files (` +
      Object.entries(ours.dist.byKind)
        .map(([kind, bytes]) => `${kind} ${mb(bytes)}`)
        .join(', ') +
      ').',
    '',
    'Release page weight before images:',
    '',
    '| page | HTML (inline CSS) | CSS files | JS | fonts | total | total gzip | scripts |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...ours.releasePages.map(
      (page) =>
        `| ${page.page} | ${kb(page.html.bytes)} (${kb(page.inlineCss)}) | ${kb(page.css.bytes)} | ${kb(page.js.bytes)} | ${kb(page.fonts.bytes)} | ${kb(page.total.bytes)} | ${kb(page.total.gzip)} | ${page.scripts} |`,
    ),
    '',
    '## Photo packs measured alone',
    '',
    `${packAlone.cold.packs} packs (${packAlone.cold.rebuilt} built) from ${mb(packAlone.cold.originalBytes)} of originals, ${mb(packAlone.cold.writtenBytes)} written, in ${s(packAlone.cold.seconds)}: ` +
      `${(packAlone.cold.originalBytes / 1e6 / packAlone.cold.seconds).toFixed(1)} MB/s; \`cp\` of the same originals ${s(packAlone.cpSeconds)}: ` +
      `${(packAlone.cold.originalBytes / 1e6 / packAlone.cpSeconds).toFixed(1)} MB/s; ratio ${(packAlone.throughputRatio * 100).toFixed(0)} %.` +
      (packAlone.cold.pressCopySeconds === undefined
        ? ''
        : ` Of the pack time, press copies (exiftool, a release's photos at once) took ${s(packAlone.cold.pressCopySeconds)} and hashing and zipping ${s(packAlone.cold.zipSeconds)}.`),
    '',
    // The target counts each original once, but every photo is written three times (its press
    // copy, its release's ZIP, its event's ZIP): the bytes written per second say how far the
    // stage is from the disk's speed.
    `Counted by bytes written instead: ${(packAlone.cold.writtenBytes / 1e6 / packAlone.cold.seconds).toFixed(1)} MB/s, ` +
      `${((packAlone.cold.writtenBytes / packAlone.cold.seconds / (packAlone.cold.originalBytes / packAlone.cpSeconds)) * 100).toFixed(0)} % of \`cp\`'s rate ` +
      `(${(packAlone.cold.writtenBytes / packAlone.cold.originalBytes).toFixed(1)} bytes written per byte of original).`,
    '',
    '## Anchors on the same corpus',
    '',
    `| site | wall | peak ${results.memoryMeasure ?? 'RSS'} (tree) | pages | pages/s |`,
    '| --- | --- | --- | --- | --- |',
    `| ours, cold | ${s(cold.wallSeconds)} | ${gb(cold.peakRssBytes)} | ${cold.pages} | ${cold.pagesPerSecond.toFixed(1)} |`,
    bare ? `| bare Astro 7 + MDX | ${s(bare.wallSeconds)} | ${gb(bare.peakRssBytes)} | ${bare.pages} | ${bare.pagesPerSecond.toFixed(1)} |` : '| bare Astro 7 + MDX | skipped | | | |',
    hugo ? `| Hugo | ${s(hugo.wallSeconds)} | ${gb(hugo.peakRssBytes)} | ${hugo.pages} | ${hugo.pagesPerSecond.toFixed(1)} |` : '| Hugo | skipped | | | |',
    '',
    'Ours as a ratio to theirs:',
    '',
    '| figure | ratio |',
    '| --- | --- |',
    ...Object.entries(ratios).map(([name, value]) => `| ${name} | ${ratio(value)} |`),
    '',
    '## Targets',
    '',
    '| target | goal | measured | verdict |',
    '| --- | --- | --- | --- |',
    ...targets.map((target) => `| ${target.name} | ${target.goal} | ${target.value}${target.note ? ` (${target.note})` : ''} | ${verdict(target.met)} |`),
    '',
    'Why a target is missed, and the levers tried: docs/decisions.md, “Build benchmark”. Figures move by up to ±30 % ' +
      'between runs when other builds share the CPU (see the load average above).',
    '',
    '## Where the time goes (CPU profile of a page build with warm image cache)',
    '',
    ...profileLines(ours.profile),
  ];
  return `${lines.join('\n')}\n`;
}

function profileLines(profiles: ProfileSummary[]): string[] {
  const main = profiles[0];
  if (!main) return ['No profile was recorded.'];
  const others = profiles.slice(1).filter((profile) => profile.busySeconds > 0.5);
  return [
    `Busiest process: ${s(main.totalSeconds)} sampled, of which ${s(main.busySeconds)} running JavaScript or GC and ${s(main.idleSeconds)} waiting ` +
      `(I/O, native threads such as sharp's)${others.length > 0 ? `; other processes ran ${others.map((profile) => s(profile.busySeconds)).join(', ')}` : ''}. Shares are of the running time.`,
    '',
    '| module | self time | share |',
    '| --- | --- | --- |',
    ...main.topModules.map((entry) => `| ${entry.name} | ${s(entry.seconds)} | ${(entry.share * 100).toFixed(1)} % |`),
    '',
    '| function | self time | share |',
    '| --- | --- | --- |',
    ...main.topFunctions.map((entry) => `| \`${entry.name.replace(/\|/g, '\\|')}\` | ${s(entry.seconds)} | ${(entry.share * 100).toFixed(1)} % |`),
  ];
}

/** The figures every results file must have; the test checks them in a real run's JSON. */
export function missingFigures(results: BenchResults): string[] {
  const missing: string[] = [];
  const need = (label: string, value: unknown) => {
    if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) missing.push(label);
  };
  for (const [name, build] of Object.entries({ cold: results.ours.cold, noChange: results.ours.noChange, oneEdit: results.ours.oneEdit })) {
    need(`${name}.wallSeconds`, build.wallSeconds);
    need(`${name}.peakRssBytes`, build.peakRssBytes || undefined);
    need(`${name}.pagesPerSecond`, build.pagesPerSecond);
    need(`${name}.images.encoded`, build.images.encoded);
  }
  need('cold image stage', results.ours.cold.stages.find((stage) => stage.name === 'image generation')?.seconds);
  need('cold page generation', results.ours.cold.stages.find((stage) => stage.name === 'page generation')?.seconds);
  need('dist bytes', results.ours.dist.bytes || undefined);
  need('release page weight', results.ours.releasePages[0]?.total.bytes);
  need('pack stage seconds', results.packAlone.cold.seconds);
  need('pack/cp throughput', results.packAlone.throughputRatio);
  need('profile', results.ours.profile[0]?.busySeconds || undefined);
  for (const target of results.targets) need(`target ${target.name}`, target.value);
  return missing;
}
