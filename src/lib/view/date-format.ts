import type { LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per language and options: building an Intl.DateTimeFormat costs far more than
 * using one, and list pages format a date per release (thousands per build at newsroom scale).
 */
function dateFormat(locale: LocaleCode, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** A publication day as the reader's language writes it (2023년 4월 3일 / April 3, 2023 / 2023年4月3日). */
export function formatDay(date: Date, locale: LocaleCode, timeZone: string = siteConfig.timeZone): string {
  return dateFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}

/** Day and time with the zone named, so a reader abroad knows which clock is meant. */
export function formatMoment(date: Date, locale: LocaleCode, timeZone: string = siteConfig.timeZone): string {
  // dateStyle cannot be combined with timeZoneName, so the parts are spelt out.
  return dateFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/**
 * A wall-clock day or time (YYYY-MM-DD[THH:mm]) as a Date whose UTC fields are that wall time;
 * formatting it in UTC then prints exactly what the organizer announced, whatever the zone.
 */
export function wallClock(local: string): Date {
  return new Date(local.length === 10 ? `${local}T00:00:00Z` : `${local}Z`);
}

/**
 * An event's span in the reader's language. The two ends are written out in full and joined by the
 * locale's own range pattern: ICU's interval formats degrade to 2023/3/28至2023/3/31 in zh-Hant.
 */
export function formatLocalRange(start: string, end: string, locale: LocaleCode): string {
  const withTime = start.length > 10 || end.length > 10;
  const format = dateFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'UTC' });
  if (start === end) return format.format(wallClock(start));
  return useTranslations(locale)('date.range', { start: format.format(wallClock(start)), end: format.format(wallClock(end)) });
}

export function formatLocalDay(local: string, locale: LocaleCode): string {
  return dateFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(wallClock(local));
}

/** Country name from its ISO code, in the reader's language. */
export function countryName(code: string, locale: LocaleCode): string {
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}
