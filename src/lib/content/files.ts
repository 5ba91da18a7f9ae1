/**
 * The files of a content folder, listed the way the collections in `src/content.config.ts` read
 * them (Astro's glob loader follows symbolic links, so these lists do too), for the steps that
 * read content beside Astro: the content check and the media stage.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { ContentProblem } from './problems';

/** Entries of `dir` that `keep` accepts, as full paths, sorted; none when the folder is missing. */
export function folderEntries(dir: string, keep: (name: string, isDirectory: boolean) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      // Hidden files (`._ko.mdx` from macOS, `.#ko.mdx` from Emacs) are skipped, as Astro's loader skips them.
      .filter((item) => !item.name.startsWith('.') && keep(item.name, item.isDirectory() || (item.isSymbolicLink() && isDirectoryBehind(join(dir, item.name)))))
      .map((item) => join(dir, item.name))
      .sort();
  } catch {
    return [];
  }
}

function isDirectoryBehind(link: string): boolean {
  try {
    return statSync(link).isDirectory();
  } catch {
    return false;
  }
}

export const PHOTO_FILES = '*/photos/*.{yaml,yml}';

export const releaseFolders = (contentDir: string) => folderEntries(join(contentDir, 'releases'), (_name, isDirectory) => isDirectory);

/** Every photo caption file (`releases/<slug>/photos/<id>.yaml`), as `PHOTO_FILES` matches them. */
export const photoFiles = (contentDir: string) =>
  releaseFolders(contentDir).flatMap((folder) => folderEntries(join(folder, 'photos'), (name) => /\.ya?ml$/.test(name)));

/** Photo ids are global (an event pack gathers photos of several releases): the file name is the id. */
export const photoIdOf = (file: string) => basename(file).replace(/\.ya?ml$/, '');

/** True when `path` is `folder` or inside it (both already resolved). */
/**
 * Where a path a content file names really leads, links followed: nowhere, into `folder` (inside
 * the content folder), or elsewhere (`target` names it, or undefined when it is outside the
 * content folder altogether, whose paths are not for the report). Photo and attachment checks
 * word the answer their own way.
 */
export function whereFileLeads(path: string, folder: string, contentRoot: string): { lands: 'nowhere' } | { lands: 'inside' } | { lands: 'elsewhere'; target?: string } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { lands: 'nowhere' };
  }
  let ownFolder = folder;
  try {
    ownFolder = realpathSync(folder);
  } catch {
    // A missing folder holds nothing.
  }
  if (real !== ownFolder && isInside(real, ownFolder) && isInside(real, contentRoot)) return { lands: 'inside' };
  return { lands: 'elsewhere', target: isInside(real, contentRoot) ? relative(process.cwd(), real) : undefined };
}

export const isInside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);

/**
 * Symbolic links under the content folder that lead out of it (or nowhere): through one, a
 * release could publish any file of the build machine. Links that stay inside are fine.
 */
export function linksLeavingContent(contentDir: string): ContentProblem[] {
  const root = realpathSync(contentDir);
  const problems: ContentProblem[] = [];
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) {
        walk(path);
        continue;
      }
      if (!item.isSymbolicLink()) continue;
      let target: string | undefined;
      try {
        target = realpathSync(path);
      } catch {
        target = undefined;
      }
      const shown = relative(process.cwd(), path);
      if (target && isInside(target, root)) continue;
      problems.push({
        file: shown,
        field: 'file',
        problem: target ? `is a link to ${target}, outside the content folder` : 'is a link to a file that does not exist',
        fix: 'replace the link with the file itself (copy it into the content folder), or remove it',
        ko: {
          problem: target ? `콘텐츠 폴더 밖의 ${target}을(를) 가리키는 링크입니다` : '없는 파일을 가리키는 링크입니다',
          fix: '링크 대신 파일 자체를 콘텐츠 폴더에 복사해 넣거나 링크를 지우세요',
        },
      });
    }
  };
  walk(contentDir);
  return problems;
}
