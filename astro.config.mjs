// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { astroI18n } from './src/i18n/locales.ts';
import { siteConfig } from './src/site.config.ts';
import { contentPreflight } from './src/integrations/content-preflight.ts';
import { unpublishedOriginals } from './src/integrations/unpublished-originals.ts';
import { hostFiles } from './src/integrations/host-files.ts';
import { pressKit } from './src/integrations/press-kit.ts';
import { feedEnclosures } from './src/integrations/feed-enclosures.ts';
import { pageSitemap } from './src/integrations/sitemap.ts';
import { astroCacheDir, contentDir } from './src/lib/paths.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  outDir: process.env.PRESS_OUT_DIR ?? './dist',
  // Processed images survive `npm ci` (which empties node_modules/.astro) when kept here.
  cacheDir: astroCacheDir,
  // Astro types i18n from literal locale tuples written in this file; ours come from the locale config.
  i18n: /** @type {any} */ (astroI18n),
  integrations: [
    contentPreflight(contentDir),
    mdx(),
    pressKit(),
    pageSitemap(),
    feedEnclosures(),
    // After everything that writes or reads pages: it removes images no output refers to.
    unpublishedOriginals(),
    hostFiles(),
  ],
  build: { format: 'directory' },
  // Shiki colours code with inline styles, which the CSP below blocks, and Astro warned so on
  // every build. Releases show no code; a rare code block stays a plain <pre><code>.
  markdown: { syntaxHighlight: false },
  // AVIF at sharp's default effort (4) is ~90 % of the image stage; effort 3 is ~3.5× faster for
  // files ~10 % larger (docs/decisions.md, "Build benchmark"). The image cache key ignores this
  // setting: derivatives already cached are kept as they are.
  image: { service: { entrypoint: 'astro/assets/services/sharp', config: { avif: { effort: 3 } } } },
  // Unchanged pages are copied from the cache (cacheKey from src/lib/cache-key.ts).
  experimental: { incrementalBuild: true },
  vite: {
    build: {
      // Scripts always go to files, never inline, so a Content-Security-Policy needs no script hashes.
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
      rollupOptions: {
        // Every MDX module carries Astro's "use astro:head-inject" directive, and Rolldown warns about
        // each one; the warning is Astro's internal business and buries real messages for authors.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
  // Astro hashes every script and style it emits into a <meta> CSP, so nothing inline runs
  // unless the build put it there; the browser tests fail on any violation.
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
});
