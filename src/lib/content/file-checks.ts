/**
 * Checks on the raw content files that no schema sees: the encoding, folder names that become
 * addresses, photo ids used twice.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentProblem } from './problems';
import { photoIdOf } from './files';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file that is not valid UTF-8 (e.g. saved as EUC-KR or Big5) is read as garbage by every tool. */
export function notUtf8(file: string, bytes: Buffer = readFileSync(file)): ContentProblem[] {
  try {
    utf8.decode(bytes);
    return [];
  } catch {
    return [
      {
        file,
        field: 'encoding',
        problem: 'the file is not saved as UTF-8 (perhaps EUC-KR, Big5 or another legacy encoding)',
        fix: 'open it in your editor and save it again with the encoding "UTF-8"',
        ko: { problem: '파일이 UTF-8로 저장되어 있지 않습니다(EUC-KR, Big5 같은 옛 인코딩일 수 있습니다)', fix: '편집기에서 열어 인코딩을 "UTF-8"로 골라 다시 저장하세요' },
      },
    ];
  }
}

/** The image file a photo's YAML file names, resolved beside it; undefined when it names none or the YAML is broken. */
export function photoImagePath(file: string): string | undefined {
  try {
    const data: unknown = parseYaml(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const image = typeof data === 'object' && data !== null ? (data as { image?: unknown }).image : undefined;
    return typeof image === 'string' && image.trim() !== '' ? resolve(dirname(file), image.trim()) : undefined;
  } catch {
    return undefined;
  }
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Release folder names become URLs: lowercase letters, digits and hyphens, unique ignoring case. */
export function slugProblems(folders: string[]): ContentProblem[] {
  const seen = new Map<string, string>();
  return folders.flatMap((folder) => {
    const slug = basename(folder);
    const problems: ContentProblem[] = [];
    if (!slugPattern.test(slug)) {
      const example = slug.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-').replaceAll(/^-|-$/g, '') || 'scse-2023-taipei';
      problems.push({
        file: folder,
        field: 'slug',
        problem: `the folder name "${slug}" cannot be used in a web address`,
        fix: `rename the folder to lowercase letters, digits and hyphens, e.g. "${example}"`,
        ko: { problem: `폴더 이름 "${slug}"은(는) 웹 주소에 쓸 수 없습니다`, fix: `폴더 이름을 영문 소문자, 숫자, 하이픈으로 바꾸세요. 예: "${example}"` },
      });
    }
    const other = seen.get(slug.toLowerCase());
    if (other) {
      problems.push({
        file: folder,
        field: 'slug',
        problem: `has the same address as ${other}`,
        fix: 'give one of the two releases another folder name',
        ko: { problem: `${other}와(과) 웹 주소가 같습니다`, fix: '두 보도자료 중 하나의 폴더 이름을 바꾸세요' },
      });
    }
    seen.set(slug.toLowerCase(), folder);
    return problems;
  });
}

/** Photo ids are file names and must be unique across releases: an event pack gathers them all. */
export function duplicatePhotoIds(photoFiles: string[]): ContentProblem[] {
  const seen = new Map<string, string>();
  return photoFiles.flatMap((file) => {
    const id = photoIdOf(file);
    const first = seen.get(id);
    seen.set(id, first ?? file);
    if (!first) return [];
    return [
      {
        file,
        field: 'id',
        problem: `the photo id "${id}" is already used by ${first}`,
        fix: 'rename one of the two caption files (and its photo), e.g. with the release slug as prefix',
        ko: { problem: `사진 id "${id}"은(는) 이미 ${first}에서 쓰고 있습니다`, fix: '두 사진 설명 파일(과 사진) 중 하나의 이름을 바꾸세요. 보도자료 폴더 이름을 앞에 붙이면 겹치지 않습니다' },
      },
    ];
  });
}
