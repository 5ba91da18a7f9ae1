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
  // AVIF at sharp's default effort (4) is ~90 % of the image stage; effort 3 is ~3.5× faster for
  // files ~10 % larger (docs/decisions.md, "Build benchmark"). The image cache key ignores this
  // setting: derivatives already cached are kept as they are.
  image: { service: { entrypoint: 'astro/assets/services/sharp', config: { avif: { effort: 3 } } } },
  // Unchanged pages are copied from the cache (cacheKey from src/lib/cache-key.ts).
  experimental: { incrementalBuild: true },
});
