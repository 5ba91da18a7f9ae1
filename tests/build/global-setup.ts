import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import { buildSite, contentCopy, projectRoot } from '../helpers/build-site';
import { writeFixtureJpeg } from '../helpers/fixture-photo';

export const EMBARGOED_PHOTO = 'releases/fixture-embargoed/photos/fixture-embargoed-01-photo.jpg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Built site of the sample content plus fixtures: a Korean-only release, an embargoed one. */
    siteDir: string;
    /** The moment the shared build treated as now: one hour before the embargoed fixture lifts. */
    buildNow: string;
  }
}

/** One hour before `fixture-embargoed` may be published. */
export const BUILD_NOW = '2026-01-05T10:00:00+09:00';

/** Builds the site once for every build test file: a build takes tens of seconds on 2 cores. */
export default async function setup(project: TestProject) {
  const content = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`, `${projectRoot}/tests/fixtures/embargoed-release`]);
  await writeFixtureJpeg(join(content, EMBARGOED_PHOTO), 'embargoed');
  const result = await buildSite(content, { PRESS_NOW: BUILD_NOW });
  if (result.code !== 0) throw new Error(`The test build failed:\n${result.output.slice(-4000)}`);
  project.provide('siteDir', result.outDir);
  project.provide('buildNow', BUILD_NOW);
  return async () => {
    await rm(content, { recursive: true, force: true });
    await rm(result.outDir, { recursive: true, force: true });
  };
}
