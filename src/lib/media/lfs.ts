/**
 * Photo originals kept in Git LFS. A checkout made without fetching LFS files (CI's) holds a small
 * pointer file in place of each original, and the pointer already states the original's SHA-256
 * and size: everything the media stage keys its work by. So an original's bytes are fetched only
 * when something made from it is missing from the media store, and then only that file.
 *
 * Originals that are ordinary git files (the sample's, so that a clone without Git LFS builds) are
 * hashed from their bytes; an optional cache file remembers those hashes between builds.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { sha256File } from './files';

/** Git LFS never writes a pointer this long or longer, so larger files are never read to check. */
const POINTER_MAX_BYTES = 1024;

// The one encoding Git LFS writes: the spec makes pointers unique, so anything else (another
// version URL, upper-case hex, extension lines, CR LF, a missing final newline) is not one of ours.
// Extension pointers (`ext-0-…` lines) are refused on purpose: their oid is the hash of the
// content after the extension ran, not of the file, and the media stage needs the file's hash.
// Size 0 is refused too: Git LFS stores an empty file as an empty file, never as a pointer.
const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:([0-9a-f]{64})\nsize ([1-9][0-9]*)\n$/;

/** The SHA-256 and size a Git LFS pointer file states for the file it stands for. */
export interface LfsPointer {
  /** Lower-case hex SHA-256 of the real file. */
  oid: string;
  /** Size of the real file in bytes. */
  size: number;
}

/**
 * The pointer these bytes encode, or undefined when they are not exactly a Git LFS v1 pointer
 * (version line, `oid sha256:<64 lower-case hex>`, `size <bytes>`, each ending in a newline).
 */
export function parseLfsPointer(bytes: Buffer): LfsPointer | undefined {
  if (bytes.length >= POINTER_MAX_BYTES) return undefined;
  // latin1 maps each byte to one character, so a non-ASCII byte can never satisfy the pattern.
  const match = POINTER.exec(bytes.toString('latin1'));
  if (!match) return undefined;
  const size = Number(match[2]);
  if (!Number.isSafeInteger(size)) return undefined;
  return { oid: match[1]!, size };
}

/** An original photo as the media stage sees it: its hash and size, whether or not its bytes are here. */
export interface OriginalSource {
  /** Absolute path of the file in the checkout. */
  path: string;
  /** Lower-case hex SHA-256 of the original's bytes (from the pointer when `pointer` is true). */
  sha256: string;
  /** Size of the original in bytes (from the pointer when `pointer` is true). */
  bytes: number;
  /** True when the checkout holds only the Git LFS pointer: `readOriginal` fetches the bytes first. */
  pointer: boolean;
}

export interface DescribeOptions {
  /**
   * JSON file remembering the SHA-256 of real files by path, size and modification time, so an
   * unchanged original is not hashed again on every build. Created when missing; safe to delete.
   */
  hashCacheFile?: string;
}

/** Hash and size of the original at `path`, read from its pointer when the checkout has only that. */
export async function describeOriginal(path: string, options: DescribeOptions = {}): Promise<OriginalSource> {
  const file = resolve(path);
  const info = await stat(file, { bigint: true });
  if (info.size < POINTER_MAX_BYTES) {
    const bytes = await readFile(file);
    const pointer = parseLfsPointer(bytes);
    if (pointer) return { path: file, sha256: pointer.oid, bytes: pointer.size, pointer: true };
    return { path: file, sha256: sha256(bytes), bytes: bytes.length, pointer: false };
  }
  const bytes = Number(info.size);
  const stamp = { size: bytes, mtimeNs: info.mtimeNs.toString() };
  const cache = options.hashCacheFile ? await loadHashCache(options.hashCacheFile) : undefined;
  const known = cache?.entries[file];
  if (known && known.size === stamp.size && known.mtimeNs === stamp.mtimeNs) {
    return { path: file, sha256: known.sha256, bytes, pointer: false };
  }
  const hash = await sha256File(file);
  // File systems stamp modification times with a coarse clock: a file rewritten within the same
  // tick as it was hashed would keep its stamp, and the memo would then hold a stale hash for good.
  // Such a young file is simply hashed again next time.
  if (cache && Date.now() - Number(info.mtimeMs) > RACY_MS) {
    cache.entries[file] = { ...stamp, sha256: hash };
    scheduleSave(cache);
  }
  return { path: file, sha256: hash, bytes, pointer: false };
}

const RACY_MS = 3_000;

interface HashCacheEntry {
  size: number;
  /** Nanoseconds since the epoch, as a decimal string (it does not fit a JSON number exactly). */
  mtimeNs: string;
  sha256: string;
}

interface HashCache {
  file: string;
  entries: Record<string, HashCacheEntry>;
  saveTimer?: NodeJS.Timeout;
  saving: Promise<void>;
}

// One in-memory copy per cache file for the whole process: the media stage describes originals
// concurrently, and separate copies would overwrite each other's entries.
const hashCaches = new Map<string, Promise<HashCache>>();

function loadHashCache(file: string): Promise<HashCache> {
  const key = resolve(file);
  let cache = hashCaches.get(key);
  if (!cache) {
    cache = readFile(key, 'utf8').then(
      (text) => ({ file: key, entries: entriesOf(text), saving: Promise.resolve() }),
      () => ({ file: key, entries: {}, saving: Promise.resolve() }),
    );
    hashCaches.set(key, cache);
  }
  return cache;
}

function entriesOf(text: string): Record<string, HashCacheEntry> {
  // A damaged or foreign file costs one round of hashing, never a failed build.
  try {
    const parsed = JSON.parse(text) as { version?: unknown; files?: unknown };
    if (parsed.version === 1 && parsed.files && typeof parsed.files === 'object') {
      return parsed.files as Record<string, HashCacheEntry>;
    }
  } catch {
    // fall through
  }
  return {};
}

/** How long new entries gather before the cache file is rewritten: one write per burst of hashing. */
const SAVE_DELAY_MS = 250;

function scheduleSave(cache: HashCache): void {
  if (cache.saveTimer) return;
  cache.saveTimer = setTimeout(() => {
    cache.saveTimer = undefined;
    void saveNow(cache);
  }, SAVE_DELAY_MS);
}

function saveNow(cache: HashCache): Promise<void> {
  const text = JSON.stringify({ version: 1, files: cache.entries });
  // Writes go one after another through a temporary file, so a reader never sees half a file and
  // an older snapshot never lands after a newer one.
  cache.saving = cache.saving.then(async () => {
    await mkdir(dirname(cache.file), { recursive: true });
    const temp = `${cache.file}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, cache.file);
  });
  // A cache that cannot be written only means hashing again next build.
  cache.saving = cache.saving.catch(() => undefined);
  return cache.saving;
}

/**
 * Writes every hash cache's pending entries to its file now and forgets the in-memory copies, so
 * the next `describeOriginal` reads the file again. The media stage calls this when it is done.
 */
export async function flushHashCaches(): Promise<void> {
  const caches = await Promise.all(hashCaches.values());
  hashCaches.clear();
  await Promise.all(
    caches.map((cache) => {
      if (!cache.saveTimer) return cache.saving;
      clearTimeout(cache.saveTimer);
      cache.saveTimer = undefined;
      return saveNow(cache);
    }),
  );
}

/** Where and how Git runs when originals are fetched. */
export interface FetchOptions {
  /** A folder inside the git checkout; relative paths are resolved against it. */
  cwd: string;
  /** Environment for `git` (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Originals whose bytes could not be fetched from Git LFS; the message says why and what to do. */
export class OriginalNotFetchedError extends Error {
  /** The files that are still pointers (or wrong), repository-relative where Git could tell. */
  readonly files: string[];

  constructor(files: string[], message: string) {
    super(message);
    this.name = 'OriginalNotFetchedError';
    this.files = files;
  }
}

/**
 * Replaces these Git LFS pointer files with the originals they stand for, with
 * `git lfs pull --include=…` (only these files are downloaded), then checks each file against its
 * pointer's SHA-256. Files that are not pointers are left alone. Throws `OriginalNotFetchedError`
 * naming every file that could not be fetched, and why.
 *
 * Fetches run one at a time in this process; when many originals are needed, pass them all in one
 * call, which downloads them in parallel.
 */
export function fetchOriginals(paths: string[], options: FetchOptions): Promise<void> {
  return oneAtATime(() => fetchNow(paths, options));
}

/**
 * The original's bytes, fetched from Git LFS first when the checkout has only its pointer. Checks
 * them against `source.sha256`: whatever is made from these bytes is stored under that hash.
 */
export async function readOriginal(source: OriginalSource, options: FetchOptions): Promise<Buffer> {
  if (source.pointer) {
    try {
      await fetchTogether(source.path, options);
    } catch (error) {
      // A shared fetch fails for all its files together; this file may well have arrived.
      if (!(error instanceof OriginalNotFetchedError) || !(await isFetched(source))) throw error;
    }
  }
  const bytes = await readFile(source.path);
  if (bytes.length !== source.bytes || sha256(bytes) !== source.sha256) {
    throw new Error(
      `${source.path} changed while the build was running (its content is no longer the one the build ` +
        `started with). Build again.`,
    );
  }
  return bytes;
}

async function isFetched(source: OriginalSource): Promise<boolean> {
  const info = await stat(source.path);
  if (info.size !== source.bytes) return false;
  return (await sha256File(source.path)) === source.sha256;
}

// Two `git lfs pull`s in one checkout compete for Git's index lock, and one of them fails.
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

interface PendingFetch {
  options: FetchOptions;
  paths: Set<string>;
  done: Promise<void>;
}

// Originals read concurrently (one `readOriginal` per photo) join one fetch while it waits for its
// turn: each `git lfs pull` scans the whole tree, so one per file would cost a scan per photo.
let pending: PendingFetch | undefined;

function fetchTogether(path: string, options: FetchOptions): Promise<void> {
  if (!pending || pending.options.cwd !== options.cwd || pending.options.env !== options.env) {
    const batch: PendingFetch = { options, paths: new Set(), done: Promise.resolve() };
    batch.done = oneAtATime(() => {
      if (pending === batch) pending = undefined;
      return fetchNow([...batch.paths], batch.options);
    });
    pending = batch;
  }
  pending.paths.add(path);
  return pending.done;
}

/**
 * Longest `--include=` value per `git lfs pull`: Linux refuses a single argument over 128 KiB and
 * Windows a whole command line over 32 KiB, so batches stay well under both.
 */
const INCLUDE_MAX_CHARS = 24_000;

interface Wanted {
  /** Absolute path. */
  file: string;
  /** What to call it in messages: repository-relative once the checkout is known. */
  name: string;
  pointer: LfsPointer;
}

async function fetchNow(paths: string[], options: FetchOptions): Promise<void> {
  const cwd = resolve(options.cwd);
  // A build has nobody to type a password: without a credential Git should fail, not wait.
  const env = { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0' };

  const wanted: Wanted[] = [];
  for (const path of paths) {
    const file = resolve(cwd, path);
    const pointer = await readPointer(file);
    if (pointer) wanted.push({ file, name: relative(cwd, file).split(sep).join('/'), pointer });
  }
  if (wanted.length === 0) return;

  const top = await checkoutRoot(cwd, env, wanted);
  for (const item of wanted) {
    const inRepo = relative(top, await realpath(item.file));
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
      throw new OriginalNotFetchedError(
        [item.name],
        `${item.file} is a Git LFS pointer outside the git checkout at ${top}, so Git LFS cannot fetch it. ` +
          `Put the full file there instead.`,
      );
    }
    item.name = inRepo.split(sep).join('/');
  }
  await requireGitLfs(top, env, wanted);

  const reports: string[] = [];
  for (const batch of batches(wanted.map((item) => includePattern(item.name)))) {
    const result = await git(['lfs', 'pull', `--include=${batch.join(',')}`], top, env);
    if (result.code !== 0) reports.push(result.output);
  }

  const failed: Wanted[] = [];
  const corrupt: Wanted[] = [];
  for (const item of wanted) {
    if (await readPointer(item.file)) {
      failed.push(item);
      continue;
    }
    const info = await stat(item.file);
    if (info.size !== item.pointer.size || (await sha256File(item.file)) !== item.pointer.oid) corrupt.push(item);
  }
  if (failed.length === 0 && corrupt.length === 0) return;

  const names = [...failed, ...corrupt].map((item) => item.name);
  const lines: string[] = [];
  if (failed.length > 0) {
    lines.push(
      `${count(failed.length, 'photo original')} could not be fetched from Git LFS; the checkout still has only ` +
        `the small pointer file in place of:`,
      ...failed.map((item) => `  ${item.name}`),
    );
  }
  if (corrupt.length > 0) {
    lines.push(
      `${count(corrupt.length, 'photo original')} arrived from Git LFS with content that does not match its pointer ` +
        `(a damaged download or a damaged LFS store):`,
      ...corrupt.map((item) => `  ${item.name}`),
    );
  }
  const said = gitLfsSaid(reports);
  if (said.length > 0) lines.push('', 'Git LFS said:', ...said.map((line) => `  ${line}`));
  if (failed.length > 0 && reports.length === 0) {
    lines.push(
      '',
      'Git LFS reported no error: it fetches only files as they are in the current commit, so a pointer file ' +
        'that is not committed, or differs from the committed one, stays as it is.',
    );
  }
  const notOnServer = said.some((line) => /missing object|does not exist|not found/i.test(line));
  if (notOnServer) {
    lines.push(
      '',
      'The LFS server does not have these files: whoever added the photos committed them without uploading ' +
        'the full files. They can upload them from their own copy with `git lfs push --all origin`.',
    );
  }
  lines.push(
    '',
    notOnServer ? 'Once they are uploaded, fetch them in the repository folder with:' : 'To fetch them yourself, run in the repository folder:',
    `  ${pullCommand(names)}`,
  );
  throw new OriginalNotFetchedError(names, lines.join('\n'));
}

/** The pointer a file holds, or undefined when it holds real content. */
async function readPointer(file: string): Promise<LfsPointer | undefined> {
  const info = await stat(file);
  if (info.size >= POINTER_MAX_BYTES) return undefined;
  return parseLfsPointer(await readFile(file));
}

async function checkoutRoot(cwd: string, env: NodeJS.ProcessEnv, wanted: Wanted[]): Promise<string> {
  const result = await git(['rev-parse', '--show-toplevel'], cwd, env);
  if (result.missing) {
    throw new OriginalNotFetchedError(
      wanted.map((item) => item.name),
      `${needBytes(wanted)}\n\nGit is not installed (no \`git\` command was found), so Git LFS cannot fetch them. ` +
        `Install Git and Git LFS (Debian or Ubuntu: \`apt-get install git git-lfs\`; macOS: \`brew install git git-lfs\`), ` +
        `run \`git lfs install\` once, then build again.`,
    );
  }
  if (result.code !== 0) {
    throw new OriginalNotFetchedError(
      wanted.map((item) => item.name),
      `${needBytes(wanted)}\n\n${cwd} is not a git checkout, so Git LFS cannot fetch them. Clone the repository ` +
        `with Git, with Git LFS installed, instead of copying or downloading it as a ZIP (GitHub puts the full ` +
        `photos in ZIP downloads only when "Include Git LFS objects in archives" is on in the repository's settings).`,
    );
  }
  return realpath(result.output.trim());
}

async function requireGitLfs(top: string, env: NodeJS.ProcessEnv, wanted: Wanted[]): Promise<void> {
  const version = await git(['lfs', 'version'], top, env);
  if (version.code !== 0) {
    throw new OriginalNotFetchedError(
      wanted.map((item) => item.name),
      `${needBytes(wanted)}\n\nGit LFS is not installed, so they cannot be fetched. Install it (Debian or Ubuntu: ` +
        `\`apt-get install git-lfs\`; macOS: \`brew install git-lfs\`), run \`git lfs install\` once, then build again ` +
        `(or fetch just these files: ${pullCommand(wanted.map((item) => item.name))}).`,
    );
  }
  // Without Git LFS's filter set up, `git lfs pull` downloads the files, prints a notice, succeeds,
  // and leaves the pointers in place.
  const filter = await git(['config', '--get', 'filter.lfs.clean'], top, env);
  if (filter.code !== 0 || filter.output.trim() === '') {
    throw new OriginalNotFetchedError(
      wanted.map((item) => item.name),
      `${needBytes(wanted)}\n\nGit LFS is installed but not set up for your user or this repository, so it ` +
        `leaves the pointers in place. Run \`git lfs install\` once, then build again.`,
    );
  }
}

function needBytes(wanted: Wanted[]): string {
  return [
    'The build needs the full files of these photos, but the checkout has only their small Git LFS pointer files:',
    ...wanted.map((item) => `  ${item.name}`),
  ].join('\n');
}

function pullCommand(names: string[]): string {
  // Past a handful of files a comma-joined list is unreadable; fetching every photo also works.
  if (names.length > 10) return 'git lfs pull';
  return `git lfs pull --include="${names.map(includePattern).join(',')}"`;
}

/**
 * A `--include` pattern matching exactly this repository-relative path. Git LFS reads patterns as
 * globs, relative to the repository's top, and splits the option at commas, which no escape
 * protects: a comma becomes `?` (at worst one more file is fetched).
 */
function includePattern(name: string): string {
  return name.replace(/[\\*?[\]]/g, '\\$&').replace(/,/g, '?').replace(/^[!#]/, '\\$&');
}

function* batches(patterns: string[]): Generator<string[]> {
  let batch: string[] = [];
  let length = 0;
  for (const pattern of patterns) {
    if (batch.length > 0 && length + pattern.length + 1 > INCLUDE_MAX_CHARS) {
      yield batch;
      batch = [];
      length = 0;
    }
    batch.push(pattern);
    length += pattern.length + 1;
  }
  if (batch.length > 0) yield batch;
}

/** Git LFS's own error lines, without progress meters, a few at most. */
function gitLfsSaid(reports: string[]): string[] {
  const lines = reports
    .flatMap((report) => report.split(/[\r\n]+/))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(Downloading|Fetching|Checking out|Updating files)\b/.test(line) && !/\d+%/.test(line));
  const unique = [...new Set(lines)];
  return unique.length > 12 ? [...unique.slice(0, 12), `… and ${unique.length - 12} more lines`] : unique;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

interface GitResult {
  code: number;
  /** stdout and stderr together, in arrival order. */
  output: string;
  /** True when no `git` executable could be started. */
  missing: boolean;
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((done) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      done({ code: -1, output: error.message, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      done({ code: code ?? -1, output: Buffer.concat(chunks).toString('utf8'), missing: false });
    });
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

