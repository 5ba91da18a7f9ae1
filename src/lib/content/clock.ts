/**
 * The build's idea of "now", for embargoes. One place, so that tests and scheduled rebuilds can
 * pin it with `PRESS_NOW` (any date-time with a time zone, e.g. 2026-01-05T10:00:00+09:00).
 */
export function buildNow(env: Record<string, string | undefined> = process.env): Date {
  const pinned = env.PRESS_NOW;
  if (!pinned) return new Date();
  const parsed = new Date(pinned);
  if (Number.isNaN(parsed.getTime()) || !/(Z|[+-]\d{2}:\d{2})$/.test(pinned.trim())) {
    throw new Error(`PRESS_NOW="${pinned}" is not a date-time with a time zone; write it like 2026-01-05T10:00:00+09:00`);
  }
  return parsed;
}
