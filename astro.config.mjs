// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { astroI18n } from './src/i18n/locales.ts';
import { siteConfig } from './src/site.config.ts';
import { contentPreflight } from './src/integrations/content-preflight.ts';
import { contentDir } from './src/lib/paths.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  outDir: process.env.PRESS_OUT_DIR ?? './dist',
  // Processed images survive `npm ci` (which empties node_modules/.astro) when kept here.
  cacheDir: process.env.PRESS_CACHE_DIR ?? './.cache/astro',
  // Astro types i18n from literal locale tuples written in this file; ours come from the locale config.
  i18n: /** @type {any} */ (astroI18n),
  integrations: [contentPreflight(contentDir), mdx()],
  build: { format: 'directory' },
  // Astro hashes every script and style it emits into a <meta> CSP, so nothing inline runs
  // unless the build put it there; the browser tests fail on any violation.
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
});
