import type { TestProject } from 'vitest/node';
import { findChromium, findJava } from '../../scripts/find-chromium';
import { useSharedSite } from '../helpers/shared-site';

/**
 * Finds (or, as root with apt, installs) Chromium and Java before any browser test runs, and
 * shares the build test's site: no extra build. A missing tool stops the run with a how-to
 * message; the gates are never skipped.
 */
export default async function setup(project: TestProject) {
  const [chromium, java] = [await findChromium(), await findJava()];
  console.log(`quality gates: ${chromium.version} at ${chromium.path}; ${java.version} at ${java.path}`);
  project.provide('chromiumPath', chromium.path);
  project.provide('javaPath', java.path);
  const site = await useSharedSite();
  project.provide('siteDir', site.siteDir);
  return site.release;
}
