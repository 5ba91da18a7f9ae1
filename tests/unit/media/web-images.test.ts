import { availableParallelism } from 'node:os';
import sharp, { type SharpOptions } from 'sharp';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeWebImages, encodingConcurrency, webImageSettingsKey, webImageSpecs, WEB_IMAGE_SETTINGS, type VariantSpec } from '../../../src/lib/media/web-images';

// Every sharp() call, with its arguments: proves the original is decoded once and every variant
// is made from raw pixels, without timing anything.
const sharpCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('sharp', async (importOriginal) => {
  const actual = await importOriginal<typeof import('sharp')>();
  const recording = new Proxy(actual.default, {
    apply(target, self, args: Parameters<typeof actual.default>) {
      sharpCalls.push(args);
      return Reflect.apply(target, self, args);
    },
  });
  return { default: recording };
});

const options = { maxPixels: 100_000_000, label: 'content/releases/test/photos/test-01.jpg' };

/** A camera-like JPEG: grain, EXIF with GPS and serial numbers, XMP, a Display P3 profile. */
async function cameraJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 110, b: 100 }, noise: { type: 'gaussian', mean: 120, sigma: 20 } } })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'Canon EOS R5' },
      IFD2: { BodySerialNumber: '032021001234', CameraOwnerName: 'Photo Desk' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 3/1 2268/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 37/1 0/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Photo Desk</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    .withIccProfile('p3')
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The offsets of a baseline JPEG's segments, up to and including the start of scan. */
function jpegSegments(jpeg: Buffer): { offset: number; marker: number; length: number }[] {
  const segments = [];
  for (let offset = 2; offset < jpeg.length; ) {
    const marker = jpeg[offset + 1]!;
    const length = jpeg.readUInt16BE(offset + 2);
    segments.push({ offset, marker, length });
    if (marker === 0xda) break;
    offset += 2 + length;
  }
  return segments;
}

/** Where the entropy-coded image data lies: after the start-of-scan header, before the end marker. */
function scanData(jpeg: Buffer): { start: number; end: number } {
  const sos = jpegSegments(jpeg).find((segment) => segment.marker === 0xda)!;
  return { start: sos.offset + 2 + sos.length, end: jpeg.lastIndexOf(Buffer.from([0xff, 0xd9])) };
}

const expectedFormat = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' } as const;

let camera: Buffer;
beforeAll(async () => {
  camera = await cameraJpeg(2400, 1600);
  const input = await sharp(camera).metadata();
  // The fixture must carry what the outputs must not.
  expect(input.exif).toBeDefined();
  expect(input.xmp).toBeDefined();
  expect(input.icc).toBeDefined();
});
beforeEach(() => {
  sharpCalls.length = 0;
});

describe('encodeWebImages', () => {
  it('makes every variant of the chosen set at the promised size and format, with no metadata', async () => {
    const specs = webImageSpecs();
    const variants = await encodeWebImages(camera, specs, options);
    expect(variants.map((variant) => variant.spec)).toEqual(specs);
    for (const variant of variants) {
      const { spec } = variant;
      const expected = spec.height === undefined ? { width: spec.width, height: Math.round((spec.width * 1600) / 2400) } : { width: spec.width, height: spec.height };
      const decoded = await sharp(variant.data).metadata();
      expect({ format: decoded.format, width: decoded.width, height: decoded.height }, JSON.stringify(spec)).toEqual({ format: expectedFormat[spec.format], ...expected });
      if (spec.format === 'avif') expect(decoded.compression).toBe('av1');
      expect({ width: variant.width, height: variant.height }).toEqual(expected);
      expect({ exif: decoded.exif, xmp: decoded.xmp, icc: decoded.icc, iptc: decoded.iptc, orientation: decoded.orientation }, JSON.stringify(spec)).toEqual({
        exif: undefined,
        xmp: undefined,
        icc: undefined,
        iptc: undefined,
        orientation: undefined,
      });
      const bytes = variant.data.toString('latin1');
      // Strings long enough not to turn up by chance in compressed image data ('GPS' did, now and then).
      for (const trace of ['Canon', '032021001234', 'Photo Desk']) expect(bytes, `${trace} in ${JSON.stringify(spec)}`).not.toContain(trace);
    }
  });

  it('makes the social card exactly 1200×630', async () => {
    const [card] = await encodeWebImages(camera, [WEB_IMAGE_SETTINGS.card], options);
    const decoded = await sharp(card!.data).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual(['jpeg', 1200, 630]);
  });

  it('also makes WebP when a spec asks for it', async () => {
    const [webp] = await encodeWebImages(camera, [{ format: 'webp', width: 640 }], options);
    const decoded = await sharp(webp!.data).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual(['webp', 640, 427]);
  });

  it('converts colour to sRGB: a Display P3 red stays the red it looks like', async () => {
    const p3Red = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 40, b: 40 } } }).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
    const [variant] = await encodeWebImages(p3Red, [{ format: 'jpeg', width: 64 }], options);
    const asStored = await sharp(p3Red, { ignoreIcc: true }).raw().toBuffer();
    const output = await sharp(variant!.data).raw().toBuffer();
    // The stored numbers are P3 (184, 55, 49 here); their sRGB equivalent is near the red we made.
    expect(Math.abs(output[0]! - 200)).toBeLessThan(8);
    expect(Math.abs(asStored[0]! - 200)).toBeGreaterThan(8);
  });

  it('turns a photo with EXIF orientation 6 upright, swapping its dimensions', async () => {
    // Stored landscape, left half red and right half blue; orientation 6 means "rotate 90° clockwise
    // to view", which puts the stored left half on top.
    const halves = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
      .composite([{ input: { create: { width: 300, height: 400, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(halves).metadata()).orientation).toBe(6);
    const [variant] = await encodeWebImages(halves, [{ format: 'jpeg', width: 300 }], options);
    expect([variant!.width, variant!.height]).toEqual([300, 450]);
    const { data, info } = await sharp(variant!.data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 450]);
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
    expect(pixel(150, 50)[0]).toBeGreaterThan(200);
    expect(pixel(150, 50)[2]).toBeLessThan(60);
    expect(pixel(150, 400)[2]).toBeGreaterThan(200);
    expect(pixel(150, 400)[0]).toBeLessThan(60);
    expect((await sharp(variant!.data).metadata()).orientation).toBeUndefined();
  });

  it('never enlarges a small original, and encodes what comes out identical once', async () => {
    const small = await cameraJpeg(500, 333);
    const specs = webImageSpecs();
    const variants = await encodeWebImages(small, specs, options);
    for (const variant of variants) {
      const decoded = await sharp(variant.data).metadata();
      expect([decoded.width, decoded.height]).toEqual([variant.width, variant.height]);
      expect(variant.width).toBeLessThanOrEqual(500);
      expect(variant.height).toBeLessThanOrEqual(333);
    }
    const avif = variants.filter((variant) => variant.spec.format === 'avif' && variant.spec.height === undefined);
    expect(avif.map((variant) => variant.width)).toEqual([400, 500, 500, 500]);
    expect(avif[2]!.data).toBe(avif[1]!.data);
    expect(avif[3]!.data).toBe(avif[1]!.data);
    // The card: the largest 1200:630 crop the photo holds, not scaled up.
    const card = variants.find((variant) => variant.spec.height !== undefined)!;
    expect([card.width, card.height]).toEqual([500, 263]);
  });

  it('decodes the original once and makes every variant from its raw pixels', async () => {
    const specs: VariantSpec[] = [
      { format: 'avif', width: 400 },
      { format: 'avif', width: 1600 },
      { format: 'jpeg', width: 800 },
      { format: 'webp', width: 1200 },
      { format: 'jpeg', width: 1200, height: 630 },
    ];
    await encodeWebImages(camera, specs, options);
    const fromOriginal = sharpCalls.filter(([input]) => input === camera);
    const fromRaw = sharpCalls.filter(([, inputOptions]) => (inputOptions as SharpOptions | undefined)?.raw !== undefined);
    expect(fromOriginal).toHaveLength(1);
    expect(fromRaw).toHaveLength(specs.length);
    expect(sharpCalls).toHaveLength(1 + specs.length);
    // All from one buffer of pixels, as large as the largest variant needs.
    const masters = new Set(fromRaw.map(([input]) => input));
    expect(masters.size).toBe(1);
    expect((fromRaw[0]![1] as SharpOptions).raw).toMatchObject({ width: 1600, height: 1067, channels: 3 });
  });

  it('fails on a truncated JPEG, naming the file and what to do', async () => {
    const truncated = camera.subarray(0, Math.floor(camera.length * 0.6));
    await expect(encodeWebImages(truncated, webImageSpecs(), options)).rejects.toThrow(
      new Error(`${options.label}: the image file is damaged (premature end of JPEG image); export it again from the photo software and replace the file.`),
    );
  });

  it('fails on a JPEG with corrupt image data whose end marker is intact', async () => {
    const corrupt = Buffer.from(camera);
    const { start, end } = scanData(corrupt);
    const middle = Math.floor((start + end) / 2);
    // A marker where scan data should be: what a flipped bit or a bad sector leaves behind.
    corrupt[middle] = 0xff;
    corrupt[middle + 1] = 0xc4;
    expect(corrupt.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    const error = await encodeWebImages(corrupt, webImageSpecs(), options).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain(options.label);
    expect(error?.message).toContain('is damaged');
    expect(error?.message).toContain('export it again from the photo software');
  });

  it('accepts the harmless quirks some cameras write: padding between header segments, odd scan parameters', async () => {
    const dqt = jpegSegments(camera).find((segment) => segment.marker === 0xdb)!;
    const padded = Buffer.concat([camera.subarray(0, dqt.offset), Buffer.alloc(4), camera.subarray(dqt.offset)]);
    const oddScan = Buffer.from(camera);
    const sos = jpegSegments(oddScan).find((segment) => segment.marker === 0xda)!;
    oddScan[sos.offset + 2 + sos.length - 1] = 0x11; // successive approximation bits, meaningless in a baseline scan
    for (const quirky of [padded, oddScan]) {
      const [variant] = await encodeWebImages(quirky, [{ format: 'jpeg', width: 800 }], options);
      expect((await sharp(variant!.data).metadata()).width).toBe(800);
    }
  });

  it('fails on a file that is not an image', async () => {
    await expect(encodeWebImages(Buffer.from('촬영 메모: 3월 29일\n'), webImageSpecs(), options)).rejects.toThrow(`${options.label}: the image file is damaged`);
  });

  it('refuses an original with more pixels than allowed, naming it', async () => {
    await expect(encodeWebImages(camera, webImageSpecs(), { ...options, maxPixels: 1_000_000 })).rejects.toThrow(
      `${options.label}: the photo has more than 1,000,000 pixels`,
    );
  });

  it('refuses a spec that cannot be made', async () => {
    await expect(encodeWebImages(camera, [{ format: 'jpeg', width: 0 }], options)).rejects.toThrow(TypeError);
    await expect(encodeWebImages(camera, [{ format: 'gif' as 'jpeg', width: 100 }], options)).rejects.toThrow(TypeError);
  });
});

describe('settings', () => {
  it('key names the settings and the versions of sharp and libvips', () => {
    const key = webImageSettingsKey();
    expect(key).toContain(`"sharp":"${sharp.versions.sharp}"`);
    expect(key).toContain(`"vips":"${sharp.versions.vips}"`);
    expect(JSON.parse(key).settings).toEqual(JSON.parse(JSON.stringify(WEB_IMAGE_SETTINGS)));
  });

  it('specs list each format at each width, then the card', () => {
    const specs = webImageSpecs();
    expect(specs).toHaveLength(WEB_IMAGE_SETTINGS.formats.length * WEB_IMAGE_SETTINGS.widths.length + 1);
    expect(specs.at(-1)).toEqual(WEB_IMAGE_SETTINGS.card);
  });

  it('encodes one photo per core at once, no more than libuv has threads for sharp', () => {
    expect(encodingConcurrency()).toBe(Math.min(availableParallelism(), Number(process.env.UV_THREADPOOL_SIZE) || 4));
  });
});
