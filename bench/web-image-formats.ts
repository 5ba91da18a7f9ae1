/**
 * Which web image variants to make: for each candidate (format × width × quality/effort) the
 * bytes, the CPU time and a quality score per photo, and for each candidate set (the variants a
 * photo would get) the totals and the bytes a reader downloads per view.
 *
 *   npm run bench:web-images                       # sample photos + 3 synthetic 3000×2000 ones
 *   npm run bench:web-images -- --synthetic 2 --no-sample --reps 2
 *   npm run bench:web-images -- --throughput       # only: wall time per photo of encodeWebImages
 *                                                  # per pool size, libvips threads, worker threads
 *
 * The sample photos are the placeholders of content/ (4000×2667, soft shapes, grain, large
 * text); the synthetic ones are made as the build benchmark's originals are (bench/lib/originals.ts).
 * CPU is `process.cpuUsage()` around one sharp pipeline at a time (so it counts every thread an
 * encoder starts); nothing else runs in this process meanwhile. Quality is SSIM on luma (8×8
 * windows, stride 4) of the decoded variant against the same resize without compression: it
 * tells settings of one format apart, and formats roughly. The synthetic photos are mostly
 * sensor-like grain, which encoders smooth away; real photos compress better than they do.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import sharp, { type JpegOptions, type Sharp } from 'sharp';
import { encodeWebImages, encodingConcurrency, webImageSpecs, WEB_IMAGE_SETTINGS } from '../src/lib/media/web-images.ts';
import { ensureOriginals, originalPath } from './lib/originals.ts';

type Format = 'avif' | 'webp' | 'jpeg';

interface Setting {
  name: string;
  format: Format;
  apply: (image: Sharp) => Sharp;
  widths: number[];
}

const LADDER = [320, 400, 480, 640, 800, 960, 1200, 1600, 2048];
const avif = (quality: number, effort: number, chroma: '4:4:4' | '4:2:0') => (image: Sharp) => image.avif({ quality, effort, chromaSubsampling: chroma });
const webp = (quality: number, effort: number) => (image: Sharp) => image.webp({ quality, effort });
const jpeg = (options: JpegOptions) => (image: Sharp) => image.jpeg(options);

const SETTINGS: Setting[] = [
  { name: 'avif q50 e3 444', format: 'avif', apply: avif(50, 3, '4:4:4'), widths: [480, 960, 1600] },
  { name: 'avif q50 e2 420', format: 'avif', apply: avif(50, 2, '4:2:0'), widths: [480, 960, 1600] },
  { name: 'avif q50 e1 420', format: 'avif', apply: avif(50, 1, '4:2:0'), widths: LADDER },
  { name: 'avif q50 e0 420', format: 'avif', apply: avif(50, 0, '4:2:0'), widths: LADDER },
  { name: 'avif q50 e0 444', format: 'avif', apply: avif(50, 0, '4:4:4'), widths: [800, 1600] },
  { name: 'avif q45 e0 420', format: 'avif', apply: avif(45, 0, '4:2:0'), widths: [800, 1600] },
  { name: 'avif q55 e0 420', format: 'avif', apply: avif(55, 0, '4:2:0'), widths: [800, 1600] },
  { name: 'avif q60 e0 420', format: 'avif', apply: avif(60, 0, '4:2:0'), widths: [800, 1600] },
  { name: 'webp q80 e4', format: 'webp', apply: webp(80, 4), widths: LADDER },
  { name: 'webp q80 e2', format: 'webp', apply: webp(80, 2), widths: LADDER },
  { name: 'webp q80 e1', format: 'webp', apply: webp(80, 1), widths: LADDER },
  { name: 'webp q80 e0', format: 'webp', apply: webp(80, 0), widths: [800, 1600] },
  { name: 'webp q75 e2', format: 'webp', apply: webp(75, 2), widths: [800, 1600] },
  { name: 'webp q85 e2', format: 'webp', apply: webp(85, 2), widths: [800, 1600] },
  { name: 'jpeg q80', format: 'jpeg', apply: jpeg({ quality: 80 }), widths: [800, 960, 1200, 1600] },
  { name: 'jpeg q80 prog', format: 'jpeg', apply: jpeg({ quality: 80, progressive: true }), widths: LADDER },
  { name: 'jpeg q80 mozjpeg', format: 'jpeg', apply: jpeg({ quality: 80, mozjpeg: true }), widths: [800, 1200, 1600] },
];
const CARD = { width: 1200, height: 630 };
const CARD_SETTINGS: Setting[] = [
  { name: 'card jpeg q80', format: 'jpeg', apply: jpeg({ quality: 80 }), widths: [CARD.width] },
  { name: 'card jpeg q80 prog', format: 'jpeg', apply: jpeg({ quality: 80, progressive: true }), widths: [CARD.width] },
];

/** Widths in device pixels that layouts ask for; a browser takes the narrowest variant at least that wide. */
const VIEWS: { name: string; width: number }[] = [
  { name: 'grid cell 1x', width: 320 },
  { name: 'grid cell 2x', width: 640 },
  { name: 'body 1x', width: 672 },
  { name: 'phone 390 2x', width: 780 },
  { name: 'lead 1x', width: 1024 },
  { name: 'phone 390 3x', width: 1170 },
  { name: 'body 2x', width: 1344 },
  { name: 'lead 2x', width: 2048 },
];

interface CandidateSet {
  name: string;
  /** Top width decoded to (the largest width in the set). */
  decode: number;
  /** Ladders per format, as setting name and widths, best format first. */
  ladders: { setting: string; widths: number[] }[];
  /** Extra variants that are not offered per view (a fallback `<img>`), as setting@width. */
  extras: string[];
  card: string;
}

const SETS: CandidateSet[] = [
  {
    name: '(a) today: AVIF e3 + WebP e4 480/960/1600, JPEG 1600, WebP thumbs 320/640',
    decode: 1600,
    ladders: [
      { setting: 'avif q50 e3 444', widths: [480, 960, 1600] },
      { setting: 'webp q80 e4', widths: [320, 480, 640, 960, 1600] },
    ],
    extras: ['jpeg q80@1600'],
    card: 'card jpeg q80',
  },
  {
    name: '(b) WebP e2 400/800/1200/1600 + JPEG 1200',
    decode: 1600,
    ladders: [{ setting: 'webp q80 e2', widths: [400, 800, 1200, 1600] }],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(b2) WebP e4 400/800/1200/1600 + JPEG 1200',
    decode: 1600,
    ladders: [{ setting: 'webp q80 e4', widths: [400, 800, 1200, 1600] }],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(b3) WebP e2 320/640/960/1600 + JPEG 1200',
    decode: 1600,
    ladders: [{ setting: 'webp q80 e2', widths: [320, 640, 960, 1600] }],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(c) AVIF e1 1200/1600 + WebP e2 400/800/1200/1600 + JPEG 1200',
    decode: 1600,
    ladders: [
      { setting: 'avif q50 e1 420', widths: [1200, 1600] },
      { setting: 'webp q80 e2', widths: [400, 800, 1200, 1600] },
    ],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(c2) AVIF e1 + WebP e2, both 400/800/1200/1600, + JPEG 1200',
    decode: 1600,
    ladders: [
      { setting: 'avif q50 e1 420', widths: [400, 800, 1200, 1600] },
      { setting: 'webp q80 e2', widths: [400, 800, 1200, 1600] },
    ],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(d) AVIF e0 + WebP e2, both 400/800/1200/1600, + JPEG 1200',
    decode: 1600,
    ladders: [
      { setting: 'avif q50 e0 420', widths: [400, 800, 1200, 1600] },
      { setting: 'webp q80 e2', widths: [400, 800, 1200, 1600] },
    ],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(e) AVIF e0 400/800/1200/1600 + JPEG 400/800/1200/1600',
    decode: 1600,
    ladders: [
      { setting: 'avif q50 e0 420', widths: [400, 800, 1200, 1600] },
      { setting: 'jpeg q80 prog', widths: [400, 800, 1200, 1600] },
    ],
    extras: [],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(e2) AVIF e0 400/800/1200/1600 + JPEG 1200',
    decode: 1600,
    ladders: [{ setting: 'avif q50 e0 420', widths: [400, 800, 1200, 1600] }],
    extras: ['jpeg q80 prog@1200'],
    card: 'card jpeg q80 prog',
  },
  {
    name: '(f) as (e) with a 2048 top rung',
    decode: 2048,
    ladders: [
      { setting: 'avif q50 e0 420', widths: [400, 800, 1200, 1600, 2048] },
      { setting: 'jpeg q80 prog', widths: [400, 800, 1200, 1600, 2048] },
    ],
    extras: [],
    card: 'card jpeg q80 prog',
  },
];

interface Args {
  synthetic: number;
  sample: boolean;
  reps: number;
  throughput: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { synthetic: 3, sample: true, reps: 1, throughput: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--synthetic') args.synthetic = Number(argv[++i]);
    else if (arg === '--reps') args.reps = Number(argv[++i]);
    else if (arg === '--no-sample') args.sample = false;
    else if (arg === '--throughput') args.throughput = true;
    else throw new Error(`unknown argument ${arg}; see the comment at the top of ${import.meta.filename}`);
  }
  return args;
}

interface Photo {
  name: string;
  path: string;
  group: 'sample' | 'synthetic';
  bytes: Buffer;
}

async function loadPhotos(args: Args): Promise<Photo[]> {
  const photos: Photo[] = [];
  if (args.sample) {
    const releases = join(import.meta.dirname, '../content/releases');
    for (const release of (await readdir(releases)).sort()) {
      const dir = join(releases, release, 'photos');
      const files = await readdir(dir).catch(() => [] as string[]);
      for (const file of files.filter((name) => name.endsWith('.jpg')).sort()) {
        photos.push({ name: file, path: join(dir, file), group: 'sample', bytes: await readFile(join(dir, file)) });
      }
    }
  }
  if (args.synthetic > 0) {
    const { dir } = await ensureOriginals(args.synthetic, { width: 3000, height: 2000 }, console.log);
    for (let n = 0; n < args.synthetic; n++) {
      const path = originalPath(dir, n);
      photos.push({ name: `synthetic-${n + 1}`, path, group: 'synthetic', bytes: await readFile(path) });
    }
  }
  return photos;
}

const MIN_BATCH_MS = 200;

/**
 * CPU milliseconds of one `run` (all threads of this process): the run is repeated until it has
 * used at least MIN_BATCH_MS, since the kernel accounts CPU time in ticks; the lowest mean of
 * `reps` such batches is kept, the one least disturbed by other work on the machine.
 */
async function cpuMs<T>(reps: number, run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < reps; i++) {
    const start = process.cpuUsage();
    let runs = 0;
    let used = 0;
    do {
      result = await run();
      runs++;
      const usage = process.cpuUsage(start);
      used = (usage.user + usage.system) / 1000;
    } while (used < MIN_BATCH_MS);
    best = Math.min(best, used / runs);
  }
  return { ms: best, result };
}

interface Raw {
  data: Buffer;
  info: { width: number; height: number; channels: 3 };
}

function luma({ data, info }: Raw): Float32Array {
  const out = new Float32Array(info.width * info.height);
  for (let i = 0, p = 0; i < out.length; i++, p += info.channels) out[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  return out;
}

function ssim(a: Float32Array, b: Float32Array, width: number, height: number): number {
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  let windows = 0;
  for (let y = 0; y + 8 <= height; y += 4) {
    for (let x = 0; x + 8 <= width; x += 4) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let j = 0; j < 8; j++) {
        for (let i = (y + j) * width + x, end = i + 8; i < end; i++) {
          const p = a[i]!, q = b[i]!;
          sa += p; sb += q; saa += p * p; sbb += q * q; sab += p * q;
        }
      }
      const ma = sa / 64, mb = sb / 64;
      const va = saa / 64 - ma * ma, vb = sbb / 64 - mb * mb, cov = sab / 64 - ma * mb;
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      windows++;
    }
  }
  return sum / windows;
}

const toRaw = async (image: Sharp): Promise<Raw> => {
  const { data, info } = await image.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: 3 } };
};

interface Measure {
  bytes: number;
  cpuMs: number;
  ssim: number;
}

/** Per photo: decode CPU per top width, and per candidate key (setting@width). */
interface PhotoMeasures {
  decode: Map<number, number>;
  candidates: Map<string, Measure>;
}

async function measurePhoto(photo: Photo, reps: number): Promise<PhotoMeasures> {
  const decode = new Map<number, number>();
  const masters = new Map<number, Raw>();
  for (const top of [1200, 1600, 2048]) {
    const { ms, result } = await cpuMs(reps, () => toRaw(sharp(photo.bytes, { failOn: 'warning' }).rotate().resize({ width: top, withoutEnlargement: true })));
    decode.set(top, ms);
    masters.set(top, result);
  }
  const candidates = new Map<string, Measure>();
  const references = new Map<string, Float32Array>();
  const measure = async (setting: Setting, width: number, height?: number) => {
    const master = masters.get(width > 1600 ? 2048 : 1600)!;
    const resize = (image: Sharp) =>
      height ? image.resize({ width, height, fit: 'cover', position: 'centre' }) : width === master.info.width ? image : image.resize({ width });
    const { ms, result: encoded } = await cpuMs(reps, () => setting.apply(resize(sharp(master.data, { raw: master.info }))).toBuffer());
    const refKey = `${width}x${height ?? ''}`;
    let reference = references.get(refKey);
    const decoded = await toRaw(sharp(encoded));
    if (!reference) {
      reference = luma(await toRaw(resize(sharp(master.data, { raw: master.info }))));
      references.set(refKey, reference);
    }
    const score = ssim(reference, luma(decoded), decoded.info.width, decoded.info.height);
    candidates.set(`${setting.name}@${width}`, { bytes: encoded.length, cpuMs: ms, ssim: score });
  };
  for (const setting of SETTINGS) for (const width of setting.widths) await measure(setting, width);
  for (const setting of CARD_SETTINGS) await measure(setting, CARD.width, CARD.height);
  return { decode, candidates };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
const ms = (value: number) => `${Math.round(value)}`;

function candidateTable(groups: Map<string, PhotoMeasures[]>): string {
  const names = Array.from(groups.keys());
  const lines = [
    `| candidate | ${names.map((g) => `${g}: KB | ${g}: CPU ms | ${g}: SSIM`).join(' | ')} |`,
    `| --- | ${names.map(() => '---: | ---: | ---:').join(' | ')} |`,
  ];
  const keys = Array.from(groups.values().next().value![0]!.candidates.keys());
  for (const key of keys) {
    const cells = names.map((group) => {
      const measures = groups.get(group)!.map((photo) => photo.candidates.get(key)!);
      return `${kb(mean(measures.map((m) => m.bytes)))} | ${ms(mean(measures.map((m) => m.cpuMs)))} | ${mean(measures.map((m) => m.ssim)).toFixed(3)}`;
    });
    lines.push(`| ${key.startsWith('card') ? key.replace(/@\d+$/, ` (${CARD.width}×${CARD.height})`) : key} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function decodeTable(groups: Map<string, PhotoMeasures[]>): string {
  const lines = ['| decode to raw at | ' + Array.from(groups.keys()).map((g) => `${g}: CPU ms`).join(' | ') + ' |', '| --- |' + ' ---: |'.repeat(groups.size)];
  for (const top of [1200, 1600, 2048]) lines.push(`| ${top} px | ${Array.from(groups.values()).map((photos) => ms(mean(photos.map((p) => p.decode.get(top)!)))).join(' | ')} |`);
  return lines.join('\n');
}

/** The variant a browser that supports `formats` takes for a view: the first ladder it can use, narrowest rung that is wide enough. */
function pick(set: CandidateSet, supports: Format[], view: number): string | undefined {
  for (const ladder of set.ladders) {
    const setting = SETTINGS.find((s) => s.name === ladder.setting)!;
    if (!supports.includes(setting.format)) continue;
    const width = ladder.widths.find((w) => w >= view) ?? Math.max(...ladder.widths);
    return `${ladder.setting}@${width}`;
  }
  const fallback = set.extras[0];
  return fallback && supports.includes('jpeg') ? fallback : undefined;
}

function setKeys(set: CandidateSet): string[] {
  return [...set.ladders.flatMap((ladder) => ladder.widths.map((w) => `${ladder.setting}@${w}`)), ...set.extras, `${set.card}@${CARD.width}`];
}

function setTable(groups: Map<string, PhotoMeasures[]>): string {
  const names = Array.from(groups.keys());
  const lines = [
    `| set | variants | ${names.map((g) => `${g}: CPU ms/photo | ${g}: KB stored | ${g}: KB per view, AVIF browser | ${g}: KB per view, browser without AVIF | ${g}: SSIM of views`).join(' | ')} |`,
    `| --- | ---: | ${names.map(() => '---: | ---: | ---: | ---: | ---:').join(' | ')} |`,
  ];
  for (const set of SETS) {
    const keys = setKeys(set);
    const cells = names.map((group) => {
      const photos = groups.get(group)!;
      const per = (key: string, field: keyof Measure) => mean(photos.map((p) => p.candidates.get(key)![field]));
      const cpu = mean(photos.map((p) => p.decode.get(set.decode)!)) + keys.reduce((sum, key) => sum + per(key, 'cpuMs'), 0);
      const stored = keys.reduce((sum, key) => sum + per(key, 'bytes'), 0);
      const viewBytes = (supports: Format[]) => mean(VIEWS.map((view) => per(pick(set, supports, view.width)!, 'bytes')));
      const viewSsim = mean(VIEWS.map((view) => per(pick(set, ['avif', 'webp', 'jpeg'], view.width)!, 'ssim')));
      return `${ms(cpu)} | ${kb(stored)} | ${kb(viewBytes(['avif', 'webp', 'jpeg']))} | ${kb(viewBytes(['webp', 'jpeg']))} | ${viewSsim.toFixed(3)}`;
    });
    lines.push(`| ${set.name} | ${keys.length} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const THROUGHPUT_JOBS = 12;

/** One way of running `encodeWebImages` over many photos, measured in a fresh process. */
interface ThroughputRun {
  /** Promises in this process (sharp works on libuv's threads), or one worker thread per photo at once. */
  mode: 'promises' | 'workers';
  /** Photos at once. */
  pool: number;
  /** libvips threads per image (`sharp.concurrency()`). */
  threads: number;
  /** libvips' operation cache on (sharp's default) or off. */
  cache: boolean;
}

const THROUGHPUT_RUNS: ThroughputRun[] = [
  { mode: 'promises', pool: 1, threads: 1, cache: true },
  { mode: 'promises', pool: 2, threads: 1, cache: true },
  { mode: 'promises', pool: 3, threads: 1, cache: true },
  { mode: 'promises', pool: 4, threads: 1, cache: true },
  { mode: 'promises', pool: 1, threads: 2, cache: true },
  { mode: 'promises', pool: 2, threads: 2, cache: true },
  { mode: 'promises', pool: 2, threads: 1, cache: false },
  { mode: 'workers', pool: 2, threads: 1, cache: true },
];

interface ThroughputResult {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  /** CPU milliseconds other processes used meanwhile: a run that shared the cores is slower. */
  othersCpuMs: number;
}

/** CPU milliseconds the whole machine has been busy (Linux; USER_HZ is 100 everywhere). */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

/**
 * Seconds per photo through `encodeWebImages` with the chosen specs, for each way of running it.
 * Each run is a fresh process, so that its peak RSS is its own; the list is run twice, in
 * opposite orders, since other work on a shared machine comes and goes.
 */
async function throughput(files: string[]): Promise<string> {
  const rounds: ThroughputResult[][] = [[], []];
  for (const [round, order] of [THROUGHPUT_RUNS.map((_, i) => i), THROUGHPUT_RUNS.map((_, i) => THROUGHPUT_RUNS.length - 1 - i)].entries()) {
    for (const index of order) {
      const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--throughput-run', JSON.stringify({ run: THROUGHPUT_RUNS[index], files })], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (child.status !== 0) throw new Error(`throughput run ${JSON.stringify(THROUGHPUT_RUNS[index])} failed`);
      rounds[round]![index] = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ThroughputResult;
    }
  }
  const lines = [
    '| how | photos at once | libvips threads | libvips cache | wall s per photo (two rounds) | other processes meanwhile, cores | CPU ms per photo | peak RSS MB |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const [index, run] of THROUGHPUT_RUNS.entries()) {
    const results = rounds.map((round) => round[index]!);
    const wall = results.map((result) => (result.wallMs / 1000 / THROUGHPUT_JOBS).toFixed(3)).join(' / ');
    const cpu = mean(results.map((result) => result.cpuMs / THROUGHPUT_JOBS));
    const rss = Math.max(...results.map((result) => result.maxRssMb));
    const others = results.map((result) => (result.othersCpuMs / result.wallMs).toFixed(1)).join(' / ');
    lines.push(`| ${run.mode === 'workers' ? 'worker threads' : 'promises'} | ${run.pool} | ${run.threads} | ${run.cache ? 'on' : 'off'} | ${wall} | ${others} | ${ms(cpu)} | ${rss} |`);
  }
  return lines.join('\n');
}

/** The child process of one throughput run: prints its ThroughputResult as JSON. */
async function throughputRun({ run, files }: { run: ThroughputRun; files: string[] }): Promise<void> {
  sharp.concurrency(run.threads);
  sharp.cache(run.cache);
  const jobs = Array.from({ length: THROUGHPUT_JOBS }, (_, i) => files[i % files.length]!);
  const startCpu = process.cpuUsage();
  const startBusy = machineBusyMs();
  const start = performance.now();
  if (run.mode === 'promises') {
    const specs = webImageSpecs();
    await Promise.all(
      Array.from({ length: run.pool }, async () => {
        for (let file = jobs.shift(); file; file = jobs.shift()) await encodeWebImages(await readFile(file), specs, { maxPixels: 100_000_000, label: file });
      }),
    );
  } else {
    await Promise.all(
      Array.from({ length: run.pool }, () => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { threads: run.threads, cache: run.cache } });
        worker.on('message', () => worker.postMessage(jobs.shift() ?? null));
        return new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject));
      }),
    );
  }
  const cpu = process.cpuUsage(startCpu);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const result: ThroughputResult = {
    wallMs: performance.now() - start,
    cpuMs,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    othersCpuMs: Math.max(0, machineBusyMs() - startBusy - cpuMs),
  };
  console.log(JSON.stringify(result));
}

/** A worker thread of a throughput run: asks for a file, encodes it, until there is none. */
function throughputWorker(): void {
  const { threads, cache } = workerData as { threads: number; cache: boolean };
  sharp.concurrency(threads);
  sharp.cache(cache);
  const specs = webImageSpecs();
  parentPort!.on('message', async (file: string | null) => {
    if (file === null) return process.exit(0);
    await encodeWebImages(await readFile(file), specs, { maxPixels: 100_000_000, label: file });
    parentPort!.postMessage('ready');
  });
  parentPort!.postMessage('ready');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Every pipeline here reads the same buffers again: libvips' operation cache would hand back
  // earlier results and make later candidates look free.
  sharp.cache(false);
  // The first pipeline of a process starts libuv's and the encoders' threads: not a photo's cost.
  const warmUp = sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } });
  for (const format of ['avif', 'webp', 'jpeg'] as const) await warmUp.clone().toFormat(format).toBuffer();
  const photos = await loadPhotos(args);
  if (photos.length === 0) throw new Error('no photos: drop --no-sample or give --synthetic N');
  const sizes = await Promise.all(
    photos.map(async (photo) => {
      const { autoOrient } = await sharp(photo.bytes).metadata();
      return `${photo.name} ${autoOrient.width}×${autoOrient.height}, ${kb(photo.bytes.length)} KB`;
    }),
  );
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, libvips threads per image ${sharp.concurrency()}; photos:\n  ${sizes.join('\n  ')}`);
  console.log(`chosen: ${JSON.stringify(WEB_IMAGE_SETTINGS)}; encodingConcurrency() = ${encodingConcurrency()}\n`);
  if (args.throughput) {
    const files = photos.filter((photo) => photo.group === 'synthetic').map((photo) => photo.path);
    console.log(`## Throughput of encodeWebImages (${webImageSpecs().length} variants, ${THROUGHPUT_JOBS} photos of 3000×2000)\n\n${await throughput(files.length > 0 ? files : photos.map((photo) => photo.path))}`);
    return;
  }
  const groups = new Map<string, PhotoMeasures[]>();
  for (const photo of photos) {
    const started = performance.now();
    const measures = await measurePhoto(photo, args.reps);
    const group = photo.group === 'sample' ? 'sample 4000×2667' : 'synthetic 3000×2000';
    groups.set(group, [...(groups.get(group) ?? []), measures]);
    console.error(`measured ${photo.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // The chosen set end to end, through the module itself, as a check on the sums below.
  const specs = webImageSpecs();
  const endToEnd: string[] = [];
  for (const [group, members] of [['sample 4000×2667', photos.filter((p) => p.group === 'sample')], ['synthetic 3000×2000', photos.filter((p) => p.group === 'synthetic')]] as const) {
    if (members.length === 0) continue;
    const cpu: number[] = [];
    let bytes = 0;
    for (const photo of members) {
      const { ms: used, result } = await cpuMs(args.reps, () => encodeWebImages(photo.bytes, specs, { maxPixels: 100_000_000, label: photo.name }));
      cpu.push(used);
      bytes += result.reduce((sum, variant) => sum + variant.data.length, 0);
    }
    endToEnd.push(`| ${group} | ${specs.length} | ${ms(mean(cpu))} | ${kb(bytes / members.length)} |`);
  }
  console.log(`## Decode\n\n${decodeTable(groups)}\n`);
  console.log(`## Candidates (per photo, mean over the group)\n\n${candidateTable(groups)}\n`);
  console.log(`## Candidate sets (CPU = decode at the set's top width + every variant; views: ${VIEWS.map((v) => `${v.name} ${v.width}`).join(', ')})\n\n${setTable(groups)}\n`);
  console.log(`## The chosen set through encodeWebImages\n\n| photos | variants | CPU ms/photo | KB stored |\n| --- | ---: | ---: | ---: |\n${endToEnd.join('\n')}`);
}

if (!isMainThread) throughputWorker();
else if (process.argv[2] === '--throughput-run') await throughputRun(JSON.parse(process.argv[3]!));
else await main();
