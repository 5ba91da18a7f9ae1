/**
 * Generates placeholder JPEGs for the photo entries of the sample content.
 *
 * For every `content/releases/<slug>/photos/<id>.yaml` whose image file is missing (or for all of
 * them with `--force`), this writes a 4000×2667 JPEG that looks roughly like a photograph (muted
 * colours, soft shapes, sensor-like noise, so the file has a realistic size of a few MB), stamped in
 * large letters "PLACEHOLDER — not a real photo" with the photo id and the start of its caption.
 *
 * It then writes fake camera metadata into the file: make, model, body and lens serial numbers,
 * owner name, capture time and the GPS position of the Taipei Nangang Exhibition Center. These
 * tags are there on purpose: the site's image pipeline must strip GPS and serial numbers before
 * publishing, and these files let tests prove that it does.
 *
 * The output is deterministic: the same YAML gives the same pixels (the noise comes from a PRNG
 * seeded with the photo id, not from sharp), as long as the same fonts and library versions are
 * installed.
 *
 * Usage (from the repository root):
 *   node_modules/.bin/node --experimental-strip-types scripts/sample/make-placeholder-photos.ts [--force] [id…]
 *
 *   --force   regenerate images that already exist
 *   id…       only these photo ids (file names without .yaml)
 *
 * Reads `PRESS_CONTENT_DIR` like the site does; defaults to the repository's `content/`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parse } from 'yaml';
import { exiftool } from 'exiftool-vendored';
import type { WriteTags } from 'exiftool-vendored';
import { photoFiles, photoIdOf } from '../../src/lib/content/files.ts';
import { contentDir as contentDirSetting } from '../../src/settings.ts';

const WIDTH = 4000;
const HEIGHT = 2667;
const JPEG_QUALITY = 90;
/** Bump to change every generated image (it is part of the PRNG seed). */
const GENERATOR_VERSION = 'placeholder-v1';

/** Fake camera: the same body and lens for every placeholder. */
const CAMERA = {
  Make: 'Canon',
  Model: 'Canon EOS R5',
  SerialNumber: '032021001234',
  LensModel: 'RF24-105mm F4 L IS USM',
  LensSerialNumber: '9316004321',
  OwnerName: 'Sisa Times Photo Desk',
} as const;

/** Taipei Nangang Exhibition Center, Hall 1. */
const GPS = { latitude: 25.0563, longitude: 121.6167 } as const;

/** Capture time used when a photo's `taken` is a day without time, or missing. */
const DEFAULT_TIME = '10:00:00';
const DEFAULT_DAY = '2023-03-30';
const DEFAULT_OFFSET = '+08:00';

type PhotoEntry = {
  id: string;
  yamlPath: string;
  imagePath: string;
  captionKo?: string;
  captionEn?: string;
  taken?: string;
};

const scriptDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(scriptDir, '../..');
const contentDir = resolve(repoRoot, contentDirSetting());

// ---------------------------------------------------------------------------------------------
// Finding the photo entries

function asText(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function readEntry(yamlPath: string): PhotoEntry {
  const id = photoIdOf(yamlPath);
  const data = parse(readFileSync(yamlPath, 'utf8')) ?? {};
  const image = asText(data.image);
  if (!image) throw new Error(`${yamlPath}: no "image:" field`);
  const caption = (data.caption ?? {}) as Record<string, unknown>;
  return {
    id,
    yamlPath,
    imagePath: resolve(dirname(yamlPath), image),
    captionKo: asText(caption.ko),
    captionEn: asText(caption.en),
    taken: asText(data.taken),
  };
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** sfc32: small, fast, good enough for noise; seeded from a SHA-256 of the text. */
function seededRandom(seedText: string): () => number {
  const hash = createHash('sha256').update(seedText).digest();
  let a = hash.readUInt32LE(0);
  let b = hash.readUInt32LE(4);
  let c = hash.readUInt32LE(8);
  let d = hash.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** Standard normal samples by Box–Muller, two at a time. */
function gaussianSource(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = random();
    while (u <= Number.EPSILON) u = random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

// ---------------------------------------------------------------------------------------------
// Pixels

/**
 * A small, smooth "scene": a muted vertical gradient (ceiling light to floor), a few soft blobs of
 * colour (people, stands, lights out of focus) and a vignette. It is upscaled by sharp, so only
 * this small image is computed per pixel.
 */
function smallScene(random: () => number, width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  const hue = random();
  const base = muted(hue, 0.18, 0.62);
  const floor = muted(hue + 0.08, 0.14, 0.3);
  const blobs = Array.from({ length: 9 }, () => ({
    x: random() * width,
    y: height * (0.25 + random() * 0.7),
    rx: width * (0.04 + random() * 0.14),
    ry: height * (0.12 + random() * 0.35),
    colour: muted(random(), 0.12 + random() * 0.25, 0.2 + random() * 0.55),
    strength: 0.45 + random() * 0.5,
  }));
  for (let y = 0; y < height; y++) {
    const t = y / (height - 1);
    for (let x = 0; x < width; x++) {
      let r = base[0] * (1 - t) + floor[0] * t;
      let g = base[1] * (1 - t) + floor[1] * t;
      let b = base[2] * (1 - t) + floor[2] * t;
      for (const blob of blobs) {
        const dx = (x - blob.x) / blob.rx;
        const dy = (y - blob.y) / blob.ry;
        const weight = blob.strength * Math.exp(-(dx * dx + dy * dy));
        r += (blob.colour[0] - r) * weight;
        g += (blob.colour[1] - g) * weight;
        b += (blob.colour[2] - b) * weight;
      }
      const cx = x / (width - 1) - 0.5;
      const cy = y / (height - 1) - 0.5;
      const vignette = 1 - 0.55 * (cx * cx + cy * cy);
      const offset = (y * width + x) * 3;
      pixels[offset] = clamp(r * vignette * 255);
      pixels[offset + 1] = clamp(g * vignette * 255);
      pixels[offset + 2] = clamp(b * vignette * 255);
    }
  }
  return pixels;
}

/** A desaturated RGB colour (0–1 per channel) from hue, saturation and lightness. */
function muted(hue: number, saturation: number, lightness: number): [number, number, number] {
  const h = ((hue % 1) + 1) % 1;
  const channel = (n: number): number => {
    const k = (n + h * 12) % 12;
    const a = saturation * Math.min(lightness, 1 - lightness);
    return lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [channel(0), channel(8), channel(4)];
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

/** Adds sensor-like noise in place: mostly luminance, a little chroma. */
function addNoise(pixels: Buffer, gaussian: () => number, lumaSigma: number, chromaSigma: number): void {
  for (let offset = 0; offset < pixels.length; offset += 3) {
    const luma = gaussian() * lumaSigma;
    pixels[offset] = clamp(pixels[offset] + luma + gaussian() * chromaSigma);
    pixels[offset + 1] = clamp(pixels[offset + 1] + luma + gaussian() * chromaSigma);
    pixels[offset + 2] = clamp(pixels[offset + 2] + luma + gaussian() * chromaSigma);
  }
}

// ---------------------------------------------------------------------------------------------
// Text overlay

/** A font family that covers Korean, if fontconfig knows one. */
function findCjkFont(): string | undefined {
  try {
    const out = execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' });
    const families = out
      .split('\n')
      .map((line) => line.split(',')[0].trim())
      .filter(Boolean)
      .sort();
    return families[0];
  } catch {
    return undefined;
  }
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The first words of a text, up to about `limit` characters. */
function firstWords(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trim()} …`;
}

function captionLine(entry: PhotoEntry, cjkFont: string | undefined): string | undefined {
  if (cjkFont && entry.captionKo) return firstWords(entry.captionKo, 38);
  // No font for Korean: fall back to the English caption, and keep ASCII only either way.
  const ascii = (entry.captionEn ?? '').replace(/[’‘]/g, "'").replace(/[^\x20-\x7e]/g, '').trim();
  return ascii ? firstWords(ascii, 64) : undefined;
}

function overlaySvg(entry: PhotoEntry, cjkFont: string | undefined): Buffer {
  const sans = cjkFont ? `'${cjkFont}', 'DejaVu Sans', sans-serif` : `'DejaVu Sans', sans-serif`;
  const caption = captionLine(entry, cjkFont);
  const watermark: string[] = [];
  for (let row = -2; row < 9; row++) {
    for (let col = -1; col < 6; col++) {
      const x = col * 1150 + (row % 2) * 575;
      const y = row * 380;
      watermark.push(`<text x="${x}" y="${y}">PLACEHOLDER</text>`);
    }
  }
  const bandTop = 880;
  const bandHeight = caption ? 940 : 780;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <g transform="rotate(-20 ${WIDTH / 2} ${HEIGHT / 2})" font-family="'DejaVu Sans', sans-serif" font-weight="bold" font-size="120" fill="#ffffff" fill-opacity="0.13">
    ${watermark.join('\n    ')}
  </g>
  <rect x="40" y="40" width="${WIDTH - 80}" height="${HEIGHT - 80}" fill="none" stroke="#ffcc00" stroke-width="36" stroke-dasharray="160 80"/>
  <rect x="0" y="${bandTop}" width="${WIDTH}" height="${bandHeight}" fill="#000000" fill-opacity="0.62"/>
  <g text-anchor="middle" fill="#ffffff">
    <text x="${WIDTH / 2}" y="${bandTop + 250}" font-family="'DejaVu Sans', sans-serif" font-weight="bold" font-size="190" fill="#ffcc00">PLACEHOLDER — not a real photo</text>
    <text x="${WIDTH / 2}" y="${bandTop + 450}" font-family="'DejaVu Sans Mono', monospace" font-size="100">${escapeXml(entry.id)}</text>
    ${caption ? `<text x="${WIDTH / 2}" y="${bandTop + 640}" font-family="${escapeXml(sans)}" font-size="92">${escapeXml(caption)}</text>` : ''}
    <text x="${WIDTH / 2}" y="${bandTop + bandHeight - 90}" font-family="'DejaVu Sans', sans-serif" font-size="64" fill-opacity="0.85">Generated test image — the camera EXIF and GPS in this file are fake</text>
  </g>
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** EXIF date and offset from `taken` (a day, or a date-time with offset), or the default day. */
function captureTime(taken: string | undefined): { dateTime: string; offset: string } {
  const text = taken ?? DEFAULT_DAY;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!match) throw new Error(`cannot read taken: ${JSON.stringify(taken)}`);
  const [, year, month, day, hour, minute, second, zone] = match;
  const time = hour ? `${hour}:${minute}:${second ?? '00'}` : DEFAULT_TIME;
  const offset = !zone ? DEFAULT_OFFSET : zone === 'Z' ? '+00:00' : zone;
  return { dateTime: `${year}:${month}:${day} ${time}`, offset };
}

async function writeCameraMetadata(entry: PhotoEntry): Promise<{ dateTime: string; offset: string }> {
  const { dateTime, offset } = captureTime(entry.taken);
  const tags = {
    ...CAMERA,
    DateTimeOriginal: dateTime,
    CreateDate: dateTime,
    OffsetTimeOriginal: offset,
    'Orientation#': 1,
    GPSLatitude: GPS.latitude,
    GPSLatitudeRef: 'N',
    GPSLongitude: GPS.longitude,
    GPSLongitudeRef: 'E',
  } as unknown as WriteTags;
  await exiftool.write(entry.imagePath, tags, { writeArgs: ['-overwrite_original'] });
  return { dateTime, offset };
}

// ---------------------------------------------------------------------------------------------
// Main

async function makePlaceholder(entry: PhotoEntry, cjkFont: string | undefined): Promise<void> {
  const random = seededRandom(`${GENERATOR_VERSION}:${entry.id}`);
  const smallWidth = 160;
  const smallHeight = Math.round((smallWidth * HEIGHT) / WIDTH);
  const scene = await sharp(smallScene(random, smallWidth, smallHeight), {
    raw: { width: smallWidth, height: smallHeight, channels: 3 },
  })
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  addNoise(scene, gaussianSource(random), 9, 3);
  await sharp(scene, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .composite([{ input: overlaySvg(entry, cjkFont), top: 0, left: 0 }])
    .jpeg({ quality: JPEG_QUALITY })
    .toFile(entry.imagePath);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const unknownFlags = args.filter((arg) => arg.startsWith('-') && arg !== '--force');
  if (unknownFlags.length > 0) {
    throw new Error(`unknown option ${unknownFlags.join(', ')}; usage: make-placeholder-photos.ts [--force] [id…]`);
  }
  const onlyIds = new Set(args.filter((arg) => !arg.startsWith('-')));

  const entries = photoFiles(contentDir)
    .map(readEntry)
    .filter((entry) => onlyIds.size === 0 || onlyIds.has(entry.id));
  for (const id of onlyIds) {
    if (!entries.some((entry) => entry.id === id)) throw new Error(`no photo YAML with id ${id} under ${contentDir}`);
  }
  if (entries.length === 0) {
    console.log(`No photo YAML files found under ${join(contentDir, 'releases/*/photos/')}.`);
    return;
  }

  const cjkFont = findCjkFont();
  console.log(
    cjkFont
      ? `Caption text font: ${cjkFont} (Korean captions).`
      : 'No Korean font found by fc-list: captions are drawn from the English caption, ASCII only.',
  );

  let made = 0;
  for (const entry of entries) {
    const shown = relative(process.cwd(), entry.imagePath);
    if (existsSync(entry.imagePath) && !force) {
      console.log(`skip   ${shown} (exists; use --force to regenerate)`);
      continue;
    }
    await makePlaceholder(entry, cjkFont);
    const { dateTime, offset } = await writeCameraMetadata(entry);
    const megabytes = (statSync(entry.imagePath).size / 1_000_000).toFixed(2);
    console.log(
      `wrote  ${shown}: ${WIDTH}×${HEIGHT} JPEG q${JPEG_QUALITY}, ${megabytes} MB; ` +
        `EXIF ${CAMERA.Model} #${CAMERA.SerialNumber}, taken ${dateTime}${offset}` +
        `${entry.taken ? '' : ' (no "taken" in YAML: default day)'}, GPS ${GPS.latitude} N ${GPS.longitude} E`,
    );
    made++;
  }
  console.log(`${made} placeholder${made === 1 ? '' : 's'} written, ${entries.length - made} skipped.`);
}

try {
  await main();
} catch (error) {
  console.error(`make-placeholder-photos: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await exiftool.end();
}
