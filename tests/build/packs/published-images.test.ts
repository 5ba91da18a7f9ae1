import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exiftool } from 'exiftool-vendored';
import { jpegImageData } from '../../../src/lib/media/jpeg-layout';
import { WEB_IMAGE_SETTINGS } from '../../../src/lib/media/web-images';
import { projectRoot } from '../../helpers/build-site';
import { readZip } from '../../helpers/zip';

const siteDir = inject('siteDir');
const imagePattern = /\.(jpe?g|webp|avif|png)$/i;
/** Full-size press copies: published on purpose, metadata edited, picture untouched. */
const originalsDir = join(siteDir, 'photos/originals');

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile() && pattern.test(item.name))
    .map((item) => join(item.parentPath, item.name));
}

const committedOriginals = filesIn(join(projectRoot, 'content/releases'), /\.jpe?g$/i);

describe('every image in the built site and in its photo packs', () => {
  const images = filesIn(siteDir, imagePattern);
  const packs = filesIn(siteDir, /\.zip$/);
  let scratch: string;
  let packed: string[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'published-images-'));
    for (const [index, pack] of packs.entries()) {
      for (const entry of (await readZip(pack)).filter((item) => imagePattern.test(item.name))) {
        const file = join(scratch, `${index}-${entry.name}`);
        await writeFile(file, entry.data);
        packed.push(file);
      }
    }
  });

  afterAll(async () => {
    await exiftool.end();
    await rm(scratch, { recursive: true, force: true });
  });

  it('exists in every format the pages offer, and in the packs', () => {
    for (const format of WEB_IMAGE_SETTINGS.formats) expect(images.some((file) => file.endsWith(format === 'jpeg' ? '.jpg' : `.${format}`)), format).toBe(true);
    expect(packs.length).toBeGreaterThan(0);
    expect(packed.length).toBeGreaterThan(0);
  });

  it('carries no GPS position, serial number or owner name', async () => {
    for (const file of [...images, ...packed]) {
      const tags = await exiftool.read(file);
      const leaks = Object.keys(tags).filter((tag) => /^GPS|SerialNumber$|OwnerName$/.test(tag));
      expect(leaks, file).toEqual([]);
    }
  });

  it('is a web derivative at most 1600 px wide, except the press copies', () => {
    const derivatives = images.filter((file) => !file.startsWith(`${originalsDir}/`));
    expect(derivatives.length).toBeGreaterThan(0);
    return Promise.all(
      derivatives.map(async (file) => expect((await exiftool.read(file)).ImageWidth ?? 0, file).toBeLessThanOrEqual(1600)),
    );
  });

  it('is never a committed original: full-size images are press copies with the same picture', () => {
    const committed = committedOriginals.map((file) => readFileSync(file));
    const fullSize = [...filesIn(originalsDir, imagePattern), ...packed];
    expect(fullSize.length).toBeGreaterThan(0);
    for (const file of fullSize) {
      const bytes = readFileSync(file);
      expect(committed.some((original) => original.equals(bytes)), file).toBe(false);
      expect(committed.some((original) => jpegImageData(original).equals(jpegImageData(bytes))), file).toBe(true);
    }
  });
});
