/**
 * Camera originals for the synthetic corpus: distinct JPEGs of a press photo's size and weight
 * (3000×2000, about 1.8 MB at quality 88, with sensor-like noise so they compress like photos),
 * carrying the EXIF a camera writes, GPS and serial numbers included, so that the image and pack
 * stages do their real work on them. Made once with sharp and kept between runs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** Bump when the pixels or metadata change, so cached originals are made again. */
const GENERATOR_VERSION = 1;
const JPEG_QUALITY = 88;
/** The noise layer is cut from a larger one at varied offsets, so each photo's noise differs. */
const NOISE_MARGIN = 256;
const SCENE_WIDTH = 60;
const SCENE_HEIGHT = 40;

export interface PhotoSize {
  width: number;
  height: number;
}

/** Where originals are kept between runs: `PRESS_BENCH_CACHE`, else the user's cache folder. */
function benchCacheDir(): string {
  return process.env.PRESS_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pressroom-bench');
}

export function originalsDir(size: PhotoSize, cacheDir = benchCacheDir()): string {
  return join(cacheDir, `originals-v${GENERATOR_VERSION}-${size.width}x${size.height}`);
}

export const originalPath = (dir: string, n: number) => join(dir, `photo-${String(n + 1).padStart(5, '0')}.jpg`);

/** Bytes from a label: photo n has the same scene on every machine (its grain, from libvips, differs). */
function seededBytes(label: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  for (let block = 0; chunks.length * 32 < length; block++) chunks.push(createHash('sha256').update(`${label}:${block}`).digest());
  return Buffer.concat(chunks).subarray(0, length);
}

/** A few soft blobs of muted colour: upscaled, it reads as an out-of-focus room full of people. */
function scene(n: number): Buffer {
  const bytes = seededBytes(`scene-v${GENERATOR_VERSION}-${n}`, SCENE_WIDTH * SCENE_HEIGHT * 3);
  return Buffer.from(bytes.map((value) => 60 + Math.floor((value * 140) / 255)));
}

/** EXIF as a camera writes it; the GPS block and serial numbers are what the site must strip. */
const cameraExif = {
  IFD0: { Make: 'Canon', Model: 'Canon EOS R5', Software: 'pressroom-bench' },
  IFD2: { DateTimeOriginal: '2023:03:29 10:00:00', BodySerialNumber: '032021001234', LensSerialNumber: '9316004321', CameraOwnerName: 'Photo Desk' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 3/1 2268/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 37/1 0/1' },
};

export interface OriginalsResult {
  dir: string;
  /** How many were made in this run (the rest came from the cache). */
  made: number;
  seconds: number;
}

/** Makes sure originals 0…count-1 exist, making the missing ones two at a time. */
export async function ensureOriginals(count: number, size: PhotoSize, log: (line: string) => void, cacheDir = benchCacheDir()): Promise<OriginalsResult> {
  const dir = originalsDir(size, cacheDir);
  await mkdir(dir, { recursive: true });
  const missing = Array.from({ length: count }, (_, n) => n).filter((n) => !existsSync(originalPath(dir, n)));
  const started = performance.now();
  if (missing.length === 0) return { dir, made: 0, seconds: 0 };
  log(`making ${missing.length} of ${count} photo originals (${size.width}×${size.height}) in ${dir}; they are kept for later runs`);
  const noiseSize = { width: size.width + NOISE_MARGIN, height: size.height + NOISE_MARGIN, channels: 3 as const };
  const noise = await sharp({ create: { ...noiseSize, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).raw().toBuffer();
  let done = 0;
  const worker = async () => {
    for (let n = missing.shift(); n !== undefined; n = missing.shift()) {
      await makeOriginal(n, size, noise, noiseSize, originalPath(dir, n));
      if (++done % 100 === 0) log(`  ${done} originals made`);
    }
  };
  await Promise.all([worker(), worker()]);
  return { dir, made: done, seconds: (performance.now() - started) / 1000 };
}

async function makeOriginal(n: number, size: PhotoSize, noise: Buffer, noiseSize: PhotoSize & { channels: 3 }, dest: string): Promise<void> {
  const pixels = await sharp(scene(n), { raw: { width: SCENE_WIDTH, height: SCENE_HEIGHT, channels: 3 } })
    .blur(1.5)
    .resize(size.width, size.height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const grain = await sharp(noise, { raw: noiseSize })
    .extract({ left: (n * 37) % NOISE_MARGIN, top: (n * 53) % NOISE_MARGIN, ...size })
    .raw()
    .toBuffer();
  const temporary = `${dest}.tmp`;
  await sharp(pixels, { raw: { ...size, channels: 3 } })
    .composite([{ input: grain, raw: { ...size, channels: 3 }, blend: 'overlay' }])
    .withExif(cameraExif)
    .jpeg({ quality: JPEG_QUALITY })
    .toFile(temporary);
  await rename(temporary, dest);
}
