import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import { ContentError, formatProblem, type ContentProblem } from '../lib/content-errors';
import { missingPhotoFile, momentsWithoutTimeZone } from '../lib/content-checks';
import { photoFileProblems } from '../lib/photo-checks';
import { siteConfig } from '../site.config';

function filesIn(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((item) => item.isFile() && pattern.test(item.name))
      .map((item) => join(dir, item.name))
      .sort();
  } catch {
    return [];
  }
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((item) => item.isDirectory())
      .map((item) => join(dir, item.name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Checks on the raw files that must run before Astro reads them: Astro reports a missing image
 * without saying which caption file names it, YAML drops the time zone of unquoted dates, and an
 * image that cannot go into a press pack (not a JPEG, too large) is better named now than by
 * exiftool halfway through the build.
 */
export async function preflightProblems(contentDir: string, maxPhotoPixels: number = siteConfig.maxPhotoPixels): Promise<ContentProblem[]> {
  const releaseFolders = subfolders(join(contentDir, 'releases'));
  const show = (problem: ContentProblem) => ({ ...problem, file: relative(process.cwd(), problem.file) });
  const photoFiles = releaseFolders.flatMap((folder) => filesIn(join(folder, 'photos'), /\.ya?ml$/));
  const imageProblems = await Promise.all(photoFiles.map((file) => photoFileProblems(file, maxPhotoPixels)));
  return [
    ...releaseFolders
      .flatMap((folder) => filesIn(folder, /\.mdx$/))
      .flatMap((file) => momentsWithoutTimeZone(file, ['date', 'updated', 'embargo'])),
    ...photoFiles.flatMap((file, index) => [
      ...missingPhotoFile(file),
      ...imageProblems[index]!,
      ...momentsWithoutTimeZone(file, ['taken'], { allowDay: ['taken'] }),
    ]),
  ].map(show);
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
