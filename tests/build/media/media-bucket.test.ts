import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { exiftool } from 'exiftool-vendored';
import sharp from 'sharp';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegImageData } from '../../../src/lib/media/jpeg-layout';
import { projectRoot } from '../../helpers/build-site';
import {
  fetchAll,
  maxAge,
  mediaFilesIn,
  mediaRefsIn,
  mediaUrlsByFile,
  parseDisposition,
  sha256,
  sniffedType,
  storedBytes,
  storedObjects,
  type Fetched,
  type MediaRef,
  type StoredObject,
} from '../../helpers/bucket-media';
import { writeFixtureJpeg } from '../../helpers/fixture-photo';
import { startS3Server, type TestS3Server } from '../../helpers/s3-server';
import { BUILD_NOW, EMBARGOED_PHOTO } from '../../helpers/shared-site';
import { treeDigest } from '../../helpers/tree-digest';
import { readZip } from '../../helpers/zip';
import { isolatedGitEnv } from '../../../scripts/lib/isolated-git';
import type { MediaStageReport } from '../../../src/lib/media/stage';

/**
 * The S3 media store end to end, against a real S3 server (s3rver) and real git with Git LFS: a
 * newsroom repository whose photos are all LFS objects on a local bare remote, built and published
 * once from a full checkout, then rebuilt the way CI does (a clone holding pointers only, empty
 * caches, the bucket as the remote cache) through a caption edit, a new photo and a photo whose
 * bytes nobody can fetch. One chain of builds runs before the tests, each test reads one outcome.
 */

const exec = promisify(execFile);

const RELEASE = 'scse-2023-taipei';
const EVENT = 'scse-2023';
const EMBARGOED_SLUG = 'fixture-embargoed';
const EMBARGOED_ID = 'fixture-embargoed-01-photo';
/** Two hours after BUILD_NOW: the embargoed fixture is public by then. */
const AFTER_EMBARGO = '2026-01-05T12:00:00+09:00';
const PHOTOS_DIR = `content/releases/${RELEASE}/photos`;
/** Its Korean caption (the original language's) is edited in the clone. */
const EDITED = `${RELEASE}-02-taipei-city-meeting`;
/** Committed with Git LFS after the first publish. */
const ADDED = `${RELEASE}-05-added`;
/** Committed as a pointer whose object no LFS store holds. */
const LOST = `${RELEASE}-06-lost`;
/** The content-addressed keys' Cache-Control (the issue's requirement, word for word). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The store's own bookkeeping (records), never media. */
const BOOKKEEPING = '_pressroom/';
/** Links press teams have e-mailed: the stable keys documented in the README. */
const stablePath = {
  releasePack: (slug: string) => `/packs/releases/${slug}.zip`,
  eventPack: (id: string) => `/packs/events/${id}.zip`,
  original: (id: string) => `/photos/originals/${id}.jpg`,
};


interface Built {
  output: string;
  report: MediaStageReport;
  refs: MediaRef[];
}

interface Deployed {
  output: string;
  uploaded: { count: number; megabytes: number };
  copied: { count: number; megabytes: number };
  alreadyThere: number;
}

type Bucket = Map<string, StoredObject>;

let root: string;
let gitEnv: NodeJS.ProcessEnv;
let s3: TestS3Server;
let publicUrl: string;
let bucketDir: string;
/** The newsroom's repository, where photos are added; pushed to `origin`. */
let work: string;
let origin: string;
/** CI's checkout: pointers only. */
let clone: string;

/** Scratch folders: the full checkout's and the clone's sites and caches; `mediaPublic`, the stage's cache as of after the embargo. */
const dirs = {
  distFull: '',
  distClone: '',
  astroFull: '',
  astroClone: '',
  mediaFull: '',
  mediaClone: '',
  mediaPublic: '',
};

async function git(cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await exec('git', args, { cwd, env: { ...gitEnv, ...extra } });
  return stdout;
}

/** Runs a Node program of the project with exactly this environment; stdout and stderr as one reader sees them. */
async function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? 1)));
  return { code, output };
}

/** The environment of every build and deploy: isolated git, the bucket, no telemetry leaving the machine. */
function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...gitEnv, ...s3.env, ASTRO_TELEMETRY_DISABLED: '1', PRESS_NOW: BUILD_NOW, ...extra };
}

/** `npm run build` of `checkout/content` into `outDir`, with the given caches. */
async function runBuild(checkout: string, outDir: string, astroCache: string, mediaCache: string) {
  return runNode([join(projectRoot, 'scripts/build.ts')], buildEnv({
    PRESS_CONTENT_DIR: join(checkout, 'content'),
    PRESS_OUT_DIR: outDir,
    PRESS_CACHE_DIR: astroCache,
    PRESS_MEDIA_CACHE_DIR: mediaCache,
  }));
}

async function build(checkout: string, outDir: string, astroCache: string, mediaCache: string): Promise<Built> {
  const { code, output } = await runBuild(checkout, outDir, astroCache, mediaCache);
  if (code !== 0) throw new Error(`npm run build of ${checkout} failed (exit ${code}):\n${output.slice(-4000)}`);
  const report = JSON.parse(await readFile(join(mediaCache, 'last-stage.json'), 'utf8')) as MediaStageReport;
  return { output, report, refs: mediaRefsIn(outDir) };
}

/** `npm run deploy:media` after a build that used `mediaCache`; reads its printed summary. */
async function deploy(mediaCache: string): Promise<Deployed> {
  const { code, output } = await runNode(['--import', 'tsx', join(projectRoot, 'scripts/deploy-media.ts')], buildEnv({ PRESS_MEDIA_CACHE_DIR: mediaCache }));
  if (code !== 0) throw new Error(`npm run deploy:media failed (exit ${code}):\n${output.slice(-4000)}`);
  const uploaded = /^uploaded: ([\d,]+) objects?, ([\d.,]+) MB$/m.exec(output);
  const copied = /^copied in the bucket [^:]*: ([\d,]+) objects?, ([\d.,]+) MB$/m.exec(output);
  const already = /^already there: ([\d,]+) objects?/m.exec(output);
  if (!uploaded || !copied || !already) throw new Error(`deploy:media printed no summary:\n${output}`);
  const number = (text: string) => Number(text.replaceAll(',', ''));
  return {
    output,
    uploaded: { count: number(uploaded[1]!), megabytes: number(uploaded[2]!) },
    copied: { count: number(copied[1]!), megabytes: number(copied[2]!) },
    alreadyThere: number(already[1]!),
  };
}

const bucket = (): Bucket => storedObjects(bucketDir);
const keyOf = (url: string) => url.slice(publicUrl.length + 1);
const isMedia = (key: string) => !key.startsWith(BOOKKEEPING);

/** The oid of a Git LFS pointer file (the spec's exact three lines), or undefined when the file is not one. */
function pointerOid(file: string): string | undefined {
  const bytes = readFileSync(file);
  if (bytes.length > 300) return undefined;
  return /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:([0-9a-f]{64})\nsize [1-9]\d*\n$/.exec(bytes.toString('latin1'))?.[1];
}

/** Every photo file of a checkout (repository-relative) and whether it is still a pointer. */
function photoFiles(checkout: string): Record<string, 'pointer' | 'file'> {
  const contentDir = join(checkout, 'content');
  return Object.fromEntries(
    readdirSync(contentDir, { withFileTypes: true, recursive: true })
      .filter((item) => item.isFile() && item.name.endsWith('.jpg'))
      .map((item) => join(item.parentPath, item.name))
      .map((file) => [relative(checkout, file).split(sep).join('/'), pointerOid(file) ? 'pointer' : 'file'] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** The download a page links for `fileName` (the `download` attribute readers save it under). */
function downloadUrl(refs: MediaRef[], fileName: string): string {
  const urls = new Set(refs.filter((ref) => ref.kind === 'a[href]' && ref.download === fileName).map((ref) => ref.url));
  if (urls.size !== 1) throw new Error(`expected one link to download ${fileName}, found ${[...urls].join(', ') || 'none'}`);
  return [...urls][0]!;
}

/** The four sample photos' ids. */
const SAMPLE_PHOTOS = ['01-ntca-visit', '02-taipei-city-meeting', '03-tca-mou-signing', '04-gosmart-visit'].map((name) => `${RELEASE}-${name}`);
const SAMPLE_STABLE_PATHS = [stablePath.releasePack(RELEASE), stablePath.eventPack(EVENT), ...SAMPLE_PHOTOS.map(stablePath.original)];

/** Where a built site's `_redirects` (Netlify and Cloudflare Pages: `from to status`, `*` and `:splat`) sends a path. */
function redirectRules(siteDir: string): (path: string) => string | undefined {
  const rules = readFileSync(join(siteDir, '_redirects'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/) as [string, string, string]);
  return (path) => {
    for (const [from, to] of rules) {
      if (from.endsWith('*') && path.startsWith(from.slice(0, -1))) return to.replace(':splat', path.slice(from.length - 1));
      if (from === path) return to;
    }
    return undefined;
  };
}

/** Keys added, and media keys whose bytes or upload time changed, between two listings of the bucket. */
function bucketChanges(before: Bucket, after: Bucket) {
  return {
    added: [...after.keys()].filter((key) => !before.has(key)).sort(),
    rewritten: [...after.keys()]
      .filter((key) => isMedia(key) && before.has(key))
      .filter((key) => before.get(key)!.sha256 !== after.get(key)!.sha256 || before.get(key)!.mtimeMs !== after.get(key)!.mtimeMs)
      .sort(),
    removed: [...before.keys()].filter((key) => !after.has(key)).sort(),
  };
}

/** Everything a JSON value names, property names included. */
function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(namesIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...namesIn(inner)]);
  return [];
}

/** A photo caption file copied from another with a new image, captions and headline, so it is a photo of its own. */
async function writePhotoYaml(from: string, id: string): Promise<void> {
  const document = parseDocument(await readFile(join(work, PHOTOS_DIR, `${from}.yaml`), 'utf8'));
  document.set('image', `./${id}.jpg`);
  for (const field of ['caption', 'headline']) {
    for (const language of ['ko', 'en', 'zh-Hant']) document.setIn([field, language], `${id} ${field} (${language})`);
  }
  await writeFile(join(work, PHOTOS_DIR, `${id}.yaml`), String(document));
}

/** Adds a photo id to the release's `photos:` list in its Korean original. */
async function listPhoto(checkout: string, id: string): Promise<void> {
  const file = join(checkout, `content/releases/${RELEASE}/ko.mdx`);
  const text = await readFile(file, 'utf8');
  const last = `  - ${RELEASE}-04-gosmart-visit\n`;
  if (!text.includes(last)) throw new Error(`${file} no longer lists its photos as this test expects`);
  await writeFile(file, text.replace(last, `${last}  - ${id}\n`));
}

function once<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => (running ??= task());
}

// The chain. Each step waits for the one before it (builds share 2 cores with nothing else of
// ours), and fails only when a step it really depends on failed, so one broken case stays one.
const settled = (step: () => Promise<unknown>) => step().then(() => undefined, () => undefined);

/** (a) Build from the full repository and publish. */
const stepFull = once(async () => {
  const built = await build(work, dirs.distFull, dirs.astroFull, dirs.mediaFull);
  const manifest = JSON.parse(await readFile(join(dirs.mediaFull, 'manifest.json'), 'utf8')) as { objects: { key: string; file: string }[] };
  const madeFiles = new Map(manifest.objects.map((object) => [object.key, object.file]));
  const deployed = await deploy(dirs.mediaFull);
  // Read now: later steps replace what the stable keys hold.
  const fetched = await fetchAll(built.refs.map((ref) => ref.url));
  const redirects = redirectRules(dirs.distFull);
  const stableTargets = new Map(SAMPLE_STABLE_PATHS.map((path) => [path, redirects(path)]));
  const stableFetched = await fetchAll([...stableTargets.values()].filter((url): url is string => url !== undefined));
  return { built, deployed, madeFiles, bucket: bucket(), fetched, stableTargets, stableFetched };
});

/** (b) Publish again with no change. */
const stepAgain = once(async () => {
  const full = await stepFull();
  const deployed = await deploy(dirs.mediaFull);
  return { before: full.bucket, deployed, after: bucket() };
});

/** (c) What the stage makes once the embargo has lifted: the things the bucket must not have held before. */
const stepAfterEmbargo = once(async () => {
  await settled(stepAgain);
  const full = await stepFull();
  await cp(dirs.mediaFull, dirs.mediaPublic, { recursive: true });
  const { code, output } = await runNode(['--import', 'tsx', join(projectRoot, 'scripts/media-stage.ts'), 'make'], {
    ...gitEnv,
    PRESS_MEDIA_STORE: 'local',
    PRESS_MEDIA_CACHE_DIR: dirs.mediaPublic,
    PRESS_CONTENT_DIR: join(work, 'content'),
    PRESS_NOW: AFTER_EMBARGO,
  });
  if (code !== 0) throw new Error(`the media stage after the embargo failed:\n${output.slice(-4000)}`);
  const manifest = JSON.parse(await readFile(join(dirs.mediaPublic, 'manifest.json'), 'utf8')) as { objects: { file: string }[] };
  const before = new Set([...full.madeFiles.values()].map((file) => sha256(readFileSync(file))));
  const made = new Map<string, Buffer>();
  for (const { file } of manifest.objects) {
    const bytes = readFileSync(file);
    if (!before.has(sha256(bytes))) made.set(sha256(bytes), bytes);
  }
  return { made };
});

/** (d) CI: a clone with pointers only, empty caches, the populated bucket. */
const stepClone = once(async () => {
  await settled(stepAfterEmbargo);
  await stepAgain();
  await git(root, ['clone', '-q', origin, clone], { GIT_LFS_SKIP_SMUDGE: '1' });
  await git(clone, ['lfs', 'install', '--local']);
  await git(clone, ['config', 'user.name', 'Pressroom CI']);
  await git(clone, ['config', 'user.email', 'ci@example.org']);
  const photosBefore = photoFiles(clone);
  const built = await build(clone, dirs.distClone, dirs.astroClone, dirs.mediaClone);
  return { photosBefore, built, photosAfter: photoFiles(clone) };
});

/** (e) One caption edited in the clone, built and published. */
const stepCaption = once(async () => {
  await stepClone();
  const file = join(clone, PHOTOS_DIR, `${EDITED}.yaml`);
  const document = parseDocument(await readFile(file, 'utf8'));
  const caption = `${String(document.getIn(['caption', 'ko']))} (고침)`;
  document.setIn(['caption', 'ko'], caption);
  await writeFile(file, String(document));
  const built = await build(clone, dirs.distClone, dirs.astroClone, dirs.mediaClone);
  const photos = photoFiles(clone);
  const before = bucket();
  const deployed = await deploy(dirs.mediaClone);
  const newUrls = [downloadUrl(built.refs, `${EDITED}.jpg`), downloadUrl(built.refs, `${RELEASE}.zip`), downloadUrl(built.refs, `${EVENT}.zip`)];
  const stableUrls = [stablePath.original(EDITED), stablePath.releasePack(RELEASE), stablePath.eventPack(EVENT)].map((path) => `${publicUrl}${path}`);
  const fetched = await fetchAll([...newUrls, ...stableUrls]);
  return { caption, built, photos, before, deployed, after: bucket(), newUrls, stableUrls, fetched };
});

/** (f) A photo added in the repository (with Git LFS), pulled into the clone as a pointer. */
const stepAdded = once(async () => {
  await stepCaption();
  await writeFixtureJpeg(join(work, PHOTOS_DIR, `${ADDED}.jpg`), 'added');
  await writePhotoYaml(`${RELEASE}-04-gosmart-visit`, ADDED);
  await listPhoto(work, ADDED);
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-q', '-m', 'A new photo']);
  await git(work, ['push', '-q', 'origin', 'main']);
  await git(clone, ['pull', '-q', '--ff-only'], { GIT_LFS_SKIP_SMUDGE: '1' });
  const pulled = photoFiles(clone);
  const built = await build(clone, dirs.distClone, dirs.astroClone, dirs.mediaClone);
  const photos = photoFiles(clone);
  await deploy(dirs.mediaClone);
  const fetched = await fetchAll(built.refs.map((ref) => ref.url));
  return { pulled, built, photos, fetched };
});

/** (g) A new photo committed as a pointer whose object no LFS store has. */
const stepLost = once(async () => {
  await stepAdded();
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(randomBytes(32))}\nsize 2345678\n`;
  await writeFile(join(clone, PHOTOS_DIR, `${LOST}.jpg`), pointer);
  await cp(join(work, PHOTOS_DIR, `${ADDED}.yaml`), join(clone, PHOTOS_DIR, `${LOST}.yaml`));
  const yaml = parseDocument(await readFile(join(clone, PHOTOS_DIR, `${LOST}.yaml`), 'utf8'));
  yaml.set('image', `./${LOST}.jpg`);
  await writeFile(join(clone, PHOTOS_DIR, `${LOST}.yaml`), String(yaml));
  await listPhoto(clone, LOST);
  await git(clone, ['add', '-A']);
  await git(clone, ['commit', '-q', '-m', 'A photo whose file was never uploaded']);
  const digestBefore = treeDigest(dirs.distClone);
  const result = await runBuild(clone, dirs.distClone, dirs.astroClone, dirs.mediaClone);
  return { ...result, digestBefore, digestAfter: treeDigest(dirs.distClone) };
});

const steps = { full: stepFull, again: stepAgain, afterEmbargo: stepAfterEmbargo, clone: stepClone, caption: stepCaption, added: stepAdded, lost: stepLost };

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'media-bucket-')));
  const home = join(root, 'home');
  await mkdir(home);
  gitEnv = isolatedGitEnv(root);
  for (const name of Object.keys(dirs) as (keyof typeof dirs)[]) dirs[name] = join(root, name);
  s3 = await startS3Server({ cacheDir: dirs.mediaFull });
  publicUrl = s3.env.PRESS_MEDIA_URL!;
  bucketDir = join(s3.directory, s3.bucket);

  // The newsroom's repository: the sample plus the embargoed fixture, every photo in Git LFS (no
  // exception for the sample, unlike the project's own .gitattributes), pushed to a bare remote
  // whose LFS store is a folder Git LFS reaches without a server.
  origin = join(root, 'origin.git');
  work = join(root, 'newsroom');
  clone = join(root, 'ci-checkout');
  await git(root, ['init', '-q', '--bare', '--initial-branch=main', origin]);
  await git(root, ['init', '-q', '--initial-branch=main', work]);
  await git(work, ['config', 'user.name', 'Pressroom test']);
  await git(work, ['config', 'user.email', 'test@example.org']);
  await git(work, ['lfs', 'install', '--local']);
  await writeFile(join(work, '.gitattributes'), 'content/**/*.jpg filter=lfs diff=lfs merge=lfs -text\n');
  await cp(join(projectRoot, 'content'), join(work, 'content'), { recursive: true });
  await cp(join(projectRoot, 'tests/fixtures/embargoed-release'), join(work, 'content'), { recursive: true });
  await writeFixtureJpeg(join(work, 'content', EMBARGOED_PHOTO), 'embargoed');
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-q', '-m', 'Newsroom content']);
  await git(work, ['remote', 'add', 'origin', origin]);
  await git(work, ['push', '-q', 'origin', 'main']);
  const inLfs = (await git(work, ['lfs', 'ls-files', '--name-only'])).trim().split('\n').sort();
  expect(inLfs, 'every photo of the fixture repository is a Git LFS object').toEqual(Object.keys(photoFiles(work)));

  await settled(steps.lost);
}, 900_000);

afterAll(async () => {
  await exiftool.end();
  await s3?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('media in an S3 bucket, built from Git LFS originals', () => {
  it('(a) every media URL of every built page, feed and calendar is on the bucket and answers with the object meant', async () => {
    const { built } = await steps.full();
    const { refs } = built;
    const kinds = new Set(refs.map((ref) => ref.kind));
    for (const kind of ['img[src]', 'img[srcset]', 'source[srcset]', 'a[href]', 'meta[og:image]', 'json-ld image', 'xml enclosure@url', 'json image']) {
      expect(kinds, `media URLs found as ${kind}`).toContain(kind);
    }
    expect(refs.filter((ref) => !ref.url.startsWith(`${publicUrl}/`)).map((ref) => `${ref.file} ${ref.kind}: ${ref.url}`)).toEqual([]);

    const { fetched, madeFiles } = await steps.full();
    const problems: string[] = [];
    for (const object of fetched.values()) {
      const key = keyOf(object.url);
      if (object.status !== 200) problems.push(`${key}: HTTP ${object.status}`);
      if (!object.contentType || object.contentType !== sniffedType(object.bytes)) problems.push(`${key}: Content-Type ${object.contentType}, bytes of ${sniffedType(object.bytes)}`);
      if (object.cacheControl !== IMMUTABLE) problems.push(`${key}: Cache-Control ${object.cacheControl}`);
      const made = madeFiles.get(key);
      if (!made || sha256(readFileSync(made)) !== object.sha256) problems.push(`${key}: not the bytes the media stage made`);
    }
    for (const ref of refs) {
      const object = fetched.get(ref.url)!;
      const disposition = parseDisposition(object.contentDisposition);
      if (ref.kind === 'a[href]') {
        if (disposition?.type !== 'attachment' || disposition.fileName !== ref.download || ref.download !== basename(new URL(ref.url).pathname)) {
          problems.push(`${ref.file}: download ${ref.url} (download="${ref.download}") answers Content-Disposition ${object.contentDisposition}`);
        }
      } else if (disposition?.type === 'attachment') {
        problems.push(`${ref.file} ${ref.kind}: ${ref.url} is an attachment, not an image to show`);
      }
    }
    // A srcset promises each candidate's width; the browser picks by it.
    const widths = new Map(refs.filter((ref) => ref.width !== undefined).map((ref) => [ref.url, ref.width!]));
    for (const [url, width] of widths) {
      const actual = (await sharp(fetched.get(url)!.bytes).metadata()).width;
      if (actual !== width) problems.push(`${keyOf(url)}: srcset says ${width}w, the image is ${actual} px wide`);
    }
    expect(problems).toEqual([]);
  });

  it('(a) dist/ holds the pages only: no image or ZIP', async () => {
    await steps.full();
    expect(mediaFilesIn(dirs.distFull)).toEqual([]);
  });

  it('(a) the downloads are press copies of the committed photos, and the packs hold those very copies', async () => {
    const { built, fetched } = await steps.full();
    const downloads = [...new Set(built.refs.filter((ref) => ref.kind === 'a[href]').map((ref) => fetched.get(ref.url)!))];
    const originals = downloads.filter((object) => object.url.endsWith('.jpg'));
    const packs = downloads.filter((object) => object.url.endsWith('.zip'));
    expect(originals.map((object) => basename(object.url)).sort()).toEqual(SAMPLE_PHOTOS.map((id) => `${id}.jpg`).sort());
    expect(packs.map((object) => basename(object.url)).sort()).toEqual([`${EVENT}.zip`, `${RELEASE}.zip`].sort());
    const byName = new Map(originals.map((object) => [basename(object.url), object]));
    for (const object of originals) {
      const committed = readFileSync(join(work, PHOTOS_DIR, basename(object.url)));
      expect(jpegImageData(object.bytes).equals(jpegImageData(committed)), `${basename(object.url)} shows the committed picture`).toBe(true);
      expect(object.bytes.equals(committed), `${basename(object.url)} carries the captions, so it is not the committed file`).toBe(false);
    }
    for (const pack of packs) {
      const photos = (await readZip(pack.bytes)).filter((entry) => entry.name.endsWith('.jpg'));
      expect(photos.map((entry) => entry.name).sort(), basename(pack.url)).toEqual([...byName.keys()].sort());
      for (const entry of photos) expect(sha256(entry.data), `${entry.name} in ${basename(pack.url)}`).toBe(byName.get(entry.name)!.sha256);
    }
  });

  it('(a) the stable download paths redirect to current, short-cached copies of the same objects', async () => {
    const { built, fetched, stableTargets, stableFetched } = await steps.full();
    expect([...stableTargets].filter(([, target]) => !target?.startsWith(`${publicUrl}/`))).toEqual([]);
    for (const path of SAMPLE_STABLE_PATHS) {
      const object = stableFetched.get(stableTargets.get(path)!)!;
      expect(object.status, path).toBe(200);
      expect(object.sha256, `${path} holds what the pages link`).toBe(fetched.get(downloadUrl(built.refs, basename(path)))!.sha256);
      expect(parseDisposition(object.contentDisposition), path).toEqual({ type: 'attachment', fileName: basename(path) });
      expect(object.cacheControl, path).not.toContain('immutable');
      expect(maxAge(object.cacheControl), `${path} is cached briefly: it changes when the release does`).toBeLessThanOrEqual(3600);
    }
  });

  it('(b) a second deploy:media with no change uploads nothing', async () => {
    const { deployed, after } = await steps.again();
    expect(deployed.uploaded).toEqual({ count: 0, megabytes: 0 });
    expect(deployed.alreadyThere).toBe([...after.keys()].filter(isMedia).length);
  });

  it('(b) ... and leaves every object of the bucket as it was', async () => {
    const { before, after } = await steps.again();
    expect(after.size).toBeGreaterThan(40);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
  });

  it('(c) an embargoed release: no key and no record names it or its photo', async () => {
    await settled(steps.lost);
    const objects = bucket();
    expect([...objects.keys()].filter((key) => key.includes(EMBARGOED_SLUG) || key.includes(EMBARGOED_ID))).toEqual([]);
    const records = [
      ...[...objects.keys()].filter((key) => !isMedia(key)).map((key) => ({ where: key, names: namesIn(JSON.parse(storedBytes(bucketDir, key).toString('utf8'))) })),
      ...[dirs.mediaFull, dirs.mediaClone].map((cache) => ({ where: join(cache, 'records.json'), names: namesIn(JSON.parse(readFileSync(join(cache, 'records.json'), 'utf8'))) })),
    ];
    expect(records.find((record) => record.where.endsWith('_pressroom/records.json'))?.names.length, 'the bucket keeps records').toBeGreaterThan(0);
    for (const { where, names } of records) {
      expect(names.filter((name) => name.includes(EMBARGOED_SLUG) || name.includes(EMBARGOED_ID)), where).toEqual([]);
    }
  });

  it('(c) ... no object holds its picture (its original JPEG scan data)', async () => {
    await settled(steps.lost);
    const scan = jpegImageData(readFileSync(join(work, 'content', EMBARGOED_PHOTO)));
    const objects = bucket();
    expect(objects.size).toBeGreaterThan(40);
    // Packs store JPEGs as they are, so a pack holding the photo contains these bytes too.
    expect([...objects.keys()].filter((key) => storedBytes(bucketDir, key).includes(scan))).toEqual([]);
  });

  it('(c) ... and no object is anything the media stage makes of it once the embargo has lifted', async () => {
    await settled(steps.lost);
    const { made } = await steps.afterEmbargo();
    const scan = jpegImageData(readFileSync(join(work, 'content', EMBARGOED_PHOTO)));
    // Its web images and card, its press copy, its release's pack, the event's pack with it inside.
    expect(made.size).toBeGreaterThanOrEqual(5);
    expect([...made.values()].some((bytes) => bytes.includes(scan)), 'the press copy made after the embargo holds the picture').toBe(true);
    expect([...bucket()].filter(([, object]) => made.has(object.sha256)).map(([key]) => key)).toEqual([]);
  });

  it('(d) a clone with pointers only, empty caches and the populated bucket: nothing encoded, built or fetched', async () => {
    const { built } = await steps.clone();
    expect(built.report).toMatchObject({ photosEncoded: 0, imagesEncoded: 0, pressCopiesBuilt: 0, zipsBuilt: 0, originalsFetched: 0, originalBytesFetched: 0 });
    expect(built.report.photos).toBe(4);
  });

  it('(d) ... every photo of the clone is still a Git LFS pointer after the build', async () => {
    const { photosBefore, photosAfter } = await steps.clone();
    expect(Object.keys(photosBefore)).toHaveLength(5);
    expect(Object.values(photosBefore).every((state) => state === 'pointer')).toBe(true);
    expect(photosAfter).toEqual(photosBefore);
  });

  it('(d) ... and its pages link exactly the media the full checkout\'s pages link', async () => {
    const [full, ci] = [await steps.full(), await steps.clone()];
    expect(mediaUrlsByFile(ci.built.refs)).toEqual(mediaUrlsByFile(full.built.refs));
  });

  it('(e) one caption edited: only that press copy and the two ZIPs holding it are made, from its original alone', async () => {
    const { built, photos } = await steps.caption();
    expect(built.report).toMatchObject({ photosEncoded: 0, imagesEncoded: 0, pressCopiesBuilt: 1, zipsBuilt: 2, originalsFetched: 1 });
    // The packs took the other three press copies from the bucket instead of remaking them from
    // originals, each once although both packs hold them.
    expect(built.report.downloadedFromStore).toBe(3);
    const edited = `${PHOTOS_DIR}/${EDITED}.jpg`;
    expect(photos[edited]).toBe('file');
    expect(Object.entries(photos).filter(([path, state]) => path !== edited && state !== 'pointer')).toEqual([]);
  });

  it('(e) ... deploy:media uploads exactly those new objects and the stable keys that changed', async () => {
    const { built, before, deployed, after } = await steps.caption();
    const changes = bucketChanges(before, after);
    const meant = [downloadUrl(built.refs, `${EDITED}.jpg`), downloadUrl(built.refs, `${RELEASE}.zip`), downloadUrl(built.refs, `${EVENT}.zip`)].map(keyOf);
    expect(meant.every((key) => !before.has(key)), 'the pages link new objects').toBe(true);
    expect(changes.added.filter(isMedia)).toEqual([...meant].sort());
    expect(changes.rewritten).toEqual([stablePath.eventPack(EVENT), stablePath.original(EDITED), stablePath.releasePack(RELEASE)].map((path) => path.slice(1)).sort());
    expect(changes.removed).toEqual([]);
    // The new objects' bytes are sent; the stable keys are copied from them inside the bucket.
    expect(deployed.uploaded.count).toBe(changes.added.filter(isMedia).length);
    expect(deployed.copied.count).toBe(changes.rewritten.length);
  });

  it('(e) ... and the new objects are what was meant: the new caption inside, the packs holding that copy beside the unchanged ones, the right headers', async () => {
    const { caption, after, newUrls, stableUrls, fetched } = await steps.caption();
    const full = await steps.full();
    const [copyUrl, ...packUrls] = newUrls as [string, string, string];
    const copy = fetched.get(copyUrl)!;
    const file = join(root, 'edited-copy.jpg');
    await writeFile(file, copy.bytes);
    const tags = (await exiftool.read(file)) as unknown as Record<string, unknown>;
    expect(tags['Description-ko'], 'the caption in the original language').toBe(caption);
    const published = new Map([...full.fetched.values()].filter((object) => object.url.endsWith('.jpg') && full.built.refs.some((ref) => ref.url === object.url && ref.kind === 'a[href]')).map((object) => [basename(object.url), object.sha256]));
    for (const url of packUrls) {
      const photos = Object.fromEntries((await readZip(fetched.get(url)!.bytes)).filter((entry) => entry.name.endsWith('.jpg')).map((entry) => [entry.name, sha256(entry.data)]));
      expect(photos, `${basename(url)}: the new press copy, and the others as first published`).toEqual({ ...Object.fromEntries(published), [`${EDITED}.jpg`]: copy.sha256 });
    }
    const check = (object: Fetched, cacheControl: (value: string | undefined) => boolean) => ({
      status: object.status,
      sha256InBucket: after.get(keyOf(object.url))?.sha256 === object.sha256,
      typeMatchesBytes: object.contentType === sniffedType(object.bytes),
      disposition: parseDisposition(object.contentDisposition),
      cacheControlRight: cacheControl(object.cacheControl),
    });
    const shortCached = (value: string | undefined) => !value?.includes('immutable') && (maxAge(value) ?? Infinity) <= 3600;
    for (const url of newUrls) {
      expect(check(fetched.get(url)!, (value) => value === IMMUTABLE), url).toEqual({ status: 200, sha256InBucket: true, typeMatchesBytes: true, disposition: { type: 'attachment', fileName: basename(url) }, cacheControlRight: true });
    }
    for (const [index, url] of stableUrls.entries()) {
      expect(check(fetched.get(url)!, shortCached), url).toEqual({ status: 200, sha256InBucket: true, typeMatchesBytes: true, disposition: { type: 'attachment', fileName: basename(url) }, cacheControlRight: true });
      expect(fetched.get(url)!.sha256, `${url} holds the current version`).toBe(fetched.get(newUrls[index]!)!.sha256);
    }
  });

  it('(f) one new photo: the build fetches and encodes only that photo', async () => {
    const { pulled, built, photos } = await steps.added();
    const added = `${PHOTOS_DIR}/${ADDED}.jpg`;
    expect(pulled[added], 'the pull brought a pointer').toBe('pointer');
    expect(built.report).toMatchObject({ photos: 5, originalsFetched: 1, photosEncoded: 1, pressCopiesBuilt: 1, zipsBuilt: 2 });
    expect(readFileSync(join(clone, added)).equals(readFileSync(join(work, added))), 'the fetched file is the committed photo').toBe(true);
    const edited = `${PHOTOS_DIR}/${EDITED}.jpg`;
    expect(Object.entries(photos).filter(([path, state]) => path !== added && path !== edited && state !== 'pointer')).toEqual([]);
  });

  it('(f) ... and after deploy:media every media URL of the new pages answers from the bucket', async () => {
    const { built, fetched } = await steps.added();
    expect(built.refs.some((ref) => ref.url.includes(ADDED))).toBe(true);
    expect([...fetched.values()].filter((object) => object.status !== 200 || object.contentType !== sniffedType(object.bytes)).map((object) => `${object.status} ${object.url}`)).toEqual([]);
  });

  it('(g) a pointer whose bytes are needed and cannot be fetched fails the build, naming the file and how to fetch it', async () => {
    const { code, output } = await steps.lost();
    const file = `${PHOTOS_DIR}/${LOST}.jpg`;
    expect(code).not.toBe(0);
    expect(output).toContain(file);
    expect(output).toMatch(new RegExp(`git lfs pull --include="?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(output, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('(g) ... and leaves the previous site as it was', async () => {
    const { digestBefore, digestAfter } = await steps.lost();
    expect(digestAfter).toBe(digestBefore);
    expect(mediaRefsIn(dirs.distClone).some((ref) => ref.url.includes(ADDED)), 'the site kept is the last good one, with the new photo').toBe(true);
  });
});
