/**
 * Checks on a photo's image file before anything is built from it. Press packs carry the
 * committed file itself (metadata edited, picture untouched), so it must be a JPEG of a sane size;
 * finding out while packing would name an exiftool error instead of the caption file to fix.
 * Whether its picture data is whole takes reading all of it, which the media stage does once per
 * original (media/photo-integrity.ts); the wording of what it finds is here with the rest.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import sharp from 'sharp';
import type { ContentProblem } from './problems';
import type { ImageDamage } from '../media/photo-integrity';
import { photoIdOf } from './files';
import { photoImagePath } from './file-checks';
import { describeNonJpeg, formatMegapixels, isJpeg } from '../media/jpeg-layout';
import { parseLfsPointer } from '../media/lfs';
import { siteConfig } from '../../site.config';

/** Photo ids become file names in packs and URL segments: ASCII only, no spaces. */
const PHOTO_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

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

/** The limits a photo's size must keep: `PRESS_MAX_PHOTO_PIXELS` and `PRESS_MIN_PHOTO_LONG_SIDE`. */
export interface PhotoSizeLimits {
  maxPixels: number;
  minLongSide: number;
}

const pixels = (count: number) => count.toLocaleString('en');

/**
 * Problems with a photo's stored size: more pixels than the limit (a scan or panorama to export
 * smaller), or a long side too short for a press photo (a thumbnail or a messenger copy).
 * `file` is the caption file, `shown` the image as its `image:` field names it.
 */
export function photoSizeProblems(file: string, shown: string, { width, height }: { width: number; height: number }, limits: PhotoSizeLimits): ContentProblem[] {
  if (width * height > limits.maxPixels) {
    const size = `${width}×${height}`;
    return [
      {
        file,
        field: 'image',
        problem: `"${shown}" is ${size} pixels (${formatMegapixels(width * height)}), above the limit of ${formatMegapixels(limits.maxPixels)}`,
        fix: 'export a smaller JPEG (the long side at 8000 pixels is plenty for print), or raise PRESS_MAX_PHOTO_PIXELS if such photos are expected',
        ko: {
          problem: `"${shown}"은(는) ${size} 픽셀(${formatMegapixels(width * height)})로, 한도인 ${formatMegapixels(limits.maxPixels)}를 넘습니다`,
          fix: '더 작은 JPEG로 내보내세요(인쇄용으로도 긴 변 8000픽셀이면 충분합니다). 이런 사진을 일부러 쓰는 경우에는 PRESS_MAX_PHOTO_PIXELS 값을 올리세요',
        },
      },
    ];
  }
  if (Math.max(width, height) < limits.minLongSide) {
    const size = `${width}×${height}`;
    return [
      {
        file,
        field: 'image',
        problem: `"${shown}" is only ${size} pixels; a press photo needs at least ${pixels(limits.minLongSide)} pixels on its long side (PRESS_MIN_PHOTO_LONG_SIDE), or it prints blurred`,
        fix: 'put the full-size photo here as the camera or photographer delivered it, not a thumbnail or a copy saved from a messenger or a web page; if small photos are expected, lower PRESS_MIN_PHOTO_LONG_SIDE',
        ko: {
          problem: `"${shown}"은(는) ${size} 픽셀밖에 되지 않습니다. 보도사진은 긴 변이 ${pixels(limits.minLongSide)}픽셀 이상이어야 하며(PRESS_MIN_PHOTO_LONG_SIDE), 이보다 작으면 인쇄했을 때 흐릿하게 나옵니다`,
          fix: '카메라나 사진가에게서 받은 원본 크기의 사진을 넣으세요. 썸네일이나 메신저·웹페이지에서 저장한 사본은 안 됩니다. 작은 사진을 일부러 쓰는 경우에는 PRESS_MIN_PHOTO_LONG_SIDE 값을 낮추세요',
        },
      },
    ];
  }
  return [];
}

const EXPORT_AGAIN = {
  en: 'export the photo again from the camera or editor (or copy it again from the memory card), check that it opens completely, and replace the file',
  ko: '카메라나 편집 프로그램에서 사진을 다시 내보내거나 메모리 카드에서 다시 복사하고, 사진이 끝까지 제대로 열리는지 확인한 뒤 이 파일을 바꾸세요',
};

/** A photo whose picture data is cut short or damaged, as the media stage found it. */
export function damagedPhotoProblem(file: string, shown: string, damage: ImageDamage): ContentProblem {
  if (damage.kind === 'truncated') {
    return {
      file,
      field: 'image',
      problem: `"${shown}" is cut short (${damage.detail}): copying, uploading or exporting it stopped halfway, and the rest of the photo is missing`,
      fix: EXPORT_AGAIN.en,
      ko: {
        problem: `"${shown}" 파일이 중간에 잘렸습니다. 복사나 업로드, 내보내기가 도중에 멈춰 사진의 나머지 부분이 없습니다`,
        fix: EXPORT_AGAIN.ko,
      },
    };
  }
  return {
    file,
    field: 'image',
    problem: `"${shown}" is damaged: part of its picture data cannot be read (${damage.detail}), so the photo would show with grey or scrambled areas`,
    fix: EXPORT_AGAIN.en,
    ko: {
      problem: `"${shown}" 파일이 손상되었습니다. 사진 데이터 일부를 읽을 수 없어 사진 일부가 회색이나 깨진 모양으로 나옵니다`,
      fix: EXPORT_AGAIN.ko,
    },
  };
}

/**
 * Problems with the image named by a photo's YAML file (`file`): its name, its format, its size.
 * A missing image, or one out of its release's folder, is reported by the content reader
 * (`imagePathProblems`), so it is not repeated here. `image` is the resolved path where the caller
 * has already read the caption file.
 */
export async function photoFileProblems(
  file: string,
  maxPixels: number,
  minLongSide: number = siteConfig.minPhotoLongSide,
  image: string | undefined = photoImagePath(file),
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const id = photoIdOf(file);
  if (!PHOTO_ID_PATTERN.test(id)) {
    problems.push({
      file,
      problem: `the file name "${id}" is the photo's id, used in download names and URLs, and may only hold lower-case letters a–z, digits and hyphens`,
      fix: 'rename the .yaml file (and its image) to e.g. scse-2023-taipei-05-award-ceremony.yaml, and update the "photos" list of the release',
      ko: {
        problem: `파일 이름 "${id}"은(는) 사진의 ID로, 내려받는 파일 이름과 주소(URL)에 쓰이므로 영문 소문자(a–z), 숫자, 하이픈(-)만 쓸 수 있습니다`,
        fix: '.yaml 파일과 사진 파일의 이름을 예를 들어 scse-2023-taipei-05-award-ceremony.yaml처럼 바꾸고, 보도자료의 "photos" 목록도 고치세요',
      },
    });
  }
  if (!image || !existsSync(image)) return problems;
  const shown = `./${relative(dirname(file), image)}`;

  const head = await readHead(image);
  // A Git LFS pointer stands for a photo not fetched into this checkout: the media stage checks
  // the photo itself when it needs its bytes, and keeps what it learnt under the photo's hash.
  if (parseLfsPointer(head)) return problems;
  if (!isJpeg(head)) {
    const what = describeNonJpeg(head);
    return [
      ...problems,
      {
        file,
        field: 'image',
        problem: `"${shown}" is ${what}, not a JPEG; press packs hand out the photo file itself, so it must be a JPEG`,
        fix: 'export the photo as a full-size JPEG (.jpg) from your photo editor or phone, put it beside this file and point "image:" at it',
        ko: {
          problem: `"${shown}"은(는) JPEG가 아닙니다(${what}). 보도용 사진 묶음에는 사진 파일 자체가 들어가므로 JPEG여야 합니다`,
          fix: '사진 편집 프로그램이나 휴대전화에서 원본 크기의 JPEG(.jpg)로 내보내 이 파일 옆에 두고, "image:"가 그 파일을 가리키게 하세요',
        },
      },
    ];
  }
  try {
    // Header only: sharp does not decode the picture for metadata().
    const { width, height } = await sharp(image, { limitInputPixels: false }).metadata();
    problems.push(...photoSizeProblems(file, shown, { width, height }, { maxPixels, minLongSide }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({
      file,
      field: 'image',
      problem: `"${shown}" starts like a JPEG but cannot be read (${reason})`,
      fix: `${EXPORT_AGAIN.en}; this one is cut short or damaged`,
      ko: {
        problem: `"${shown}"은(는) JPEG처럼 시작하지만 읽을 수 없습니다`,
        fix: `${EXPORT_AGAIN.ko}. 지금 파일은 중간에 잘렸거나 손상되었습니다`,
      },
    });
  }
  return problems;
}
