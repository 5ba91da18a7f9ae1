import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import { ContentError, formatProblem, type ContentProblem } from '../lib/content-errors';
import { missingPhotoFile, momentsWithoutTimeZone } from '../lib/content-checks';

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
 * without saying which caption file names it, and YAML drops the time zone of unquoted dates.
 */
export function preflightProblems(contentDir: string): ContentProblem[] {
  const releaseFolders = subfolders(join(contentDir, 'releases'));
  const show = (problem: ContentProblem) => ({ ...problem, file: relative(process.cwd(), problem.file) });
  return [
    ...releaseFolders
      .flatMap((folder) => filesIn(folder, /\.mdx$/))
      .flatMap((file) => momentsWithoutTimeZone(file, ['date', 'updated', 'embargo'])),
    ...releaseFolders
      .flatMap((folder) => filesIn(join(folder, 'photos'), /\.ya?ml$/))
      .flatMap((file) => [...missingPhotoFile(file), ...momentsWithoutTimeZone(file, ['taken'], { allowDay: ['taken'] })]),
  ].map(show);
}

/** Fails a build, and warns in dev, before Astro touches content with problems. */
export function contentPreflight(contentDir: string): AstroIntegration {
  return {
    name: 'pressroom:content-preflight',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const problems = preflightProblems(contentDir);
        if (problems.length === 0) return;
        if (command === 'build') throw new ContentError(problems);
        for (const problem of problems) logger.warn(formatProblem(problem));
      },
    },
  };
}
