/**
 * The files of a content folder, listed the way the collections in `src/content.config.ts` read
 * them, for the steps that must see them before or beside Astro (the preflight, web masters).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Entries of `dir` that `keep` accepts, as full paths, sorted; none when the folder is missing. */
export function folderEntries(dir: string, keep: (name: string, isDirectory: boolean) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((item) => keep(item.name, item.isDirectory()))
      .map((item) => join(dir, item.name))
      .sort();
  } catch {
    return [];
  }
}

export const PHOTO_FILES = '*/photos/*.{yaml,yml}';

export const releaseFolders = (contentDir: string) => folderEntries(join(contentDir, 'releases'), (_name, isDirectory) => isDirectory);

/** Every photo caption file (`releases/<slug>/photos/<id>.yaml`), as `PHOTO_FILES` matches them. */
export const photoFiles = (contentDir: string) =>
  releaseFolders(contentDir).flatMap((folder) => folderEntries(join(folder, 'photos'), (name) => /\.ya?ml$/.test(name)));

/** Photo ids are global (an event pack gathers photos of several releases): the file name is the id. */
export const photoIdOf = (file: string) => basename(file).replace(/\.ya?ml$/, '');
