/**
 * Build benchmark at newsroom scale: generates a synthetic corpus outside `content/` and measures,
 * with media in an S3 bucket (the benchmark's own s3rver on 127.0.0.1):
 *
 * - cold: empty caches and an empty bucket, `npm run build` then `npm run deploy:media`;
 * - the pages-only `dist/` that build leaves, and a release page's weight;
 * - no change: both again;
 * - the CI case: a fresh git clone of the project with the corpus as `content/`, every original a
 *   Git LFS pointer, empty caches, the populated bucket: `npm run build`;
 * - one edit in that clone (a photo caption and a release body), the caches restored as the
 *   publish workflow restores them (Astro's cache, the media stage's JSON files, not its objects):
 *   `npm run build`, `npm run deploy:media`, and what it uploaded;
 * - press copies and ZIPs against `cp`, from the media stage's own report;
 * - optionally a CPU profile of a build with Astro's cache emptied;
 * - the same corpus with Hugo and with a bare Astro + MDX site.
 *
 * Stages are timed from the build's own log, memory as the peak PSS of each command's process tree.
 * Writes every figure, its ratio to the anchors and each target's verdict to Markdown and JSON.
 *
 * Usage: npm run bench -- [options]
 *   --releases N        releases in the corpus (default 1000), each in every language
 *   --out FILE          results in Markdown (default bench/results.md; JSON beside it)
 *   --photo-size WxH    size of the photo originals (default 3000x2000)
 *   --skip-bare         do not build the bare Astro anchor
 *   --skip-hugo         do not build the Hugo anchor (otherwise Debian's hugo is installed when
 *                       missing and we run as root)
 *   --skip-profile      do not record a CPU profile
 *   --work DIR          working folder (default bench/.work; emptied per run, gitignored)
 *   --keep              keep the corpus, outputs, bucket and logs in the working folder
 *   --from-json FILE    measure nothing: judge the figures of an earlier run's JSON again and
 *                       write its Markdown (after a change to the targets or the report)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { locales } from '../src/i18n/locales.ts';
import type { MediaManifest } from '../src/lib/media/manifest.ts';
import type { MediaStageReport } from '../src/lib/media/stage.ts';
import { MANIFEST_FILE, REPORT_FILE } from '../src/lib/media/stage-files.ts';
import { isBookkeeping } from '../src/lib/media/store.ts';
import { findStage, MEDIA_STAGE, parseBuildLog, parseDeployLog, SEARCH_LABEL, stageAt, stageSeconds } from './lib/build-log.ts';
import { corpusPlan, editPhotoCaption, editRelease, releaseIn, writeCorpus, type Corpus } from './lib/corpus.ts';
import { summarizeProfiles } from './lib/cpu-profile.ts';
import { writeBareAstroSite } from './lib/bare-astro.ts';
import { ensureHugo, writeHugoSite } from './lib/hugo-site.ts';
import { makeNewsroomClone, requireGitLfs } from './lib/newsroom-repo.ts';
import { ensureOriginals, originalPath, type PhotoSize } from './lib/originals.ts';
import { copyBaseline, pressAndZipsAlone, throughput } from './lib/press-throughput.ts';
import { missingFigures, renderMarkdown, type AnchorFigures, type BenchResults, type BuildAndDeploy, type BuildFigures, type DeployFigures } from './lib/report.ts';
import { listBucket, startBucket, writtenBetween, type BenchBucket } from './lib/s3-server.ts';
import { evaluate, type Measured } from './lib/targets.ts';
import { runCommand, type CommandRun } from './lib/run-command.ts';
import { folderSize, listFiles, pageWeight } from './lib/site-weight.ts';

const projectRoot = resolve(import.meta.dirname, '..');
const started = performance.now();

function log(line: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
}

interface Options {
  releases: number;
  out: string;
  photoSize: PhotoSize;
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
    skipBare: values['skip-bare']!,
    skipHugo: values['skip-hugo']!,
    skipProfile: values['skip-profile']!,
    work: resolve(projectRoot, values.work!),
    keep: values.keep!,
    fromJson: values['from-json'] ? resolve(projectRoot, values['from-json']) : undefined,
    argv: argv.join(' '),
  };
}

/** PSS, unless a run found the system reports none (then summed RSS). */
let memoryMeasure: 'PSS' | 'RSS' = 'PSS';

const measured = (run: CommandRun) => {
  if (run.peakMeasure === 'RSS') memoryMeasure = 'RSS';
  return run;
};

const htmlPages = (dir: string) => listFiles(dir).filter((file) => file.endsWith('.html')).length;

function failIfFailed(run: CommandRun, what: string): void {
  if (run.code === 0) return;
  const tail = run.lines.slice(-40).map((line) => line.text).join('\n');
  throw new Error(`${what} failed (exit ${run.code}); the end of its output:\n${tail}`);
}

/** Where one checkout of the site builds: the folder `npm` runs in, and its content, output and caches. */
interface Site {
  cwd: string;
  content: string;
  out: string;
  astroCache: string;
  mediaCache: string;
  /** Everything else the commands need: the bucket's settings, git's. */
  env: Record<string, string>;
}

const siteEnv = (site: Site): Record<string, string> => ({
  ...site.env,
  PRESS_CONTENT_DIR: site.content,
  PRESS_OUT_DIR: site.out,
  PRESS_CACHE_DIR: site.astroCache,
  PRESS_MEDIA_CACHE_DIR: site.mediaCache,
});

/** The media stage's report of this build; one left from an earlier build would mislead. */
async function stageReport(site: Site, since: number): Promise<MediaStageReport> {
  const file = join(site.mediaCache, REPORT_FILE);
  if (!existsSync(file) || statSync(file).mtimeMs < since) throw new Error(`the build wrote no media stage report (${file})`);
  return JSON.parse(await readFile(file, 'utf8')) as MediaStageReport;
}

async function buildOurs(site: Site, label: string, logFile: string, extraEnv: Record<string, string> = {}): Promise<BuildFigures> {
  log(`our site: ${label}: npm run build`);
  const since = Date.now() - 1000;
  const run = measured(await runCommand('npm', ['run', 'build', '--silent'], { cwd: site.cwd, logFile, env: { ...siteEnv(site), ...extraEnv } }));
  failIfFailed(run, `Our site's ${label} build`);
  const parsed = parseBuildLog(run.lines, run.wallSeconds);
  const report = await stageReport(site, since);
  const mediaStage = parsed.stages.find((stage) => stage.name === MEDIA_STAGE);
  if (!mediaStage) throw new Error(`the ${label} build's log has no media stage summary line ([pressroom:media] N photos, M packs: …)`);
  const pages = htmlPages(site.out);
  const searchStage = findStage(parsed, SEARCH_LABEL);
  const afterAstro = parsed.stages.find((stage) => stage.name === 'after astro build (other commands)')?.seconds;
  const figures: BuildFigures = {
    wallSeconds: run.wallSeconds,
    peakPssBytes: run.peakBytes,
    peakStage: stageAt(parsed.stages, run.peakAtMs / 1000),
    pages,
    pagesPerSecond: pages / run.wallSeconds,
    stages: parsed.stages,
    rendered: parsed.pages.rendered,
    restored: parsed.pages.restored,
    media: { ...report, spanSeconds: mediaStage.seconds },
    pageWorkSeconds: run.wallSeconds - mediaStage.seconds,
    search: searchStage
      ? { seconds: stageSeconds(searchStage), source: `its log ([${searchStage.label}])` }
      : { seconds: afterAstro, source: 'time after astro build' },
  };
  log(
    `  ${run.wallSeconds.toFixed(1)} s (media stage ${mediaStage.seconds.toFixed(1)} s), ${(run.peakBytes / 1e9).toFixed(2)} GB peak, ${pages} pages; ` +
      `${report.imagesEncoded} images encoded, ${report.pressCopiesBuilt} press copies and ${report.zipsBuilt} ZIPs built, ${report.originalsFetched} originals fetched`,
  );
  return figures;
}

async function deployOurs(site: Site, bucket: BenchBucket, label: string, logFile: string): Promise<{ figures: DeployFigures; keys: string[] }> {
  log(`our site: ${label}: npm run deploy:media`);
  const before = listBucket(bucket);
  const run = measured(await runCommand('npm', ['run', 'deploy:media', '--silent'], { cwd: site.cwd, logFile, env: siteEnv(site) }));
  failIfFailed(run, `The ${label} upload`);
  const after = listBucket(bucket);
  const written = writtenBetween(before, after);
  const keys = written.filter((key) => !isBookkeeping(key));
  const figures: DeployFigures = {
    wallSeconds: run.wallSeconds,
    peakPssBytes: run.peakBytes,
    ...parseDeployLog(run.lines.map((line) => line.text)),
    written: { count: keys.length, bytes: keys.reduce((sum, key) => sum + after.get(key)!.bytes, 0) },
    bookkeeping: written.filter(isBookkeeping),
  };
  log(`  ${run.wallSeconds.toFixed(1)} s, ${(run.peakBytes / 1e9).toFixed(2)} GB peak; ${figures.written.count} objects (${(figures.written.bytes / 1e6).toFixed(1)} MB) written into the bucket`);
  return { figures, keys };
}

async function buildAndDeploy(site: Site, bucket: BenchBucket, label: string, workDir: string, name: string): Promise<BuildAndDeploy> {
  const build = await buildOurs(site, label, join(workDir, `ours-${name}.log`));
  const { figures: deploy } = await deployOurs(site, bucket, label, join(workDir, `ours-${name}-deploy.log`));
  return { wallSeconds: build.wallSeconds + deploy.wallSeconds, peakPssBytes: Math.max(build.peakPssBytes, deploy.peakPssBytes), build, deploy };
}

async function buildAnchor(name: string, file: string, args: string[], cwd: string, outDir: string, logFile: string, env: Record<string, string> = {}): Promise<AnchorFigures> {
  log(`${name}: cold build`);
  const run = measured(await runCommand(file, args, { cwd, logFile, env }));
  failIfFailed(run, `The ${name} build`);
  const pages = htmlPages(outDir);
  log(`  ${run.wallSeconds.toFixed(1)} s, ${(run.peakBytes / 1e9).toFixed(2)} GB peak, ${pages} pages`);
  return { wallSeconds: run.wallSeconds, peakPssBytes: run.peakBytes, pages, pagesPerSecond: pages / run.wallSeconds };
}

/** A build with Astro's cache emptied (every page rendered) and the media already made, profiled. */
async function profilePageBuild(site: Site, workDir: string) {
  await rm(site.astroCache, { recursive: true, force: true });
  const profileDir = join(workDir, 'profile');
  await mkdir(profileDir, { recursive: true });
  await buildOurs(site, 'profiled (Astro’s cache emptied, media made)', join(workDir, 'ours-profile.log'), {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim(),
  });
  return summarizeProfiles(profileDir);
}

/**
 * What the publish workflow has before its build (.github/workflows/publish.yml): Astro's cache as
 * the last run left it, and of the media stage's cache only its JSON files (records, original
 * hashes, the last manifest and report), not the objects, which the bucket holds.
 */
async function restoreCachesAsWorkflow(site: Site): Promise<void> {
  await rm(site.out, { recursive: true, force: true });
  for (const entry of await readdir(site.mediaCache, { withFileTypes: true })) {
    if (!(entry.isFile() && entry.name.endsWith('.json'))) await rm(join(site.mediaCache, entry.name), { recursive: true, force: true });
  }
}

/** Keys of the objects that hold these downloads: their content-addressed keys and stable keys alike. */
function keysOfDownloads(manifest: MediaManifest, sha256s: string[]): string[] {
  const wanted = new Set(sha256s);
  return [...new Set(manifest.objects.filter((object) => wanted.has(object.sha256)).map((object) => object.key))].sort();
}

function machine(loadBefore: number, hugo?: string, gitLfs?: string): BenchResults['machine'] {
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
    gitLfs,
    os,
    loadBefore,
    loadAfter: loadavg()[0]!,
    date: new Date().toISOString(),
  };
}

const sizeLabel = (size: PhotoSize) => `${size.width}x${size.height}`;

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

  const gitLfsVersion = await requireGitLfs();
  const hugoVersion = options.skipHugo ? undefined : ensureHugo(log);
  const originals = await ensureOriginals(plan.photos, options.photoSize, log);
  log('writing the corpus');
  const corpus: Corpus = await writeCorpus({
    sampleContentDir: join(projectRoot, 'content'),
    dir: join(workDir, 'corpus'),
    releases: options.releases,
    originalFor: (n) => originalPath(originals.dir, n),
  });
  const originalFiles = corpus.list.flatMap((release) => release.photoIds.map((id) => join(release.folder, 'photos', `${id}.jpg`)));
  const originalsBytes = originalFiles.reduce((sum, file) => sum + statSync(file).size, 0);

  const bucket = await startBucket(join(workDir, 'bucket'));
  log(`the benchmark's bucket: ${bucket.env.PRESS_MEDIA_URL} (s3rver, in ${relative(projectRoot, bucket.directory)})`);
  try {
    const site: Site = {
      cwd: projectRoot,
      content: corpus.dir,
      out: join(workDir, 'ours/dist'),
      astroCache: join(workDir, 'ours/cache/astro'),
      mediaCache: join(workDir, 'ours/cache/media'),
      // Photos smaller than a press photo (--photo-size for a quick run) must still build.
      env: { ...bucket.env, PRESS_MIN_PHOTO_LONG_SIDE: String(Math.min(1000, Math.max(options.photoSize.width, options.photoSize.height))) },
    };
    // `npm run build` stages its output beside the target folder, so the parent must exist.
    await mkdir(dirname(site.out), { recursive: true });

    const cold = await buildAndDeploy(site, bucket, 'cold (empty caches, empty bucket)', workDir, 'cold');
    const inBucket = [...listBucket(bucket).values()];
    const pagesOnlyDist = folderSize(site.out);
    const sample = corpus.list[0]!;
    const releasePages = locales.map((locale) => pageWeight(site.out, `/${locale.path}/releases/${sample.slug}/`));
    const noChange = await buildAndDeploy(site, bucket, 'no change', workDir, 'no-change');
    const profile = options.skipProfile ? [] : await profilePageBuild(site, workDir);

    log('press copies and ZIPs: cp of the originals, then the media stage alone with the web images made');
    const cp = { seconds: await copyBaseline(originalFiles, join(workDir, 'cp-out')), bytes: originalsBytes };
    const alone = await pressAndZipsAlone({ projectRoot, contentDir: corpus.dir, coldMediaCache: site.mediaCache, workDir, logFile: join(workDir, 'media-alone.log'), cp, env: { PRESS_MIN_PHOTO_LONG_SIDE: site.env.PRESS_MIN_PHOTO_LONG_SIDE! } });
    log(`  cp ${cp.seconds.toFixed(1)} s; the stage alone ${(alone.throughput.bytesWritten / 1e6).toFixed(0)} MB in ${alone.throughput.seconds.toFixed(1)} s: ${(alone.throughput.ratioToCp * 100).toFixed(0)} % of cp`);
    const pressThroughput = { inBuild: throughput(cold.build.media, cp), alone: alone.throughput, cp };
    // Nothing later reads the cold run's media files, and at full size they are gigabytes.
    await rm(join(site.mediaCache, 'objects'), { recursive: true, force: true });

    log('the CI case: the project with the corpus as content/, originals in Git LFS, cloned with pointers only');
    const newsroom = await makeNewsroomClone({ projectRoot, corpusDir: corpus.dir, dir: join(workDir, 'newsroom'), log });
    const clone: Site = {
      cwd: newsroom.dir,
      content: join(newsroom.dir, 'content'),
      out: join(newsroom.dir, 'dist'),
      astroCache: join(newsroom.dir, '.cache/astro'),
      mediaCache: join(newsroom.dir, '.cache/media'),
      env: { ...site.env, ...newsroom.gitEnv },
    };
    const cloneBuild = await buildOurs(clone, 'fresh clone, pointers, populated bucket', join(workDir, 'ours-bucket-clone.log'));

    const edited = releaseIn(corpus.list[Math.floor(corpus.list.length / 2)]!, clone.content);
    const caption = await editPhotoCaption(edited, '(Corrected by the benchmark.)');
    const body = await editRelease(edited, 'Correction: this sentence was added by the benchmark to measure a rebuild after one edit.');
    await restoreCachesAsWorkflow(clone);
    const oneEditBuild = await buildOurs(clone, 'one release edited (caption and body), caches restored', join(workDir, 'ours-one-edit.log'));
    const oneEditDeploy = await deployOurs(clone, bucket, 'one release edited', join(workDir, 'ours-one-edit-deploy.log'));
    const manifest = JSON.parse(await readFile(join(clone.mediaCache, MANIFEST_FILE), 'utf8')) as MediaManifest;
    const packs = Object.entries(manifest.packs).filter(([href]) => href.endsWith(`/${edited.slug}.zip`) || href.endsWith(`/${edited.event}.zip`));
    const expected = keysOfDownloads(manifest, [manifest.photos[caption.photoId]!.original.sha256, ...packs.map(([, pack]) => pack.sha256)]);
    const uploadedKeys = oneEditDeploy.keys;

    let bare: AnchorFigures | null = null;
    if (!options.skipBare) {
      const bareSite = join(workDir, 'bare/site');
      await writeBareAstroSite(corpus.dir, bareSite, projectRoot);
      const out = join(workDir, 'bare/dist');
      bare = await buildAnchor('bare Astro', process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', bareSite], bareSite, out, join(workDir, 'bare.log'), {
        PRESS_OUT_DIR: out,
        PRESS_CACHE_DIR: join(workDir, 'bare/cache'),
        ASTRO_TELEMETRY_DISABLED: '1',
      });
    }
    let hugo: AnchorFigures | null = null;
    if (!options.skipHugo) {
      const hugoSite = join(workDir, 'hugo/site');
      await mkdir(hugoSite, { recursive: true });
      await writeHugoSite(corpus.dir, hugoSite, 'https://press.sdf.example.org');
      const out = join(workDir, 'hugo/dist');
      hugo = await buildAnchor('Hugo', 'hugo', ['--source', hugoSite, '--destination', out, '--cacheDir', join(workDir, 'hugo/cache')], hugoSite, out, join(workDir, 'hugo.log'));
    }

    const partial: Measured = {
      machine: machine(loadBefore, hugoVersion, gitLfsVersion),
      memoryMeasure,
      options: { ...options, photoSize: sizeLabel(options.photoSize) },
      corpus: {
        releases: corpus.releases,
        languages: locales.length,
        events: corpus.events,
        mous: corpus.mous,
        photos: corpus.photos,
        photoSize: sizeLabel(options.photoSize),
        originalsBytes,
      },
      ours: {
        cold,
        noChange,
        bucketClone: {
          wallSeconds: cloneBuild.wallSeconds,
          peakPssBytes: cloneBuild.peakPssBytes,
          imagesEncoded: cloneBuild.media.imagesEncoded,
          zipsBuilt: cloneBuild.media.zipsBuilt,
          originalsFetched: cloneBuild.media.originalsFetched,
          originalBytesFetched: cloneBuild.media.originalBytesFetched,
          build: cloneBuild,
          setup: newsroom.setup,
        },
        oneEdit: {
          wallSeconds: oneEditBuild.wallSeconds,
          peakPssBytes: Math.max(oneEditBuild.peakPssBytes, oneEditDeploy.figures.peakPssBytes),
          build: oneEditBuild,
          deploy: oneEditDeploy.figures,
          edited: { release: edited.slug, photo: caption.photoId, event: edited.event, files: [caption.file, body].map((file) => relative(newsroom.dir, file)) },
          upload: {
            keys: uploadedKeys,
            expected,
            unexpected: uploadedKeys.filter((key) => !expected.includes(key)),
            missing: expected.filter((key) => !uploadedKeys.includes(key)),
          },
        },
        pagesOnlyDist,
        bucket: { objects: inBucket.length, bytes: inBucket.reduce((sum, object) => sum + object.bytes, 0) },
        releasePages,
        profile,
      },
      pressThroughput,
      bare,
      hugo,
    };
    const runs = [cold.build, cold.deploy, noChange.build, noChange.deploy, cloneBuild, oneEditBuild, oneEditDeploy.figures];
    if (runs.some((run) => run.peakPssBytes === 0)) throw new Error('a run reported no memory: the PSS sampler saw no process');
    const results: BenchResults = { ...partial, ...evaluate(partial) };
    const missing = missingFigures(results).filter((name) => !(options.skipProfile && name === 'profile'));
    await writeResults(results, options.out);
    if (missing.length > 0) throw new Error(`some figures could not be measured: ${missing.join(', ')}`);
  } finally {
    await bucket.stop();
  }
  // Left in place when the run failed, for its logs.
  if (!options.keep) await rm(workDir, { recursive: true, force: true });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
