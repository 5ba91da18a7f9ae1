/**
 * Checks on a photo's image file before anything is built from it. Press packs carry the
 * committed file itself (metadata edited, picture untouched), so it must be a JPEG of a sane size;
 * finding out while packing would name an exiftool error instead of the caption file to fix.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import sharp from 'sharp';
import type { ContentProblem } from './content-errors';
import { photoIdOf } from './content-files';
import { photoImagePath } from './raw-checks';
import { describeNonJpeg, formatMegapixels, isJpeg } from './photo-metadata';
import { parseLfsPointer } from './media/lfs';

/** Photo ids become file names in packs and URL segments: ASCII only, no spaces. */
export const PHOTO_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** `describeNonJpeg` looks at most at this many leading bytes. */
const HEAD_BYTES = 512;

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Problems with the image named by a photo's YAML file (`file`): its name, its format, its size.
 * A missing image is reported by `missingPhotoFile`, so it is not repeated here.
 */
export async function photoFileProblems(file: string, maxPixels: number): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const id = photoIdOf(file);
  if (!PHOTO_ID_PATTERN.test(id)) {
    problems.push({
      file,
      problem: `the file name "${id}" is the photo's id, used in download names and URLs, and may only hold lower-case letters a–z, digits and hyphens`,
      fix: 'rename the .yaml file (and its image) to e.g. scse-2023-taipei-05-award-ceremony.yaml, and update the "photos" list of the release',
    });
  }
  const image = photoImagePath(file);
  if (!image || !existsSync(image)) return problems;
  const shown = `./${relative(dirname(file), image)}`;

  const head = await readHead(image);
  // A Git LFS pointer stands for a photo not fetched into this checkout: the media stage checks
  // the photo itself when it needs its bytes, and keeps what it learnt under the photo's hash.
  if (parseLfsPointer(head)) return problems;
  if (!isJpeg(head)) {
    return [
      ...problems,
      {
        file,
        field: 'image',
        problem: `"${shown}" is ${describeNonJpeg(head)}, not a JPEG; press packs hand out the photo file itself, so it must be a JPEG`,
        fix: 'export the photo as a full-size JPEG (.jpg) from your photo editor or phone, put it beside this file and point "image:" at it',
      },
    ];
  }
  try {
    // Header only: sharp does not decode the picture for metadata().
    const { width, height } = await sharp(image, { limitInputPixels: false }).metadata();
    if (width * height > maxPixels) {
      problems.push({
        file,
        field: 'image',
        problem: `"${shown}" is ${width}×${height} pixels (${formatMegapixels(width * height)}), above the limit of ${formatMegapixels(maxPixels)}`,
        fix: 'export a smaller JPEG (the long side at 8000 pixels is plenty for print), or raise PRESS_MAX_PHOTO_PIXELS if such photos are expected',
      });
    }
  } catch (error) {
    problems.push({
      file,
      field: 'image',
      problem: `"${shown}" starts like a JPEG but cannot be read (${error instanceof Error ? error.message : String(error)})`,
      fix: 'export the photo again as a JPEG; the file is probably cut short or damaged',
    });
  }
  return problems;
}
