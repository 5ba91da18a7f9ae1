import { join, resolve } from 'node:path';

/**
 * Where content is read from. Tests point `PRESS_CONTENT_DIR` at fixture folders so that the
 * real sample content is never modified.
 */
export const contentDir = (process.env.PRESS_CONTENT_DIR ?? './content').replace(/\/$/, '');

/** Astro's cache (processed images); outside `node_modules`, so `npm ci` keeps it. */
export const astroCacheDir = resolve(process.env.PRESS_CACHE_DIR ?? './.cache/astro');
