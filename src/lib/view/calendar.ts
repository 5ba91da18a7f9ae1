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
 * A TEXT value as RFC 5545 (3.3.11) writes it. ical-generator escapes the event's properties but
 * writes the calendar's NAME and X-WR-CALNAME as given, so a line break in an event's name would
 * start a property of its own; the name is escaped here for those two.
 */
function icalText(text: string): string {
  return text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, '\\n');
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
  for (const text of [event.summary, event.description, event.location]) {
    // RFC 5545 has an escape for line breaks only; any other control character makes the file invalid.
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
      throw new Error(`Internal error: calendar text ${JSON.stringify(text)} holds a control character; the content checks should have refused it`);
    }
  }
  const calendar = ical({
    name: icalText(event.summary),
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
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator omits that one.
  return calendar.toString().replace(/(?:\r\n)?$/, '\r\n');
}
