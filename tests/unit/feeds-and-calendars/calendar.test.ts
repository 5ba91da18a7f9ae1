import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { eventCalendar, type CalendarEvent } from '../../../src/lib/view/calendar';

const base: CalendarEvent = {
  uid: 'scse-2023@press.example.org',
  summary: 'Smart City Summit & Expo 2023',
  description: 'Conference; expo, Taipei',
  location: 'Taipei Nangang Exhibition Center, Hall 1, Taipei, Taiwan',
  url: 'https://press.example.org/en/events/scse-2023/',
  start: '2023-03-28',
  end: '2023-03-31',
  timeZone: 'Asia/Taipei',
  stamp: new Date('2026-01-05T01:00:00Z'),
  language: 'en',
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, event, vevent: calendar.getFirstSubcomponent('vevent')! };
}

describe('eventCalendar', () => {
  it('writes a whole-day event as the announced days, end exclusive', () => {
    const { event, calendar } = parse(eventCalendar(base));
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2023-03-28');
    expect(event.endDate.isDate).toBe(true);
    expect(event.endDate.toString()).toBe('2023-04-01');
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(event.uid).toBe(base.uid);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Asia/Taipei');
  });

  it('gives timed events the event’s zone, defined in a VTIMEZONE', () => {
    const { calendar, vevent } = parse(eventCalendar({ ...base, start: '2023-03-28T10:00', end: '2023-03-28T17:30' }));
    const timezone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    ICAL.TimezoneService.register(timezone);
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = vevent.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Taipei');
    expect(start.isDate).toBe(false);
    expect(start.toJSDate().toISOString()).toBe('2023-03-28T02:00:00.000Z');
    expect(end.toJSDate().toISOString()).toBe('2023-03-28T09:30:00.000Z');
  });

  it('handles daylight-saving zones and does not depend on the machine’s zone', () => {
    const { calendar, vevent } = parse(
      eventCalendar({ ...base, start: '2023-10-29T09:00', end: '2023-10-29T18:00', timeZone: 'Europe/Berlin' }),
    );
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!));
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    // 29 October 2023 is the first day of winter time in Berlin (UTC+1).
    expect(start.toJSDate().toISOString()).toBe('2023-10-29T08:00:00.000Z');
  });

  it('stamps the file in UTC, as RFC 5545 requires', () => {
    const { vevent } = parse(eventCalendar(base));
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(stamp.toJSDate().toISOString()).toBe('2026-01-05T01:00:00.000Z');
  });
});
