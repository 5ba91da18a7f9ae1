/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config makes `astro:content`, `astro/zod` and import.meta.glob behave in tests as
// they do in the build. Build tests run one at a time: each builds a whole site on 2 cores.
export default getViteConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          globalSetup: ['tests/build/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
