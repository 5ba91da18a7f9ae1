import type { TestProject } from 'vitest/node';
import { BUILD_NOW, useSharedSite } from '../helpers/shared-site';

/** Builds the site once for every build test file: a build takes tens of seconds on 2 cores. */
export default async function setup(project: TestProject) {
  const site = await useSharedSite();
  project.provide('siteDir', site.siteDir);
  project.provide('buildNow', BUILD_NOW);
  return site.release;
}
