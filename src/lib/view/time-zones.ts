import { wallClock } from './date-format';

// Building an Intl.DateTimeFormat costs far more than using one; a build asks for few zones.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Offset of an IANA zone from UTC at one instant, in minutes (+480 for Asia/Taipei). Read from
 * Intl, which carries the time-zone database, so daylight-saving changes are honoured.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const name = offsetFormat(timeZone)
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`Unexpected offset "${name}" for time zone ${timeZone}`);
  if (!match[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The instant at which a zone's clocks show a wall-clock time (YYYY-MM-DDTHH:mm). Two passes,
 * because the offset to subtract is the one in force at the answer, not at the first guess.
 */
export function zonedInstant(local: string, timeZone: string): Date {
  const wall = wallClock(local).getTime();
  const guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  return new Date(wall - offsetMinutes(new Date(guess), timeZone) * 60_000);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** ISO 8601 with the zone's offset at that instant: 2023-04-03T09:00:00+09:00. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const shifted = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  return `${shifted}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** Whether an event boundary is a whole day (YYYY-MM-DD) rather than a time. */
export const isWholeDay = (local: string) => local.length === 10;

/**
 * An event boundary as schema.org and feeds want it: a whole day stays a date (it is the same
 * calendar day wherever the reader is), a time gets the offset of the event's zone on that day.
 */
export function eventMoment(local: string, timeZone: string): string {
  return isWholeDay(local) ? local : isoWithOffset(zonedInstant(local, timeZone), timeZone);
}
