import { describe, expect, it } from 'vitest';
import { eventMoment, isoWithOffset, offsetMinutes, zonedInstant } from '../../../src/lib/view/time-zones';

describe('offsetMinutes', () => {
  it('reads fixed and daylight-saving offsets from the time-zone database', () => {
    expect(offsetMinutes(new Date('2023-03-28T00:00:00Z'), 'Asia/Taipei')).toBe(480);
    expect(offsetMinutes(new Date('2023-03-28T00:00:00Z'), 'Asia/Seoul')).toBe(540);
    expect(offsetMinutes(new Date('2023-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2023-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(new Date('2023-07-15T12:00:00Z'), 'America/St_Johns')).toBe(-150);
    expect(offsetMinutes(new Date('2023-07-15T12:00:00Z'), 'UTC')).toBe(0);
  });
});

describe('zonedInstant', () => {
  it('finds the instant a wall clock in the zone shows', () => {
    expect(zonedInstant('2023-03-28T10:00', 'Asia/Taipei').toISOString()).toBe('2023-03-28T02:00:00.000Z');
  });

  it('uses the offset in force on that day, across a daylight-saving change', () => {
    // Berlin moved to summer time on 26 March 2023 at 02:00.
    expect(zonedInstant('2023-03-25T12:00', 'Europe/Berlin').toISOString()).toBe('2023-03-25T11:00:00.000Z');
    expect(zonedInstant('2023-03-26T12:00', 'Europe/Berlin').toISOString()).toBe('2023-03-26T10:00:00.000Z');
  });
});

describe('isoWithOffset', () => {
  it('writes the instant as the zone’s clock with its offset', () => {
    expect(isoWithOffset(new Date('2023-04-03T00:00:00Z'), 'Asia/Seoul')).toBe('2023-04-03T09:00:00+09:00');
    expect(isoWithOffset(new Date('2023-07-15T12:00:00Z'), 'America/St_Johns')).toBe('2023-07-15T09:30:00-02:30');
    expect(isoWithOffset(new Date('2023-07-15T12:00:00Z'), 'UTC')).toBe('2023-07-15T12:00:00+00:00');
  });
});

describe('eventMoment', () => {
  it('keeps whole days as dates and gives times the event zone’s offset', () => {
    expect(eventMoment('2023-03-28', 'Asia/Taipei')).toBe('2023-03-28');
    expect(eventMoment('2023-03-28T09:30', 'Asia/Taipei')).toBe('2023-03-28T09:30:00+08:00');
    expect(eventMoment('2023-10-29T09:30', 'Europe/Berlin')).toBe('2023-10-29T09:30:00+01:00');
    expect(eventMoment('2023-10-28T09:30', 'Europe/Berlin')).toBe('2023-10-28T09:30:00+02:00');
  });
});
