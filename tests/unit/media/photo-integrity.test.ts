import { readFileSync } from 'node:fs';
import sharp, { type JpegOptions } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOriginal, checkPictureData, DamagedImageError, decodeForCheck, walkJpegData, type ImageDamage } from '../../../src/lib/media/photo-integrity';
import { flatJpeg, scanData, truncated, withCorruptScanData } from '../../helpers/damaged-jpeg';

const sample = readFileSync(new URL('../../../content/releases/scse-2023-taipei/photos/scse-2023-taipei-01-ntca-visit.jpg', import.meta.url));
const options = { maxPixels: 100_000_000, label: 'content/releases/test/photos/test-01.jpg' };

/** A camera-like JPEG: grain, EXIF, an ICC profile. */
async function cameraJpeg(width: number, height: number, jpeg: JpegOptions = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 110, b: 100 }, noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
    .withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R5' } })
    .withIccProfile('p3')
    .jpeg({ quality: 88, ...jpeg })
    .toBuffer();
}

/** The offset of the first segment with this marker. */
function segmentAt(jpeg: Buffer, marker: number): number {
  for (let offset = 2; offset < jpeg.length; offset += 2 + jpeg.readUInt16BE(offset + 2)) if (jpeg[offset + 1] === marker) return offset;
  throw new Error(`no marker 0x${marker.toString(16)}`);
}

const insert = (jpeg: Buffer, at: number, bytes: number[]) => Buffer.concat([jpeg.subarray(0, at), Buffer.from(bytes), jpeg.subarray(at)]);
const damageOf = (jpeg: Buffer): ImageDamage | undefined => walkJpegData(jpeg).damage;

let baseline: Buffer;
let progressive: Buffer;
beforeAll(async () => {
  baseline = await cameraJpeg(1203, 805);
  // libjpeg's progression: DC and AC scans with successive approximation and refinement scans.
  progressive = await cameraJpeg(1203, 805, { progressive: true });
});

describe('walkJpegData: files that are whole', () => {
  it('reads through the sample photos and reports their size', () => {
    expect(walkJpegData(sample)).toEqual({ size: { width: 4000, height: 2667 } });
  });

  it('reads through what encoders write: baseline, progressive with refinement scans, optimised scans, 4:4:4, grey, odd sizes', async () => {
    const variants: Array<[string, Buffer]> = [
      ['baseline', baseline],
      ['progressive', progressive],
      ['mozjpeg scans', await cameraJpeg(999, 333, { mozjpeg: true })],
      ['optimised progressive scans', await cameraJpeg(640, 480, { progressive: true, optimiseScans: true })],
      ['4:4:4 progressive', await cameraJpeg(333, 222, { progressive: true, chromaSubsampling: '4:4:4' })],
      ['trellis and deringing', await cameraJpeg(500, 375, { trellisQuantisation: true, overshootDeringing: true })],
      ['quality 100', await cameraJpeg(64, 64, { quality: 100, chromaSubsampling: '4:4:4' })],
      ['one pixel', await cameraJpeg(1, 1)],
      ['grey', await sharp(baseline).greyscale().jpeg({ progressive: true }).toBuffer()],
    ];
    for (const [name, jpeg] of variants) expect(damageOf(jpeg), name).toBeUndefined();
  });

  it('follows restart markers, which many cameras write and sharp does not', async () => {
    for (const restartInterval of [1, 3, 7, 100]) {
      const jpeg = flatJpeg(641, 479, { restartInterval });
      expect(damageOf(jpeg), `interval ${restartInterval}`).toBeUndefined();
      // libvips reads it too: the hand-written file is a real JPEG.
      expect((await sharp(jpeg, { failOn: 'warning' }).metadata()).width).toBe(641);
      await sharp(jpeg, { failOn: 'warning' }).raw().toBuffer();
    }
  });

  it('lets through the harmless quirks of real files: padding between segments, fill bytes, odd scan parameters, data after the end', () => {
    const dqt = segmentAt(baseline, 0xdb);
    const padded = insert(baseline, dqt, [0, 0, 0, 0]);
    const filled = insert(baseline, baseline.lastIndexOf(Buffer.from([0xff, 0xd9])), [0xff, 0xff]);
    const oddScan = Buffer.from(baseline);
    const sos = segmentAt(oddScan, 0xda);
    oddScan[sos + 2 + oddScan.readUInt16BE(sos + 2) - 1] = 0x11;
    // A phone's depth map, a second picture (MPF) or a motion clip after the end marker.
    const trailer = Buffer.concat([baseline, flatJpeg(64, 64), Buffer.from('ftypmp42 and so on')]);
    for (const [name, jpeg] of Object.entries({ padded, filled, oddScan, trailer })) expect(damageOf(jpeg), name).toBeUndefined();
  });
});

describe('walkJpegData: damage', () => {
  it('finds bytes overwritten in the middle of the picture data, end marker intact', () => {
    const corrupt = withCorruptScanData(sample);
    expect(corrupt.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(corrupt.length).toBe(sample.length);
    expect(damageOf(corrupt)).toMatchObject({ kind: 'corrupt' });
  });

  it('finds such damage in most places it can fall, baseline and progressive', () => {
    for (const [name, jpeg] of [['baseline', baseline], ['progressive', progressive]] as const) {
      const found = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seed) => damageOf(withCorruptScanData(jpeg, { seed, at: seed / 11 })));
      expect(found.length, name).toBeGreaterThanOrEqual(8);
    }
  });

  it('finds a stretch of zeros and a marker where picture data should be', () => {
    const zeros = Buffer.from(sample);
    const { start, end } = scanData(zeros);
    zeros.fill(0, Math.floor((start + end) / 2), Math.floor((start + end) / 2) + 4096);
    const marker = Buffer.from(sample);
    marker[Math.floor((start + end) / 2)] = 0xff;
    marker[Math.floor((start + end) / 2) + 1] = 0xc4;
    expect(damageOf(zeros)).toMatchObject({ kind: 'corrupt' });
    expect(damageOf(marker)).toMatchObject({ kind: 'corrupt' });
  });

  it('calls a file cut short truncated, wherever it was cut', () => {
    for (const fraction of [0.002, 0.3, 0.6, 0.999]) {
      expect(damageOf(truncated(sample, fraction)), String(fraction)).toMatchObject({ kind: 'truncated' });
      expect(damageOf(truncated(progressive, fraction)), `progressive ${fraction}`).toMatchObject({ kind: 'truncated' });
    }
    expect(damageOf(sample.subarray(0, -2))).toEqual({ kind: 'truncated', detail: 'the file ends before its end marker' });
  });

  it('finds restart markers missing, out of order, or with data left over before them', () => {
    const whole = flatJpeg(64, 64, { restartInterval: 1 });
    const first = whole.indexOf(Buffer.from([0xff, 0xd0]));
    const swapped = Buffer.from(whole);
    swapped[first + 1] = 0xd1;
    const missing = Buffer.concat([whole.subarray(0, first), whole.subarray(first + 2)]);
    const leftOver = insert(whole, first, [0x3f]);
    expect(damageOf(swapped)).toEqual({ kind: 'corrupt', detail: 'restart markers out of order' });
    expect(damageOf(missing)).toMatchObject({ kind: 'corrupt' });
    expect(damageOf(leftOver)).toEqual({ kind: 'corrupt', detail: 'bytes left over before a restart marker' });
  });

  it('finds what is not a JPEG at all', () => {
    expect(damageOf(Buffer.from('촬영 메모: 3월 29일\n'))).toMatchObject({ kind: 'corrupt', detail: 'no JPEG start marker' });
  });
});

describe('checkOriginal', () => {
  it('returns the stored size of a whole original', async () => {
    expect(await checkOriginal(sample, options)).toEqual({ width: 4000, height: 2667 });
    expect(await checkOriginal(flatJpeg(1200, 800, { restartInterval: 5 }), options)).toEqual({ width: 1200, height: 800 });
  });

  it('throws DamagedImageError naming the file and what was found', async () => {
    const error = await checkOriginal(withCorruptScanData(sample), options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DamagedImageError);
    expect((error as DamagedImageError).damage.kind).toBe('corrupt');
    expect((error as Error).message).toMatch(/^content\/releases\/test\/photos\/test-01\.jpg: the image file is damaged \(.+\); export it again/);
    await expect(checkPictureData(truncated(sample), options.label)).rejects.toMatchObject({ damage: { kind: 'truncated' } });
  });

  it('decodes with libvips too: a file cut short fails, a harmless quirk libjpeg warns about passes', async () => {
    await expect(decodeForCheck(truncated(sample), options)).rejects.toMatchObject({ damage: { kind: 'truncated', detail: 'premature end of JPEG image' } });
    const padded = insert(baseline, segmentAt(baseline, 0xdb), [0, 0, 0, 0]);
    // libjpeg warns about the padding: at failOn 'warning' alone this file would fail.
    await expect(sharp(padded, { failOn: 'warning' }).raw().toBuffer()).rejects.toThrow(/extraneous bytes before marker 0xdb/);
    await expect(decodeForCheck(padded, options)).resolves.toBeUndefined();
    await expect(checkOriginal(padded, options)).resolves.toEqual({ width: 1203, height: 805 });
  });

  it('leaves the pixel limit to its own message', async () => {
    const error = await checkOriginal(sample, { ...options, maxPixels: 1_000_000 }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(DamagedImageError);
    expect((error as Error).message).toMatch(/pixel limit/);
  });
});
