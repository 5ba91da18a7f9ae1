import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { exiftool } from 'exiftool-vendored';

const siteDir = inject('siteDir');

function imagesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile() && /\.(jpe?g|webp|avif|png)$/i.test(item.name))
    .map((item) => join(item.parentPath, item.name));
}

describe('every image in the built site', () => {
  afterAll(() => exiftool.end());
  const images = imagesIn(siteDir);

  it('exists in every modern format the pages offer', () => {
    expect(images.some((file) => file.endsWith('.avif'))).toBe(true);
    expect(images.some((file) => file.endsWith('.webp'))).toBe(true);
    expect(images.some((file) => file.endsWith('.jpg'))).toBe(true);
  });

  it('carries no GPS position, serial number or owner name', async () => {
    for (const file of images) {
      const tags = await exiftool.read(file);
      const leaks = Object.keys(tags).filter((tag) => /^GPS|SerialNumber$|OwnerName$/.test(tag));
      expect(leaks, file).toEqual([]);
    }
  });

  it('is never a copy of a committed original (those stay out of the web output)', () => {
    // Originals are 4000 px wide; the largest web derivative is 1600 px.
    return Promise.all(
      images.map(async (file) => expect((await exiftool.read(file)).ImageWidth ?? 0, file).toBeLessThanOrEqual(1600)),
    );
  });
});
