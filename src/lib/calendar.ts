import ical from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { isWholeDay } from './time-zones';

/** What a calendar entry says about an event, already in the reader's language. */
export interface CalendarEvent {
  /** Stable id, so a re-imported file updates the entry instead of duplicating it. */
  uid: string;
  summary: string;
  description: string;
  location: string;
  /** The event's page (absolute). */
  url: string;
  /** Wall-clock day or time (YYYY-MM-DD[THH:mm]) in `timeZone`; `end` is the last day or the end time. */
  start: string;
  end: string;
  timeZone: string;
  /** When this file was made (DTSTAMP). */
  stamp: Date;
  /** Calendar name and product id language (upper-case BCP 47 per the iCalendar convention). */
  language: string;
}

/** A wall-clock value as a date-time in the zone: ical-generator then writes the zone's own fields. */
function inZone(local: string, timeZone: string, addDays = 0): TZDate {
  const [year, month, day, hour = 0, minute = 0] = local.split(/[-T:]/).map(Number) as [number, number, number, number?, number?];
  return new TZDate(year, month - 1, day + addDays, hour, minute, timeZone);
}

/** The VTIMEZONE block of an IANA zone; a TZID without its definition would make the file invalid. */
function vtimezone(zone: string): string {
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block) || !block[0]) {
    throw new Error(`No iCalendar time-zone data for "${zone}": use a canonical IANA name such as Asia/Taipei`);
  }
  return block[0];
}

/**
 * One event as an iCalendar (RFC 5545) file.
 *
 * - Timed events: DTSTART/DTEND carry TZID=<the event's zone>, defined by a VTIMEZONE block from
 *   timezones-ical-library, so a calendar abroad converts 10:00 Taipei time correctly.
 * - Whole-day events (the usual case for fairs): DATE values, which RFC 5545 defines as calendar
 *   days independent of any zone. The days are the ones the organizer announced in the event's
 *   zone, and a journalist in Seoul sees 28–31 March, not 01:00 to 01:00. DTEND is exclusive, so it
 *   is the day after the last day. The VTIMEZONE is still included and names the zone.
 * - DTSTAMP is in UTC as RFC 5545 requires: the calendar itself has no default zone, which is also
 *   what keeps ical-generator from writing DTSTAMP in local time.
 */
export function eventCalendar(event: CalendarEvent): string {
  const calendar = ical({
    name: event.summary,
    prodId: { company: new URL(event.url).host, product: 'pressroom', language: event.language.toUpperCase() },
  });
  calendar.timezone({ name: null, generator: vtimezone });
  const allDay = isWholeDay(event.start) && isWholeDay(event.end);
  calendar.createEvent({
    id: event.uid,
    stamp: event.stamp,
    start: inZone(event.start, event.timeZone),
    end: allDay ? inZone(event.end, event.timeZone, 1) : inZone(event.end, event.timeZone),
    allDay,
    timezone: event.timeZone,
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: event.url,
  });
  return calendar.toString();
}
