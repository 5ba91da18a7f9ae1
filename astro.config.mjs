// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { astroI18nLocales, defaultLocale } from './src/i18n/locales.ts';
import { siteConfig } from './src/site.config.ts';
import { contentPreflight } from './src/integrations/content-preflight.ts';
import { contentDir } from './src/lib/paths.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  outDir: process.env.PRESS_OUT_DIR ?? './dist',
  // Processed images survive `npm ci` (which empties node_modules/.astro) when kept here.
  cacheDir: process.env.PRESS_CACHE_DIR ?? './.cache/astro',
  i18n: {
    locales: astroI18nLocales,
    defaultLocale,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [contentPreflight(contentDir), mdx()],
  build: { format: 'directory' },
});
