/**
 * Each page's language, settled once before the page renders, so that no component is handed `t`
 * or a locale: they read `Astro.locals`. Astro runs this for prerendered pages and endpoints too,
 * at build time. Keep the rule in src/i18n/page-language.ts: pages import that module and not this
 * one, so only there does a change re-render the pages Astro's incremental build restores.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageLanguage } from './i18n/page-language';

export const onRequest = defineMiddleware(({ params, locals }, next) => {
  const { locale, t } = pageLanguage(params.lang);
  locals.locale = locale;
  locals.t = t;
  return next();
});
