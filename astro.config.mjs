// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { footnoteLabels } from './src/lib/content/footnote-labels.ts';
import { astroI18n } from './src/i18n/locales.ts';
import { hostFiles } from './src/integrations/host-files.ts';
import { mediaDevServer } from './src/integrations/media-dev-server.ts';
import { astroCacheDir, mediaSettings, outDir, signupUrl, siteUrl } from './src/settings.ts';
import { pageSitemap } from './src/integrations/sitemap.ts';

// With a bucket, web images come from its public origin, which the CSP must admit.
const media = mediaSettings();
const mediaOrigin = media.publicUrl ? new URL(media.publicUrl).origin : undefined;
// The Subscribe page's e-mail form posts to the list service: the one origin besides the site a form may send to.
const signup = signupUrl();
const signupOrigin = signup ? new URL(signup).origin : undefined;

export default defineConfig({
  site: siteUrl(),
  trailingSlash: 'always',
  outDir: outDir(),
  // Rendered pages survive `npm ci` (which empties node_modules/.astro) when kept here.
  cacheDir: astroCacheDir(),
  // Astro types i18n from literal locale tuples written in this file; ours come from the locale config.
  i18n: /** @type {any} */ (astroI18n),
  integrations: [
    // Footnote headings and back-links in the language of each release file, not English.
    mdx({ processor: satteri({ hastPlugins: [footnoteLabels] }) }),
    mediaDevServer(),
    pageSitemap(),
    hostFiles(),
  ],
  build: { format: 'directory' },
  // Shiki colours code with inline styles, which the CSP below blocks, and Astro warned so on
  // every build. Releases show no code; a rare code block stays a plain <pre><code>.
  markdown: { syntaxHighlight: false },
  // Photos never pass through Astro: the media stage (src/lib/media/) makes them before the build.
  // Unchanged pages are copied from the cache (cacheKey from src/lib/view/page-cache-key.ts).
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
      directives: ["default-src 'self'", `img-src 'self' data:${mediaOrigin ? ` ${mediaOrigin}` : ''}`, "object-src 'none'", "base-uri 'self'", `form-action 'self'${signupOrigin ? ` ${signupOrigin}` : ''}`],
    },
  },
});
