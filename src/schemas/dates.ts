import { z } from 'astro/zod';

/**
 * A moment in time. YAML turns an unquoted timestamp into a Date and drops its offset, so the
 * "has a time zone" rule is checked on the raw text by `src/lib/content-checks.ts`; here we accept
 * both the parsed Date and a quoted string with an offset.
 */
export const dateTime = (field: string) =>
  z.union(
    [
      z.date(),
      z.iso.datetime({ offset: true, local: false }).transform((text) => new Date(text)),
    ],
    { error: `${field} must be a date and time with a time zone, e.g. 2023-04-03T10:00:00+09:00` },
  );

/** A calendar day (YYYY-MM-DD), for things with no meaningful time such as a founding date. */
export const calendarDate = (field: string) =>
  z.union([z.date(), z.iso.date().transform((text) => new Date(`${text}T00:00:00Z`))], {
    error: `${field} must be a date written as YYYY-MM-DD`,
  });

/** An IANA time zone name such as Asia/Taipei. */
export const timeZone = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'timeZone must be an IANA time zone name such as Asia/Seoul or Asia/Taipei' },
);

const localPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/**
 * A wall-clock day or time with no offset (YYYY-MM-DD or YYYY-MM-DDTHH:mm), read in a time zone
 * given beside it: how event times are announced. YAML parses an unquoted day as midnight UTC,
 * which is turned back into the text the author wrote.
 */
export const localDateTime = (field: string) =>
  z.union(
    [
      z.date().transform((date) => {
        const iso = date.toISOString();
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
      }),
      z.string().regex(localPattern),
    ],
    { error: `${field} must be a day (YYYY-MM-DD) or a local time (YYYY-MM-DDTHH:mm) without offset` },
  );
