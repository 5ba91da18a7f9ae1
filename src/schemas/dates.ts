import { z } from 'astro/zod';
import { breaks } from './rules';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A real calendar day: no 30 February, no month 13 (JavaScript would quietly roll them over). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

const isClockTime = (hour: number, minute: number, second: number) => hour <= 23 && minute <= 59 && second <= 59;

const momentPattern = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?[ ]?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads an ISO 8601 moment written as authors write it: seconds optional, a zone required
 * (`Z`, `+09:00`, `+0900` or `+09`). Returns the broken rule's detail instead when it is not one.
 */
export function parseMoment(text: string): Date | { reason: 'not-a-date' | 'no-time-zone' | 'impossible' } {
  const match = momentPattern.exec(text.trim());
  if (!match) return { reason: /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? 'no-time-zone' : 'not-a-date' };
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  if (!isCalendarDay(Number(year), Number(month), Number(day)) || !isClockTime(Number(hour), Number(minute), Number(second))) return { reason: 'impossible' };
  if (!zone) return { reason: 'no-time-zone' };
  let offset = 'Z';
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || '0')];
    if (hours > 14 || minutes > 59) return { reason: 'impossible' };
    offset = `${zone[0]}${digits.slice(0, 2)}:${(digits.slice(2) || '00').padEnd(2, '0')}`;
  }
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
}

/**
 * A moment in time with its time zone, e.g. 2023-04-03T09:00+09:00. The project's own reader keeps
 * timestamps as text (YAML core schema), so the zone and the calendar are checked here; Astro's
 * loader hands over a Date for the same text, which the reader has already checked.
 */
export const dateTime = () =>
  z.unknown().transform((value, ctx): Date => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    if (typeof value !== 'string') return breaks(ctx, { rule: 'date-time', reason: value === undefined ? 'missing' : 'not-a-date', value });
    const parsed = parseMoment(value);
    return parsed instanceof Date ? parsed : breaks(ctx, { rule: 'date-time', reason: parsed.reason, value });
  });

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day (YYYY-MM-DD), for things with no meaningful time such as the day a photo was taken. */
export const calendarDate = () =>
  z.unknown().transform((value, ctx): Date => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    const match = typeof value === 'string' ? dayPattern.exec(value.trim()) : null;
    if (!match) return breaks(ctx, { rule: 'day', reason: 'not-a-date', value });
    if (!isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return breaks(ctx, { rule: 'day', reason: 'impossible', value });
    return new Date(`${match[0]}T00:00:00Z`);
  });

/** A day, or a moment with its zone: when a photo was taken. */
export const dayOrDateTime = () =>
  z.unknown().transform((value, ctx): Date => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    const text = typeof value === 'string' ? value.trim() : '';
    const day = dayPattern.exec(text);
    if (day) return isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3])) ? new Date(`${text}T00:00:00Z`) : breaks(ctx, { rule: 'day', reason: 'impossible', value });
    const parsed = parseMoment(text);
    return parsed instanceof Date ? parsed : breaks(ctx, { rule: 'date-time', reason: parsed.reason, value, dayAllowed: true });
  });

/** An IANA time zone name such as Asia/Taipei. */
export const timeZone = z.string().transform((name, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return breaks(ctx, { rule: 'time-zone', value: name });
  }
});

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall-clock day or time with no offset (YYYY-MM-DD or YYYY-MM-DDTHH:mm), read in a time zone
 * given beside it: how event times are announced. Astro's YAML parses an unquoted day as
 * midnight UTC, which is turned back into the text the author wrote.
 */
export const localDateTime = () =>
  z.unknown().transform((value, ctx): string => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      const iso = value.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
    }
    const text = typeof value === 'string' ? value.trim() : '';
    const match = localPattern.exec(text);
    if (!match) return breaks(ctx, { rule: 'local-time', reason: /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) ? 'has-offset' : 'not-a-date', value });
    const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
    if (!isCalendarDay(Number(year), Number(month), Number(day)) || !isClockTime(Number(hour), Number(minute), Number(second))) return breaks(ctx, { rule: 'local-time', reason: 'impossible', value });
    return text;
  });
