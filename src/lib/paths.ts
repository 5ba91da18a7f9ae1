import { join, resolve } from 'node:path';

/**
 * Where content is read from. Tests point `PRESS_CONTENT_DIR` at fixture folders so that the
 * real sample content is never modified.
 */
export const contentDir = (process.env.PRESS_CONTENT_DIR ?? './content').replace(/\/$/, '');

/** Astro's cache (processed images); outside `node_modules`, so `npm ci` keeps it. */
export const astroCacheDir = resolve(process.env.PRESS_CACHE_DIR ?? './.cache/astro');

/**
 * Press copies and photo packs, each named by the hash of its inputs. Beside Astro's cache by
 * default; its own variable lets a test build every pack from scratch without losing the images.
 */
export const packCacheDir = resolve(process.env.PRESS_PACK_CACHE_DIR ?? join(astroCacheDir, 'packs'));

/** The photos Astro's image pipeline works from, one per photo id (see web-masters.ts). */
export const webMastersDir = join(astroCacheDir, 'web-masters');
