import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite, contentCopy, projectRoot } from './build-site';
import { writeFixtureJpeg } from './fixture-photo';

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
/** The embargoed fixture's photo, generated at set-up (a binary fixture would bloat the repository). */
export const EMBARGOED_PHOTO = 'releases/fixture-embargoed/photos/fixture-embargoed-01-photo.jpg';

interface SharedSite {
  siteDir: string;
  contentDir: string;
  users: number;
}

// Global setups of all projects run in vitest's main process, one after another; a key on
// globalThis lets them share one build (each costs 20–40 s on 2 cores) instead of one per project.
const key = Symbol.for('pressroom.tests.sharedSite');
type Holder = { [key]?: Promise<SharedSite> };

async function buildShared(): Promise<SharedSite> {
  const contentDir = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`, `${projectRoot}/tests/fixtures/embargoed-release`]);
  await writeFixtureJpeg(join(contentDir, EMBARGOED_PHOTO), 'embargoed');
  const result = await buildSite(contentDir, { PRESS_NOW: BUILD_NOW });
  if (result.code !== 0) throw new Error(`The test build failed:\n${result.output.slice(-4000)}`);
  return { siteDir: result.outDir, contentDir, users: 0 };
}

/**
 * The sample content plus the Korean-only and embargoed fixtures, built once per test run whichever projects
 * ask for it. Call the returned function from the global setup's teardown.
 */
export async function useSharedSite(): Promise<{ siteDir: string; release: () => Promise<void> }> {
  const holder = globalThis as Holder;
  holder[key] ??= buildShared();
  const site = await holder[key];
  site.users += 1;
  return {
    siteDir: site.siteDir,
    release: async () => {
      site.users -= 1;
      if (site.users > 0) return;
      delete holder[key];
      await rm(site.contentDir, { recursive: true, force: true });
      await rm(site.siteDir, { recursive: true, force: true });
    },
  };
}
