/**
 * Web images: the derivatives a page shows of a photo (a responsive ladder per format and the
 * social card), encoded with sharp from the camera original in one decode.
 *
 * Why one decode: a sharp pipeline per variant, even from `clone()`, decodes the original again,
 * and a 3000×2000 JPEG costs ~40 ms of CPU to decode; the original is decoded once, shrunk on load
 * to the largest size any variant needs, upright and in sRGB, into raw pixels, and every variant is
 * resized and encoded from those pixels. Raw pixels carry no EXIF, XMP, ICC profile or GPS block,
 * so nothing of the camera's metadata can reach an output.
 *
 * The formats, widths, qualities and efforts were chosen by measurement
 * (`npm run bench:web-images`, bench/web-image-formats.ts); see WEB_IMAGE_SETTINGS.
 */
import { availableParallelism } from 'node:os';
import sharp, { type AvifOptions, type JpegOptions, type OutputInfo, type Sharp, type WebpOptions } from 'sharp';
import { DamagedImageError, damageFromDecoder, decodeStrictly, isPixelLimitError } from './photo-integrity';

export type WebImageFormat = 'avif' | 'webp' | 'jpeg';

/** One derivative to make of a photo. */
export interface VariantSpec {
  /** The file format to encode. */
  format: WebImageFormat;
  /** Width in pixels; a narrower original gives its own width instead (never enlarged). */
  width: number;
  /**
   * When set, an exact `width`×`height` crop (cover, centred), as the 1200×630 social card needs.
   * An original too small for it gives the largest crop of that aspect ratio it holds, unscaled.
   */
  height?: number;
}

/** A derivative as encoded. */
export interface EncodedVariant {
  /** The spec it was made for (the same object the caller passed). */
  spec: VariantSpec;
  /** The encoded file's bytes. */
  data: Buffer;
  /** Its width in pixels. */
  width: number;
  /** Its height in pixels. */
  height: number;
}

/** What `encodeWebImages` needs besides the bytes. */
export interface EncodeOptions {
  /** Originals with more pixels than this are refused before decoding. */
  maxPixels: number;
  /** Names the photo in error messages (its file path, as the press team knows it). */
  label: string;
}

/**
 * The variants every photo gets and how they are encoded, chosen with
 * `npm run bench:web-images` (bench/web-image-formats.ts): ~280 ms of CPU per 3000×2000
 * photo, against ~1.3 s for the AVIF effort 3 + WebP set Astro made, for about the same bytes
 * per view in browsers with AVIF.
 */
export const WEB_IMAGE_SETTINGS = {
  /**
   * The responsive ladder, in device pixels: every width a layout asks for is at most 1.25× below
   * the next rung (photo grid cells of 320 CSS px at 1x and 2x, the 672 px body column at 1x and
   * 2x, phones at 2x and 3x, a 1024 px lead photo at 1x). A lead photo at 2x gets 1600 px: a
   * 2048 rung would cost 50–60 % more CPU and 1.7–1.8× the stored bytes for that one view.
   */
  widths: [400, 800, 1200, 1600],
  /**
   * Formats of the ladder, in the order a `<picture>` lists them: AVIF as a `<source>`, JPEG in
   * the `<img>` for browsers without AVIF. No WebP: the browsers that read WebP but not AVIF
   * (Safari before 16, 2022) are few, and a WebP ladder would cost as much CPU as the AVIF one.
   */
  formats: ['avif', 'jpeg'],
  /** The social card (Open Graph, feeds, structured data): an exact crop. */
  card: { format: 'jpeg', width: 1200, height: 630 },
  /**
   * AVIF encoder options (sharp `avif()`). Effort 0 is libaom's fastest all-intra speed: half the
   * CPU of effort 1 and a tenth of effort 3 for the same SSIM on the large rungs, for up to a
   * quarter more bytes than effort 3; 4:2:0 chroma, as in the JPEGs.
   */
  avif: { quality: 50, effort: 0, chromaSubsampling: '4:2:0' },
  /** JPEG encoder options (sharp `jpeg()`), for the fallback ladder and the card. */
  jpeg: { quality: 80, progressive: true },
  /** WebP encoder options (sharp `webp()`), for callers whose specs ask for WebP; not in `webImageSpecs()`. */
  webp: { quality: 80, effort: 2 },
} as const satisfies {
  widths: readonly number[];
  formats: readonly WebImageFormat[];
  card: Required<VariantSpec>;
  avif: AvifOptions;
  jpeg: JpegOptions;
  webp: WebpOptions;
};

/** Bump whenever the same original and settings would give different bytes (a code change). */
const WEB_IMAGE_VERSION = 1;

/**
 * A string naming everything that decides the output bytes besides the original and the spec:
 * this module's version, the settings, and the versions of sharp, libvips and the encoders. Put it
 * in content-addressed cache keys, so that an upgrade or a settings change makes new files.
 */
export function webImageSettingsKey(): string {
  const { sharp: sharpVersion, vips, aom, heif, webp, mozjpeg } = sharp.versions;
  return JSON.stringify({
    version: WEB_IMAGE_VERSION,
    settings: WEB_IMAGE_SETTINGS,
    libraries: { sharp: sharpVersion, vips, aom, heif, webp, mozjpeg },
  });
}

/** Every variant a photo gets: the ladder in each format, smallest first, then the card. */
export function webImageSpecs(): VariantSpec[] {
  const { widths, formats, card } = WEB_IMAGE_SETTINGS;
  return [...formats.flatMap((format) => widths.map((width) => ({ format, width }))), { ...card }];
}

/**
 * How many photos to give `encodeWebImages` at once: one per core, in this process. A photo's
 * pipelines run one after another on one thread (sharp gives libvips one thread per image on
 * glibc without jemalloc, and AVIF at effort 0 adds none), so one photo per core fills the cores.
 * Measured on 2 cores (`npm run bench:web-images -- --throughput`): 0.28 s of wall time per
 * 3000×2000 photo one at a time, 0.15 s two at a time; three or four at a time, two libvips
 * threads per image, or worker threads gave no more (workers: 10–15 % more CPU, more memory).
 * sharp runs at most UV_THREADPOOL_SIZE pipelines at once (4 by default), so no more than that.
 */
export function encodingConcurrency(): number {
  const libuvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism(), libuvThreads));
}

/**
 * Encodes `specs` from `original` (the bytes of a photo file) and returns one variant per spec,
 * in the same order. Specs that come out identical (two widths both capped at a narrow original's
 * width) are encoded once and share one Buffer; a `srcset` should list each width once.
 *
 * Throws a `DamagedImageError` naming `options.label` when libvips finds the file damaged (cut
 * short, or with picture data libjpeg warns about), and an Error when it has more than
 * `options.maxPixels` pixels. Damage libjpeg decodes without a warning is found by the walk in
 * photo-integrity.ts, which the media stage runs before this on originals not yet checked.
 */
export async function encodeWebImages(original: Buffer, specs: VariantSpec[], options: EncodeOptions): Promise<EncodedVariant[]> {
  for (const spec of specs) checkSpec(spec);
  if (specs.length === 0) return [];
  const image = sharp(original, { failOn: 'warning', limitInputPixels: options.maxPixels });
  // The header only: the upright size decides every variant's size before any pixel is decoded.
  const upright = await readHeader(image, options);
  const targets = specs.map((spec) => targetSize(spec, upright));
  const master = await decodeMaster(image, original, masterWidth(targets, upright), options);
  const encoded = new Map<string, Promise<{ data: Buffer; width: number; height: number }>>();
  const results: EncodedVariant[] = [];
  // One variant at a time: the caller runs photos in parallel, and a photo's variants in
  // parallel would only hold more encoders' memory at once for the same CPU.
  for (const [index, spec] of specs.entries()) {
    const target = targets[index]!;
    const key = `${spec.format}:${target.width}x${target.height}:${target.crop}`;
    let variant = encoded.get(key);
    if (!variant) {
      variant = encodeVariant(master, spec.format, target);
      encoded.set(key, variant);
    }
    results.push({ spec, ...(await variant) });
  }
  return results;
}

interface Size {
  width: number;
  height: number;
}

/** What a spec comes out as: the size, and whether the photo is cropped to it or only scaled. */
interface Target extends Size {
  crop: boolean;
}

interface RawMaster {
  data: Buffer;
  info: Size & { channels: 1 | 2 | 3 | 4 };
}

function checkSpec(spec: VariantSpec): void {
  const positive = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);
  if (!['avif', 'webp', 'jpeg'].includes(spec.format) || !positive(spec.width) || !positive(spec.height)) {
    throw new TypeError(`Invalid web image spec ${JSON.stringify(spec)}: format avif, webp or jpeg, positive integer width and height`);
  }
}

async function readHeader(image: Sharp, options: EncodeOptions): Promise<Size> {
  let upright: Size;
  try {
    ({ autoOrient: upright } = await image.metadata());
  } catch (error) {
    if (isPixelLimitError(error)) throw tooLarge(options, error);
    throw new DamagedImageError(damageFromDecoder(error), options.label, { cause: error });
  }
  if (upright.width * upright.height > options.maxPixels) throw tooLarge(options);
  return upright;
}

/**
 * The size a spec comes out at, from the original's upright size, so that a variant has the size
 * a resize of the original itself would give (resizing twice must not round twice).
 */
function targetSize(spec: VariantSpec, original: Size): Target {
  if (spec.height === undefined) {
    const width = Math.min(spec.width, original.width);
    return { width, height: Math.max(1, Math.round((original.height * width) / original.width)), crop: false };
  }
  if (original.width >= spec.width && original.height >= spec.height) return { width: spec.width, height: spec.height, crop: true };
  // Too small for the crop: the largest box of the crop's aspect ratio inside the photo, unscaled.
  const aspect = spec.width / spec.height;
  if (original.width / original.height > aspect) return { width: Math.round(original.height * aspect), height: original.height, crop: true };
  return { width: original.width, height: Math.max(1, Math.round(original.width / aspect)), crop: true };
}

/** The narrowest scaled copy of the original from which every target can be cut without enlarging. */
function masterWidth(targets: Target[], original: Size): number {
  const needed = targets.map((target) =>
    target.crop ? Math.ceil(original.width * Math.max(target.width / original.width, target.height / original.height)) : target.width,
  );
  return Math.min(original.width, Math.max(...needed));
}

/**
 * The original, upright, in sRGB, at `width`, as raw pixels. Asking for the final width lets
 * libjpeg shrink on load (decode at 1/2, 1/4 or 1/8 scale) when it can; it still reads all the
 * picture data, so this decode is also the libvips half of the original's integrity check.
 */
async function decodeMaster(image: Sharp, original: Buffer, width: number, options: EncodeOptions): Promise<RawMaster> {
  try {
    return await decodeStrictly(original, { ...options, first: image }, async (from) =>
      asMaster(await from.rotate().resize({ width }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })),
    );
  } catch (error) {
    if (isPixelLimitError(error)) throw tooLarge(options, error);
    throw error;
  }
}

function asMaster({ data, info }: { data: Buffer; info: OutputInfo }): RawMaster {
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

function tooLarge({ label, maxPixels }: EncodeOptions, cause?: unknown): Error {
  return new Error(`${label}: the photo has more than ${maxPixels.toLocaleString('en')} pixels, the most the site accepts; export it smaller from the photo software.`, { cause });
}

async function encodeVariant(master: RawMaster, format: WebImageFormat, target: Target) {
  let image = sharp(master.data, { raw: master.info });
  if (target.width !== master.info.width || target.height !== master.info.height) {
    // 'fill' for a plain scale: the target already has the original's aspect ratio, rounded as a
    // direct resize would round it; the master's own rounding may differ by a pixel.
    image = image.resize({ width: target.width, height: target.height, fit: target.crop ? 'cover' : 'fill', position: 'centre' });
  }
  const output = await encoder(image, format).toBuffer({ resolveWithObject: true });
  return { data: output.data, width: output.info.width, height: output.info.height };
}

function encoder(image: Sharp, format: WebImageFormat): Sharp {
  switch (format) {
    case 'avif':
      return image.avif({ ...WEB_IMAGE_SETTINGS.avif });
    case 'webp':
      return image.webp({ ...WEB_IMAGE_SETTINGS.webp });
    case 'jpeg':
      return image.jpeg({ ...WEB_IMAGE_SETTINGS.jpeg });
  }
}
