import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildSite, contentCopy, projectRoot } from '../helpers/build-site';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Built site of the sample content plus a Korean-only release fixture. */
    siteDir: string;
  }
}

/** Builds the site once for every build test file: a build takes tens of seconds on 2 cores. */
export default async function setup(project: TestProject) {
  const content = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`]);
  const result = await buildSite(content);
  if (result.code !== 0) throw new Error(`The test build failed:\n${result.output.slice(-4000)}`);
  project.provide('siteDir', result.outDir);
  return async () => {
    await rm(content, { recursive: true, force: true });
    await rm(result.outDir, { recursive: true, force: true });
  };
}
