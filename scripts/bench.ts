/**
 * Build benchmark at newsroom scale: generates a synthetic corpus outside `content/`, builds our
 * site on it cold, unchanged and after one edit, measures each stage from the build's own log,
 * the photo-pack stage alone against `cp`, the output's size and a release page's weight, profiles
 * a page build, and builds the same corpus with Hugo and with a bare Astro + MDX site. Writes every
 * figure, its ratio to the anchors and each target's verdict to a Markdown file and a JSON file.
 *
 * Usage: npm run bench -- [options]
 *   --releases N        releases in the corpus (default 1000), each in every language
 *   --out FILE          results in Markdown (default bench/results.md; JSON beside it)
 *   --photo-size WxH    size of the photo originals (default 3000x2000)
 *   --skip-images       build the site with small stand-in photos (the image stage at full size
 *                       takes hours at N = 1000 on 2 cores); packs alone still use the originals
 *   --skip-bare         do not build the bare Astro anchor
 *   --skip-hugo         do not build the Hugo anchor (otherwise Debian's hugo is installed when
 *                       missing and we run as root)
 *   --skip-profile      do not record a CPU profile
 *   --work DIR          working folder (default bench/.work; emptied per run, gitignored)
 *   --keep              keep the corpus, outputs and logs in the working folder
 *   --from-json FILE    measure nothing: judge the figures of an earlier run's JSON again and
 *                       write its Markdown (after a change to the targets or the report)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { locales } from '../src/i18n/locales.ts';
import { parseBuildLog, findStage, stageAt, stageSeconds, PACK_LABEL, SEARCH_LABEL, type BuildLog } from './bench/build-log.ts';
import { corpusPlan, editRelease, writeCorpus, type Corpus } from './bench/corpus.ts';
import { summarizeProfiles } from './bench/cpu-profile.ts';
import { writeBareAstroSite } from './bench/bare-astro.ts';
import { ensureHugo, writeHugoSite } from './bench/hugo-site.ts';
import { benchCacheDir, ensureOriginals, originalPath, type PhotoSize } from './bench/originals.ts';
import { comparePackStage } from './bench/pack-stage.ts';
import { missingFigures, renderMarkdown, type AnchorFigures, type BenchResults, type BuildFigures } from './bench/report.ts';
import { evaluate, stageTime, type Measured } from './bench/targets.ts';
import { runCommand, type CommandRun } from './bench/run-command.ts';
import { folderSize, listFiles, pageWeight } from './bench/site-weight.ts';

const projectRoot = resolve(import.meta.dirname, '..');
const STAND_IN_SIZE: PhotoSize = { width: 240, height: 160 };
const started = performance.now();

function log(line: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
}

interface Options {
  releases: number;
  out: string;
  photoSize: PhotoSize;
  skipImages: boolean;
  skipBare: boolean;
  skipHugo: boolean;
  skipProfile: boolean;
  work: string;
  keep: boolean;
  fromJson?: string;
  argv: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      releases: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'bench/results.md' },
      'photo-size': { type: 'string', default: '3000x2000' },
      'skip-images': { type: 'boolean', default: false },
      'skip-bare': { type: 'boolean', default: false },
      'skip-hugo': { type: 'boolean', default: false },
      'skip-profile': { type: 'boolean', default: false },
      work: { type: 'string', default: 'bench/.work' },
      keep: { type: 'boolean', default: false },
      'from-json': { type: 'string' },
    },
  });
  const releases = Number(values.releases);
  if (!Number.isInteger(releases) || releases < 1) throw new Error(`--releases must be a whole number of at least 1, not "${values.releases}"`);
  const size = /^(\d+)x(\d+)$/.exec(values['photo-size']!);
  if (!size) throw new Error(`--photo-size must look like 3000x2000, not "${values['photo-size']}"`);
  return {
    releases,
    out: resolve(projectRoot, values.out!),
    photoSize: { width: Number(size[1]), height: Number(size[2]) },
    skipImages: values['skip-images']!,
    skipBare: values['skip-bare']!,
    skipHugo: values['skip-hugo']!,
    skipProfile: values['skip-profile']!,
    work: resolve(projectRoot, values.work!),
    keep: values.keep!,
    fromJson: values['from-json'] ? resolve(projectRoot, values['from-json']) : undefined,
    argv: argv.join(' '),
  };
}

const htmlPages = (dir: string) => listFiles(dir).filter((file) => file.endsWith('.html')).length;

function failIfFailed(run: CommandRun, what: string): void {
  if (run.code === 0) return;
  const tail = run.lines.slice(-40).map((line) => line.text).join('\n');
  throw new Error(`${what} failed (exit ${run.code}); the end of its output:\n${tail}`);
}

/** ZIPs in the output, and how many were written during this build rather than linked from a cache. */
function zipsIn(dir: string, since: number): { zips: number; written: number } {
  const zips = listFiles(dir).filter((file) => file.endsWith('.zip'));
  return { zips: zips.length, written: zips.filter((file) => statSync(file).mtimeMs >= since).length };
}

interface SiteDirs {
  content: string;
  out: string;
  cache: string;
}

async function buildOurs(dirs: SiteDirs, label: string, logFile: string, extraEnv: Record<string, string> = {}): Promise<{ run: CommandRun; figures: BuildFigures; log: BuildLog }> {
  log(`our site: ${label} build`);
  const since = Date.now();
  const run = await runCommand('npm', ['run', 'build', '--silent'], {
    cwd: projectRoot,
    logFile,
    env: { PRESS_CONTENT_DIR: dirs.content, PRESS_OUT_DIR: dirs.out, PRESS_CACHE_DIR: dirs.cache, ...extraEnv },
  });
  failIfFailed(run, `Our site's ${label} build`);
  const parsed = parseBuildLog(run.lines, run.wallSeconds);
  const pages = htmlPages(dirs.out);
  const packStage = findStage(parsed, PACK_LABEL);
  // The pack stage says how many packs it built; without that line, ZIPs newer than the build are.
  const packsBuilt = run.lines.map((line) => /built (\d+)(?:;|,)/.exec(line.text)?.[1]).find(Boolean);
  const zips = { ...zipsIn(dirs.out, since), ...(packStage && packsBuilt !== undefined ? { written: Number(packsBuilt) } : {}) };
  const searchStage = findStage(parsed, SEARCH_LABEL);
  const hasSearchIndex = existsSync(join(dirs.out, 'pagefind'));
  const afterAstro = parsed.stages.find((stage) => stage.name === 'after astro build (other commands)')?.seconds;
  const figures: BuildFigures = {
    wallSeconds: run.wallSeconds,
    peakRssBytes: run.peakRssBytes,
    peakStage: stageAt(parsed.stages, run.peakAtMs / 1000),
    pages,
    pagesPerSecond: pages / run.wallSeconds,
    stages: parsed.stages,
    images: parsed.images,
    rendered: parsed.pages.rendered,
    restored: parsed.pages.restored,
    packs: {
      present: zips.zips > 0 || packStage !== undefined,
      ...zips,
      seconds: packStage ? stageSeconds(packStage) : undefined,
      source: packStage ? `its log ([${packStage.label}])` : zips.zips > 0 ? 'inside page generation (no log of its own)' : 'no pack stage in this build',
    },
    search: {
      present: hasSearchIndex || searchStage !== undefined,
      seconds: searchStage ? stageSeconds(searchStage) : hasSearchIndex ? afterAstro : undefined,
      source: searchStage ? `its log ([${searchStage.label}])` : hasSearchIndex ? 'time after astro build' : 'no search index in this build',
    },
  };
  log(`  ${run.wallSeconds.toFixed(1)} s, ${(run.peakRssBytes / 1e9).toFixed(2)} GB peak, ${pages} pages, ${parsed.images.encoded} images encoded, ${parsed.images.reused} reused`);
  return { run, figures, log: parsed };
}

async function buildAnchor(name: string, file: string, args: string[], cwd: string, outDir: string, logFile: string, env: Record<string, string> = {}): Promise<AnchorFigures> {
  log(`${name}: cold build`);
  const run = await runCommand(file, args, { cwd, logFile, env });
  failIfFailed(run, `The ${name} build`);
  const pages = htmlPages(outDir);
  log(`  ${run.wallSeconds.toFixed(1)} s, ${(run.peakRssBytes / 1e9).toFixed(2)} GB peak, ${pages} pages`);
  return { wallSeconds: run.wallSeconds, peakRssBytes: run.peakRssBytes, pages, pagesPerSecond: pages / run.wallSeconds };
}

/** Astro's caches of content and rendered pages; the rest of the cache (images, packs) is kept. */
const PAGE_CACHES = ['data-store.json', 'data-store', 'incremental-build.json', 'dist', 'content'];

async function profilePageBuild(dirs: SiteDirs, workDir: string) {
  for (const name of PAGE_CACHES) await rm(join(dirs.cache, name), { recursive: true, force: true });
  const profileDir = join(workDir, 'profile');
  await mkdir(profileDir, { recursive: true });
  await buildOurs(dirs, 'profiled (pages cold, images cached)', join(workDir, 'ours-profile.log'), {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim(),
  });
  return summarizeProfiles(profileDir);
}

function machine(loadBefore: number, hugo?: string): BenchResults['machine'] {
  const astro = JSON.parse(readFileSync(join(projectRoot, 'node_modules/astro/package.json'), 'utf8')) as { version: string };
  let os: string = process.platform;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // Not Linux, or no os-release: the platform name will do.
  }
  return {
    cores: cpus().length,
    memoryBytes: totalmem(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    astro: astro.version,
    hugo,
    os,
    loadBefore,
    loadAfter: loadavg()[0]!,
    date: new Date().toISOString(),
  };
}

interface ImageRecord {
  photoSize: string;
  photos: number;
  seconds: number;
  date: string;
}

const imageRecordFile = () => join(benchCacheDir(), 'image-stage.json');
const sizeLabel = (size: PhotoSize) => `${size.width}x${size.height}`;

async function readImageRecords(): Promise<ImageRecord[]> {
  try {
    return JSON.parse(await readFile(imageRecordFile(), 'utf8')) as ImageRecord[];
  } catch {
    return [];
  }
}

/** Keeps the cold image-stage time of full-size runs, so a --skip-images run can estimate its own. */
async function recordImageStage(record: ImageRecord): Promise<void> {
  const records = [...(await readImageRecords()), record].slice(-20);
  await mkdir(benchCacheDir(), { recursive: true });
  await writeFile(imageRecordFile(), JSON.stringify(records, null, 2));
}

async function writeResults(results: BenchResults, out: string): Promise<void> {
  const markdown = renderMarkdown(results);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, markdown);
  await writeFile(out.replace(/\.md$/, '') + '.json', `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(markdown);
  log(`results written to ${relative(projectRoot, out)} and its .json`);
}

async function rejudge(file: string, out: string): Promise<void> {
  const { targets: _targets, ratios: _ratios, ...measured } = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
  await writeResults({ ...(measured as Measured), ...evaluate(measured as Measured) }, out);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.fromJson) return rejudge(options.fromJson, options.out);
  const loadBefore = loadavg()[0]!;
  const plan = corpusPlan(options.releases);
  const workDir = join(options.work, `run-${options.releases}`);
  log(`${options.releases} releases × ${locales.length} languages, ${plan.photos} photos; working in ${relative(projectRoot, workDir) || workDir}`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });

  const hugoVersion = options.skipHugo ? undefined : ensureHugo(log);
  const full = await ensureOriginals(plan.photos, options.photoSize, log);
  const standIns = options.skipImages ? await ensureOriginals(plan.photos, STAND_IN_SIZE, log) : undefined;
  const siteOriginals = standIns ?? full;
  log('writing the corpus');
  const corpus: Corpus = await writeCorpus({
    sampleContentDir: join(projectRoot, 'content'),
    dir: join(workDir, 'corpus'),
    releases: options.releases,
    originalFor: (n) => originalPath(siteOriginals.dir, n),
  });
  const fullOriginal = (release: Corpus['list'][number], n: number) => originalPath(full.dir, corpus.list.indexOf(release) * release.photoIds.length + n);
  const originalsBytes = corpus.list.reduce((sum, release) => sum + release.photoIds.reduce((inner, _, n) => inner + statSync(fullOriginal(release, n)).size, 0), 0);

  const dirs: SiteDirs = { content: corpus.dir, out: join(workDir, 'ours/dist'), cache: join(workDir, 'ours/cache') };
  // `npm run build` stages its output beside the target folder, so the parent must exist.
  await mkdir(dirname(dirs.out), { recursive: true });
  const cold = await buildOurs(dirs, 'cold', join(workDir, 'ours-cold.log'));
  const dist = folderSize(dirs.out);
  const sample = corpus.list[0]!;
  const releasePages = locales.map((locale) => pageWeight(dirs.out, `/${locale.path}/releases/${sample.slug}/`));
  const noChange = await buildOurs(dirs, 'no-change', join(workDir, 'ours-no-change.log'));
  const edited = corpus.list[Math.floor(corpus.list.length / 2)]!;
  const editedFile = await editRelease(edited, 'Correction: this sentence was added by the benchmark to measure a rebuild after one edit.');
  const oneEdit = await buildOurs(dirs, 'one-edit', join(workDir, 'ours-one-edit.log'));
  const profile = options.skipProfile ? [] : await profilePageBuild(dirs, workDir);

  let fullSizeImageEstimate: BenchResults['ours']['fullSizeImageEstimate'];
  const coldImages = stageTime(cold.figures, 'image generation');
  if (!options.skipImages && cold.figures.images.encoded > 0) {
    await recordImageStage({ photoSize: sizeLabel(options.photoSize), photos: plan.photos, seconds: coldImages, date: new Date().toISOString() });
  } else if (options.skipImages) {
    const record = (await readImageRecords()).filter((entry) => entry.photoSize === sizeLabel(options.photoSize)).at(-1);
    if (record) {
      fullSizeImageEstimate = {
        seconds: (record.seconds / record.photos) * plan.photos,
        from: `${(record.seconds / record.photos).toFixed(2)} s per photo in a full-size run of ${record.photos} photos on ${record.date.slice(0, 10)}, × ${plan.photos} photos`,
      };
    }
  }

  log('photo packs alone, and cp of the same originals');
  const packAlone = await comparePackStage(corpus, join(workDir, 'packs'), fullOriginal);

  let bare: AnchorFigures | null = null;
  if (!options.skipBare) {
    const site = join(workDir, 'bare/site');
    await writeBareAstroSite(corpus.dir, site, projectRoot);
    const out = join(workDir, 'bare/dist');
    bare = await buildAnchor('bare Astro', process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', site], site, out, join(workDir, 'bare.log'), {
      PRESS_OUT_DIR: out,
      PRESS_CACHE_DIR: join(workDir, 'bare/cache'),
    });
  }
  let hugo: AnchorFigures | null = null;
  if (!options.skipHugo) {
    const site = join(workDir, 'hugo/site');
    await mkdir(site, { recursive: true });
    await writeHugoSite(corpus.dir, site, 'https://press.sdf.example.org');
    const out = join(workDir, 'hugo/dist');
    hugo = await buildAnchor('Hugo', 'hugo', ['--source', site, '--destination', out, '--cacheDir', join(workDir, 'hugo/cache')], site, out, join(workDir, 'hugo.log'));
  }

  const partial = {
    machine: machine(loadBefore, hugoVersion),
    memoryMeasure: cold.run.peakMeasure,
    options: { ...options, photoSize: sizeLabel(options.photoSize) },
    corpus: {
      releases: corpus.releases,
      languages: locales.length,
      events: corpus.events,
      mous: corpus.mous,
      photos: corpus.photos,
      photoSize: sizeLabel(options.photoSize),
      originalsBytes,
      standIns: options.skipImages,
    },
    ours: {
      cold: cold.figures,
      noChange: noChange.figures,
      oneEdit: { ...oneEdit.figures, editedFile: relative(corpus.dir, editedFile) },
      dist,
      releasePages,
      profile,
      fullSizeImageEstimate,
    },
    packAlone,
    bare,
    hugo,
  };
  const results: BenchResults = { ...partial, ...evaluate(partial) };
  const missing = missingFigures(results).filter((name) => !(options.skipProfile && name === 'profile'));
  await writeResults(results, options.out);
  if (!options.keep) await rm(workDir, { recursive: true, force: true });
  if (missing.length > 0) throw new Error(`some figures could not be measured: ${missing.join(', ')}`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
