import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureWebMaster, forEachLimited, PHOTO_WIDTHS } from '../../src/lib/web-masters';

let dir: string;
const options = () => ({ dir: join(dir, 'masters'), maxPixels: 100_000_000 });

/** A camera-like original: GPS, a serial number and an orientation flag saying "turn right". */
async function cameraOriginal(path: string, width: number, height: number, red = 200): Promise<void> {
  await sharp({ create: { width, height, channels: 3, background: { r: red, g: 120, b: 80 } } })
    .withExif({
      IFD0: { Make: 'Canon' },
      IFD2: { BodySerialNumber: '0123456789' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 33/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toFile(path);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pressroom-web-masters-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureWebMaster', () => {
  it('makes an upright sRGB JPEG as wide as the largest page width, with no metadata', async () => {
    const original = join(dir, 'taipei-01.jpg');
    await cameraOriginal(original, 3000, 2000);

    const master = await ensureWebMaster(original, 'taipei-01', options());
    const facts = await sharp(await readFile(master)).metadata();

    expect(master).toBe(join(dir, 'masters', 'taipei-01.jpg'));
    // Orientation 6 turns the 3000×2000 frame upright (2000×3000) before it is scaled.
    expect([facts.width, facts.height]).toEqual([PHOTO_WIDTHS.at(-1), 2400]);
    expect(facts.format).toBe('jpeg');
    expect(facts.exif).toBeUndefined();
    expect(facts.xmp).toBeUndefined();
    expect(facts.orientation).toBeUndefined();
  });

  it('never enlarges a photo smaller than the largest page width', async () => {
    const original = join(dir, 'small.jpg');
    await sharp({ create: { width: 800, height: 533, channels: 3, background: '#888' } }).jpeg().toFile(original);

    const facts = await sharp(await ensureWebMaster(original, 'small', options())).metadata();

    expect([facts.width, facts.height]).toEqual([800, 533]);
  });

  it('leaves the master alone while the original is unchanged, even after a fresh checkout', async () => {
    const original = join(dir, 'same.jpg');
    await cameraOriginal(original, 2400, 1600);
    const master = await ensureWebMaster(original, 'same', options());
    const made = (await stat(master)).mtimeMs;

    await utimes(original, new Date(), new Date(Date.now() + 60_000));
    await ensureWebMaster(original, 'same', options());

    expect((await stat(master)).mtimeMs).toBe(made);
  });

  it('makes the master again at the same path when the photo is replaced', async () => {
    const original = join(dir, 'replaced.jpg');
    await cameraOriginal(original, 2400, 1600, 200);
    const master = await ensureWebMaster(original, 'replaced', options());
    const before = (await sharp(await readFile(master)).stats()).channels[0]!.mean;

    await cameraOriginal(original, 2400, 1600, 20);
    const again = await ensureWebMaster(original, 'replaced', options());

    expect(again).toBe(master);
    expect((await sharp(await readFile(again)).stats()).channels[0]!.mean).toBeLessThan(before - 100);
  });
});

describe('forEachLimited', () => {
  it('visits every item with no more than the limit running at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((settle) => setTimeout(settle, 5));
      seen.push(item);
      running -= 1;
    }, 3);

    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});
