/// <reference types="vitest/config" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getViteConfig } from 'astro/config';

// Every temporary folder of a run (content copies, built sites, caches, browser profiles, in the
// test workers and in the builds they start) goes under one folder, removed when the run ends:
// runs used to leave about sixty folders each in /tmp. Vitest reads this file once per project:
// the first reading makes the folder, the others find it (nesting them would make Chromium's
// and tsx's socket paths longer than Unix allows).
if (!process.env.PRESSROOM_TEST_TEMP) {
  const runTemp = mkdtempSync(join(tmpdir(), 'pressroom-test-run-'));
  process.env.PRESSROOM_TEST_TEMP = runTemp;
  process.env.TMPDIR = runTemp;
  process.on('exit', () => rmSync(runTemp, { recursive: true, force: true }));
}

// Astro's Vite config makes `astro:content`, `astro/zod` and import.meta.glob behave in tests as
// they do in the build. Build tests run one at a time: each builds a whole site on 2 cores.
// Browser tests (quality gates on the served site) also run one file at a time, after the unit
// tests and alone, so Lighthouse measures a machine that is not also building; they share the
// build tests' site (tests/helpers/shared-site.ts). The benchmark keeps its tests beside its code,
// in bench/tests/unit/ and bench/tests/build/; they belong to the unit and build projects.
export default getViteConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'bench/tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts', 'bench/tests/build/**/*.test.ts'],
          globalSetup: ['tests/build/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
