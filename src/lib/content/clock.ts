import { pinnedNow, type Env } from '../../settings';

/**
 * The build's idea of "now", for embargoes: the clock, unless `PRESS_NOW` pins it (read and checked
 * in settings.ts), so that tests and a build "as of" a moment see the site that moment would.
 */
export function buildNow(env: Env = process.env): Date {
  return pinnedNow(env) ?? new Date();
}
