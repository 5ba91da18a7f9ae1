import { isPreview, pinnedNow, type Env } from '../../settings';
import type { Visibility } from './releases';

/**
 * The build's idea of "now", for embargoes: the clock, unless `PRESS_NOW` pins it (read and checked
 * in settings.ts), so that tests and a build "as of" a moment see the site that moment would.
 */
export function buildNow(env: Env = process.env): Date {
  return pinnedNow(env) ?? new Date();
}

/**
 * What a build shows: as of `buildNow()`, with drafts as its caller says, and embargoed releases
 * only in the embargoed preview (`PRESS_PREVIEW`, which settings.ts refuses without a preview
 * address and folders of its own). Every build path (pages, media stage) takes its visibility from
 * here, so the preview is switched on in one place and nowhere else.
 */
export function buildVisibility({ includeDrafts }: { includeDrafts: boolean }, env: Env = process.env): Visibility {
  return { now: buildNow(env), includeDrafts, includeEmbargoed: isPreview(env) };
}
