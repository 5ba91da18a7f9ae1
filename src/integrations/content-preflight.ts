import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import { ContentError, formatProblem, type ContentProblem } from '../lib/content-errors';
import { folderEntries, photoFiles as photoFilesIn, releaseFolders as releaseFoldersIn } from '../lib/content-files';
import { photoFileProblems } from '../lib/photo-checks';
import { duplicatePhotoIds, missingPhotoFile, momentsWithoutTimeZone, notUtf8, slugProblems, unknownComponents } from '../lib/raw-checks';
import { siteConfig } from '../site.config';

const dataFolders = ['events', 'mous', 'organizations', 'people'];

/**
 * Every raw-file problem in a content folder, found before Astro reads it: a file with the wrong
 * encoding is not read further, and an image that cannot go into a press pack (not a JPEG, too
 * large) is better named now than by exiftool halfway through the build.
 */
export async function preflightProblems(contentDir: string, maxPhotoPixels: number = siteConfig.maxPhotoPixels): Promise<ContentProblem[]> {
  const releaseFolders = releaseFoldersIn(contentDir);
  const releaseFiles = releaseFolders.flatMap((folder) => folderEntries(folder, (name) => name.endsWith('.mdx')));
  const photoFiles = photoFilesIn(contentDir);
  const dataFiles = dataFolders.flatMap((folder) => folderEntries(join(contentDir, folder), (name) => /\.ya?ml$/.test(name)));

  const encoding = [...releaseFiles, ...photoFiles, ...dataFiles].flatMap((file) => notUtf8(file));
  const readable = (file: string) => !encoding.some((problem) => problem.file === file);
  const readablePhotos = photoFiles.filter(readable);
  const imageProblems = await Promise.all(readablePhotos.map((file) => photoFileProblems(file, maxPhotoPixels)));
  const problems = [
    ...encoding,
    ...slugProblems(releaseFolders),
    ...duplicatePhotoIds(photoFiles),
    ...releaseFiles.filter(readable).flatMap((file) => [...momentsWithoutTimeZone(file, ['date', 'updated', 'embargo']), ...unknownComponents(file)]),
    ...readablePhotos.flatMap((file, index) => [
      ...missingPhotoFile(file),
      ...imageProblems[index]!,
      ...momentsWithoutTimeZone(file, ['taken'], { allowDay: ['taken'] }),
    ]),
  ];
  return problems.map((problem) => ({ ...problem, file: relative(process.cwd(), problem.file) }));
}

/** Fails a build, and warns in dev, before Astro touches content with problems. */
export function contentPreflight(contentDir: string): AstroIntegration {
  return {
    name: 'pressroom:content-preflight',
    hooks: {
      'astro:config:setup': async ({ command, logger }) => {
        const problems = await preflightProblems(contentDir);
        if (problems.length === 0) return;
        if (command === 'build') throw new ContentError(problems);
        for (const problem of problems) logger.warn(formatProblem(problem));
      },
    },
  };
}
