/**
 * The benchmark's results: one JSON document (for tests and later comparison) and the Markdown
 * that people read, with every figure, its ratio to the anchors and each target's verdict.
 */
import type { MediaStageReport } from '../../src/lib/media/stage.ts';
import type { DeployLog, Stage } from './build-log.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import type { CloneSetup } from './newsroom-repo.ts';
import type { PressThroughput, Throughput } from './press-throughput.ts';
import type { FolderSize, PageWeight } from './site-weight.ts';

export interface Machine {
  cores: number;
  memoryBytes: number;
  cpu: string;
  node: string;
  astro: string;
  hugo?: string;
  gitLfs?: string;
  os: string;
  /** 1-minute load average before and after the run: other work on the machine. */
  loadBefore: number;
  loadAfter: number;
  date: string;
}

/** The media stage as one build ran it: its own report, and how long its process took. */
export interface MediaFigures extends MediaStageReport {
  /** From the build's start to the stage's last line: the stage with npm's and its process's start-up. */
  spanSeconds: number;
}

/** One `npm run build`. */
export interface BuildFigures {
  wallSeconds: number;
  peakPssBytes: number;
  /** The stage during which memory peaked. */
  peakStage?: string;
  /** HTML files in the output. */
  pages: number;
  pagesPerSecond: number;
  stages: Stage[];
  /** Pages rendered and pages restored from Astro's incremental cache. */
  rendered: number;
  restored: number;
  media: MediaFigures;
  /** Wall time minus the media stage: Astro, placing media (local store), the search index. */
  pageWorkSeconds: number;
  search: { seconds?: number; source: string };
}

/** One `npm run deploy:media`: what it reports of itself, and what the bucket's files show. */
export interface DeployFigures extends DeployLog {
  wallSeconds: number;
  peakPssBytes: number;
  /** Media objects the server stored during the run, from its files. */
  written: { count: number; bytes: number };
  /** The store's own files written (records and the like, under `_pressroom/`), not counted above. */
  bookkeeping: string[];
}

/** A build followed by its upload. */
export interface BuildAndDeploy {
  /** Build and upload together. */
  wallSeconds: number;
  /** The higher of the two. */
  peakPssBytes: number;
  build: BuildFigures;
  deploy: DeployFigures;
}

export interface AnchorFigures {
  wallSeconds: number;
  peakPssBytes: number;
  pages: number;
  pagesPerSecond: number;
}

export interface Target {
  name: string;
  /** The issue that set the target. */
  issue: number;
  goal: string;
  value: string;
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  machine: Machine;
  /** How peak memory was measured: PSS, or RSS where the system reports no PSS. */
  memoryMeasure: 'PSS' | 'RSS';
  options: Record<string, unknown>;
  corpus: { releases: number; languages: number; events: number; mous: number; photos: number; photoSize: string; originalsBytes: number };
  ours: {
    /** Empty caches and an empty bucket: `npm run build`, then `npm run deploy:media`. */
    cold: BuildAndDeploy;
    /** The same again with nothing changed. */
    noChange: BuildAndDeploy;
    /** A fresh clone with originals as Git LFS pointers, empty caches, the populated bucket: `npm run build`. */
    bucketClone: {
      wallSeconds: number;
      peakPssBytes: number;
      imagesEncoded: number;
      zipsBuilt: number;
      originalsFetched: number;
      originalBytesFetched: number;
      build: BuildFigures;
      setup: CloneSetup;
    };
    /** In that clone, one release's photo caption and body edited, the caches restored as the workflow does. */
    oneEdit: {
      wallSeconds: number;
      peakPssBytes: number;
      build: BuildFigures;
      deploy: DeployFigures;
      edited: { release: string; photo: string; event: string; files: string[] };
      /** Keys the upload wrote, the keys of that release's changed media, and the differences. */
      upload: { keys: string[]; expected: string[]; unexpected: string[]; missing: string[] };
    };
    /** The cold build's dist/, with media in the bucket: pages only. */
    pagesOnlyDist: FolderSize;
    /** The bucket after the cold upload. */
    bucket: { objects: number; bytes: number };
    releasePages: PageWeight[];
    profile: ProfileSummary[];
  };
  pressThroughput: PressThroughput;
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
const count = (n: number) => n.toLocaleString('en-US');

function buildRow(name: string, build: BuildFigures): string {
  const media = build.media;
  const made =
    `${count(media.imagesEncoded)} images encoded, ${count(media.pressCopiesBuilt)} press copies, ${count(media.zipsBuilt)} ZIPs built; ` +
    `${count(media.originalsFetched)} originals fetched (${mb(media.originalBytesFetched)}), ${count(media.downloadedFromStore)} downloaded from the bucket`;
  return (
    `| ${name} | ${s(build.wallSeconds)} | ${s(build.media.spanSeconds)} | ${s(build.pageWorkSeconds)} | ` +
    `${gb(build.peakPssBytes)}${build.peakStage ? ` (${build.peakStage})` : ''} | ${build.pages} | ${build.rendered} rendered, ${build.restored} restored | ${made} |`
  );
}

function deployRow(name: string, deploy: DeployFigures): string {
  return (
    `| ${name} | ${s(deploy.wallSeconds)} | ${gb(deploy.peakPssBytes)} | ${count(deploy.uploaded.count)} (${deploy.uploaded.megabytes.toFixed(1)} MB), ${count(deploy.copied.count)} copied in the bucket | ` +
    `${count(deploy.skipped.count)} (${deploy.skipped.megabytes.toFixed(1)} MB) | ${count(deploy.unreferenced)} | ${count(deploy.written.count)} objects, ${mb(deploy.written.bytes)}${deploy.bookkeeping.length > 0 ? ` + ${deploy.bookkeeping.map((key) => `\`${key}\``).join(', ')}` : ''} |`
  );
}

function stageTable(build: BuildFigures): string[] {
  return [
    '| stage | time | measured by |',
    '| --- | --- | --- |',
    ...build.stages.map((stage) => `| ${stage.name} | ${s(stage.seconds)} | ${stage.source === 'timer' ? 'Astro’s own timer' : 'log line times'} |`),
    `| search index | ${build.search.seconds === undefined ? 'n/a' : s(build.search.seconds)} | ${build.search.source} |`,
  ];
}

function mediaPhases(media: MediaStageReport): string {
  const { read, fetch, webImages, pressCopies, zips } = media.phaseSeconds;
  return (
    `reading content and hashes ${s(read)}, fetching originals ${s(fetch)}, web images ${s(webImages)} and press copies ${s(pressCopies)} (at the same time), ZIPs ${s(zips)}; ` +
    `${s(media.seconds)} by its own clock. Written: web images ${mb(media.bytesWritten.webImages)}, press copies ${mb(media.bytesWritten.pressCopies)}, ZIPs ${mb(media.bytesWritten.zips)}.`
  );
}

function throughputLine(name: string, figures: Throughput, cpRate: number): string {
  return (
    `| ${name} | ${count(figures.pressCopies)} press copies, ${count(figures.zips)} ZIPs | ${mb(figures.bytesWritten)} | ` +
    `${s(figures.pressCopySeconds)} + ${s(figures.zipSeconds)}${figures.syncSeconds > 0 ? ` + flush ${s(figures.syncSeconds)}` : ''} | ` +
    `${(figures.bytesWritten / 1e6 / figures.seconds).toFixed(1)} MB/s | ${(cpRate / 1e6).toFixed(1)} MB/s | ${(figures.ratioToCp * 100).toFixed(0)} % |`
  );
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, corpus, ours, pressThroughput, bare, hugo, ratios, targets } = results;
  const cold = ours.cold;
  const cpRate = pressThroughput.cp.bytes / pressThroughput.cp.seconds;
  const dist = ours.pagesOnlyDist;
  const lines = [
    '# Build benchmark results',
    '',
    `Run of \`${['npm run bench', results.options.argv].filter(Boolean).join(' -- ')}\` on ${machine.date}.`,
    '',
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpu}), ${gb(machine.memoryBytes)} memory, ${machine.os}`,
    `- Node ${machine.node}, Astro ${machine.astro}${machine.hugo ? `, ${machine.hugo}` : ''}${machine.gitLfs ? `, ${machine.gitLfs}` : ''}`,
    `- load average (1 min) ${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter.toFixed(2)} after: ` +
      (Math.max(machine.loadBefore, machine.loadAfter) > machine.cores
        ? 'other work shared the CPU, so times are noisy (slower than on an idle machine)'
        : 'the machine was mostly idle'),
    '',
    '## Corpus',
    '',
    `${count(corpus.releases)} releases × ${corpus.languages} languages, ${corpus.events} events, ${corpus.mous} MoUs, ${count(corpus.photos)} photos ` +
      `(${corpus.photoSize} JPEG originals, ${mb(corpus.originalsBytes)}).`,
    '',
    '## Targets',
    '',
    '| target | issue | goal | measured | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...targets.map((target) => `| ${target.name} | ${target.issue} | ${target.goal} | ${target.value}${target.note ? ` (${target.note})` : ''} | ${verdict(target.met)} |`),
    '',
    'Why a target is missed: docs/decisions/0060-benchmark-targets.md; the levers tried: bench/diary.md. Figures move by up to ±30 % ' +
      'between runs when other builds share the CPU (see the load average above).',
    '',
    '## Our site',
    '',
    'Every run uses the S3 backend against the benchmark’s own s3rver on 127.0.0.1 (its own process, not measured). ' +
      'The cold and no-change runs build the corpus in place; the fresh-clone runs build a git clone of the project whose `content/` is the corpus, ' +
      'with every original a Git LFS pointer.',
    '',
    `| \`npm run build\` | wall | media stage | page work (the rest) | peak ${results.memoryMeasure} of the process tree (during) | HTML pages | routes | media |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    buildRow('cold: empty caches, empty bucket', cold.build),
    buildRow('no change', ours.noChange.build),
    buildRow('fresh clone, pointers, populated bucket (CI)', ours.bucketClone.build),
    buildRow('one release edited in that clone (CI)', ours.oneEdit.build),
    '',
    `| \`npm run deploy:media\` | wall | peak ${results.memoryMeasure} | uploaded (as it reports) | already there | unreferenced | media written into the bucket (its files), and the store’s own files |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    deployRow('after the cold build', cold.deploy),
    deployRow('after the no-change build', ours.noChange.deploy),
    deployRow('after the one-edit build', ours.oneEdit.deploy),
    '',
    `Truly cold, build and upload: ${s(cold.wallSeconds)} (build ${s(cold.build.wallSeconds)}, upload ${s(cold.deploy.wallSeconds)}); ` +
      `the bucket then held ${count(ours.bucket.objects)} objects, ${mb(ours.bucket.bytes)}.`,
    '',
    `Media stage of the cold build: ${mediaPhases(cold.build.media)}`,
    '',
    'Cold build by stage:',
    '',
    ...stageTable(cold.build),
    '',
    `The fresh clone: committing the project and corpus took ${s(ours.bucketClone.setup.commitSeconds)}, pushing it ${s(ours.bucketClone.setup.pushSeconds)} ` +
      `(${count(ours.bucketClone.setup.lfsObjects)} originals, ${mb(ours.bucketClone.setup.lfsBytes)} in the remote's LFS store), cloning with pointers only ${s(ours.bucketClone.setup.cloneSeconds)}; none of it is in the build's time.`,
    '',
    `One release edited: ${ours.oneEdit.edited.files.join(', ')} (release ${ours.oneEdit.edited.release}, photo ${ours.oneEdit.edited.photo}, event ${ours.oneEdit.edited.event}); ` +
      'restored before the build as the publish workflow does: Astro’s cache from the fresh-clone build, and of the media cache only its JSON files (records, original hashes), not its objects. Media stage: ' +
      mediaPhases(ours.oneEdit.build.media),
    '',
    `The upload after it wrote: ${ours.oneEdit.upload.keys.map((key) => `\`${key}\``).join(', ') || 'nothing'}` +
      (ours.oneEdit.upload.unexpected.length > 0 ? `; not that release's changed media: ${ours.oneEdit.upload.unexpected.map((key) => `\`${key}\``).join(', ')}` : '') +
      (ours.oneEdit.upload.missing.length > 0 ? `; expected but not written: ${ours.oneEdit.upload.missing.map((key) => `\`${key}\``).join(', ')}` : '') +
      '.',
    '',
    `Pages-only dist/ (cold build): ${mb(dist.bytes)} in ${count(dist.files)} files; largest ${dist.largestFile} (${mb(dist.largestFileBytes)}); by kind: ` +
      Object.entries(dist.byKind)
        .map(([kind, bytes]) => `${kind} ${mb(bytes)}`)
        .join(', ') +
      '.',
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
    '## Press copies and ZIPs against `cp`',
    '',
    `\`cp\` of the ${count(corpus.photos)} originals (${mb(pressThroughput.cp.bytes)}), flushed to disk: ${s(pressThroughput.cp.seconds)}. ` +
      'The media stage counted by the bytes it writes (each photo goes into its press copy, its release’s ZIP and its event’s ZIP), from its own report:',
    '',
    '| run | made | written | press copies + ZIPs | rate | `cp` | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    throughputLine('the stage alone, web images already made (judged)', pressThroughput.alone, cpRate),
    throughputLine('inside the cold build, beside web image encoding', pressThroughput.inBuild, cpRate),
    '',
    'Inside the build, press copies share the two cores with web image encoding, so that phase is as long as the CPU share it got, not as its own work; ' +
      'the stage alone does the same work with nothing beside it.',
    '',
    '## Anchors on the same corpus',
    '',
    `| site | wall | peak ${results.memoryMeasure} (tree) | pages | pages/s |`,
    '| --- | --- | --- | --- | --- |',
    `| ours, cold build | ${s(cold.build.wallSeconds)} | ${gb(cold.build.peakPssBytes)} | ${cold.build.pages} | ${cold.build.pagesPerSecond.toFixed(1)} |`,
    `| ours, page work of the cold build | ${s(cold.build.pageWorkSeconds)} | | | |`,
    bare ? `| bare Astro 7 + MDX | ${s(bare.wallSeconds)} | ${gb(bare.peakPssBytes)} | ${bare.pages} | ${bare.pagesPerSecond.toFixed(1)} |` : '| bare Astro 7 + MDX | skipped | | | |',
    hugo ? `| Hugo | ${s(hugo.wallSeconds)} | ${gb(hugo.peakPssBytes)} | ${hugo.pages} | ${hugo.pagesPerSecond.toFixed(1)} |` : '| Hugo | skipped | | | |',
    '',
    'Ours as a ratio to theirs:',
    '',
    '| figure | ratio |',
    '| --- | --- |',
    ...Object.entries(ratios).map(([name, value]) => `| ${name} | ${ratio(value)} |`),
    '',
    '## Where the time goes (CPU profile of a build with Astro’s cache emptied, media made)',
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
      `(I/O, native threads)${others.length > 0 ? `; other processes ran ${others.map((profile) => s(profile.busySeconds)).join(', ')}` : ''}. Shares are of the running time.`,
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

/** The figures every results file must have (issue 11's keys among them); the test checks them in a real run's JSON. */
export function missingFigures(results: BenchResults): string[] {
  const missing: string[] = [];
  const need = (label: string, value: unknown) => {
    if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) missing.push(label);
  };
  const positive = (label: string, value: number | undefined) => need(label, value ? value : undefined);
  need('corpus.releases', results.corpus?.releases);
  positive('ours.cold.wallSeconds', results.ours.cold.wallSeconds);
  positive('ours.cold.peakPssBytes', results.ours.cold.peakPssBytes);
  positive('ours.bucketClone.wallSeconds', results.ours.bucketClone.wallSeconds);
  need('ours.bucketClone.imagesEncoded', results.ours.bucketClone.imagesEncoded);
  need('ours.bucketClone.zipsBuilt', results.ours.bucketClone.zipsBuilt);
  need('ours.bucketClone.originalBytesFetched', results.ours.bucketClone.originalBytesFetched);
  positive('ours.bucketClone.peakPssBytes', results.ours.bucketClone.peakPssBytes);
  positive('ours.oneEdit.wallSeconds', results.ours.oneEdit.wallSeconds);
  positive('ours.pagesOnlyDist.bytes', results.ours.pagesOnlyDist.bytes);
  positive('ours.pagesOnlyDist.files', results.ours.pagesOnlyDist.files);
  positive('ours.pagesOnlyDist.largestFileBytes', results.ours.pagesOnlyDist.largestFileBytes);
  if (results.bare) positive('bare.wallSeconds', results.bare.wallSeconds);
  for (const [name, build] of Object.entries({ cold: results.ours.cold.build, noChange: results.ours.noChange.build, bucketClone: results.ours.bucketClone.build, oneEdit: results.ours.oneEdit.build })) {
    positive(`${name} build wall`, build.wallSeconds);
    positive(`${name} build peak memory`, build.peakPssBytes);
    positive(`${name} media stage span`, build.media.spanSeconds);
    need(`${name} page work`, build.pageWorkSeconds);
  }
  need('cold page generation', results.ours.cold.build.stages.find((stage) => stage.name === 'page generation')?.seconds);
  positive('release page weight', results.ours.releasePages[0]?.total.bytes);
  positive('cp seconds', results.pressThroughput.cp.seconds);
  need('press copies + ZIPs alone vs cp', results.pressThroughput.alone.ratioToCp);
  need('press copies + ZIPs in the build vs cp', results.pressThroughput.inBuild.ratioToCp);
  positive('profile', results.ours.profile[0]?.busySeconds);
  for (const target of results.targets) need(`target ${target.name}`, target.value);
  return missing;
}
