import { afterEach, describe, expect, it } from 'vitest';
import { countryName, formatDay, formatLocalDay, formatLocalRange, formatMoment, wallClock } from '../../../src/lib/view/date-format';
import { localeCodes, type LocaleCode } from '../../../src/i18n/locales';

const published = new Date('2023-04-03T09:00:00+09:00');

describe('formatDay', () => {
  it('writes the publication day the way each language does, in Seoul time', () => {
    expect(formatDay(published, 'ko')).toBe('2023년 4월 3일');
    expect(formatDay(published, 'en')).toBe('April 3, 2023');
    expect(formatDay(published, 'zh-Hant')).toBe('2023年4月3日');
  });

  it('puts a late UTC evening on the next Seoul day', () => {
    // 20:00 UTC on 2 April is 05:00 on 3 April in Seoul.
    const lateEvening = new Date('2023-04-02T20:00:00Z');
    expect(formatDay(lateEvening, 'en')).toBe('April 3, 2023');
    expect(formatDay(lateEvening, 'ko')).toBe('2023년 4월 3일');
    expect(formatDay(lateEvening, 'zh-Hant')).toBe('2023年4月3日');
    // …whereas in UTC it is still the 2nd, so the Seoul zone really is applied.
    expect(formatDay(lateEvening, 'en', 'UTC')).toBe('April 2, 2023');
  });
});

describe('formatMoment', () => {
  it.each(localeCodes)('%s includes the day, the time and the zone', (locale) => {
    const text = formatMoment(published, locale);
    expect(text).toContain(formatDay(published, locale));
    expect(text).toMatch(/9:00/);
    expect(text).toMatch(/GMT\+9|KST|UTC\+9/);
  });

  it('uses the given zone for the time', () => {
    expect(formatMoment(published, 'en', 'UTC')).toMatch(/April 3, 2023.*12:00\s?AM/);
  });
});

describe('wallClock', () => {
  it('keeps the wall time announced as UTC fields', () => {
    expect(wallClock('2023-03-28').toISOString()).toBe('2023-03-28T00:00:00.000Z');
    expect(wallClock('2023-03-28T10:30').toISOString()).toBe('2023-03-28T10:30:00.000Z');
    expect(wallClock('2023-03-28T10:30:15').toISOString()).toBe('2023-03-28T10:30:15.000Z');
  });
});

describe('formatLocalRange', () => {
  const month: Record<LocaleCode, RegExp> = {
    ko: /3월/,
    en: /March/,
    // ICU writes a zh-Hant day range numerically (2023/3/28至2023/3/31) even with month: long.
    'zh-Hant': /3(月|\/)\s*28/,
  };

  const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Seoul', 'America/Los_Angeles'];
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each(localeCodes)('%s names the month and both days 28 and 31', (locale) => {
    const text = formatLocalRange('2023-03-28', '2023-03-31', locale);
    expect(text).toMatch(/28/);
    expect(text).toMatch(/31/);
    expect(text).toMatch(month[locale]);
    expect(text).toMatch(/2023/);
    expect(text).not.toMatch(/\b27\b|\b29\b|(^|\D)30(\D|$)|\b1\b/);
  });

  it('can change the process time zone (so the next tests mean something)', () => {
    const offsets = zones.map((zone) => {
      process.env.TZ = zone;
      return new Date(2023, 2, 28).getTimezoneOffset();
    });
    expect(new Set(offsets).size).toBe(zones.length);
  });

  it.each(localeCodes)('%s gives the same text whatever the process time zone', (locale) => {
    const results = zones.map((zone) => {
      process.env.TZ = zone;
      return formatLocalRange('2023-03-28', '2023-03-31', locale);
    });
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toMatch(/28/);
    expect(results[0]).toMatch(/31/);
  });

  it('shows one day when start and end are the same', () => {
    expect(formatLocalRange('2023-03-28', '2023-03-28', 'en')).toBe('March 28, 2023');
    expect(formatLocalRange('2023-03-28', '2023-03-28', 'ko')).toBe('2023년 3월 28일');
  });

  it('shows times, unshifted, when the span has times', () => {
    for (const zone of zones) {
      process.env.TZ = zone;
      const text = formatLocalRange('2023-03-28T10:00', '2023-03-28T17:30', 'en');
      expect(text).toMatch(/March 28, 2023/);
      expect(text).toMatch(/10:00\s?AM/);
      expect(text).toMatch(/5:30\s?PM/);
    }
  });

  it('formatLocalDay does not shift the day either', () => {
    for (const zone of zones) {
      process.env.TZ = zone;
      expect(formatLocalDay('2023-03-28', 'en')).toBe('March 28, 2023');
      expect(formatLocalDay('2023-03-28', 'zh-Hant')).toBe('2023年3月28日');
    }
  });
});

describe('countryName', () => {
  it('names Taiwan in each language, differently per language', () => {
    const names = localeCodes.map((locale) => countryName('TW', locale));
    for (const name of names) {
      expect(name.trim()).not.toBe('');
      expect(name).not.toBe('TW');
    }
    expect(new Set(names).size).toBe(localeCodes.length);
    expect(countryName('TW', 'en')).toBe('Taiwan');
    expect(countryName('KR', 'ko')).toBe('대한민국');
  });
});
