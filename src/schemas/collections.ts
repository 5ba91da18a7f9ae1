import { z } from 'astro/zod';
import { localizedText } from './localized';
import { localeCodes, type LocaleCode } from '../i18n/locales';
import { reference } from './reference';
import { dateTime, dayOrDateTime, localDateTime, timeZone } from './dates';
import { breaks, countryCode, emailAddress, fields, webAddress } from './rules';
import { attendanceModes, categories, eventStatuses, framePositions, mouStatuses } from './vocabulary';

/** Text on one line with something in it (titles, names, credits). */
const text = () => z.string().trim().min(1);

/** A keyword: tag pages need a letter or digit to have an address. */
const tag = text().transform((name, ctx) => (/[\p{L}\p{N}]/u.test(name) ? name : breaks(ctx, { rule: 'tag-letters', value: name })));

/** Cross-field rules run even when another field has a problem, so one build reports both. */
const everyTime = { when: () => true };

/** Day part of a local day or time, for comparing a day with a time on that day. */
const dayOf = (local: string) => local.slice(0, 10);

/**
 * One language version of a press release (`content/releases/<slug>/<lang>.mdx`).
 * The original-language file carries the facts shared by all versions (date, event, photos…);
 * a translation may leave them out and inherits them, but may not contradict them
 * (checked in `src/lib/content/site-content.ts`, which knows which file is the original).
 */
export const releaseSchema = fields({
  /** Headline in this file's language. */
  title: text(),
  /** Optional second headline line (deck). */
  subtitle: text().optional(),
  /** One or two sentences for lists, feeds and search-engine descriptions. */
  summary: text(),
  /** Publication moment with its time zone offset, e.g. 2023-04-03T10:00:00+09:00. Required in the original. */
  date: dateTime().optional(),
  /** Moment of the last substantive update, if any (a correction is listed under `corrections` instead). */
  updated: dateTime().optional(),
  /**
   * Corrections after publication, oldest first, each said on the page. The original lists them;
   * a translation words the same entries (same `date`) in its own language.
   */
  corrections: z
    .array(
      fields({
        /** When the correction was made, with the time zone. */
        date: dateTime(),
        /** What changed, in this file's language, e.g. "TCA's founding year corrected from 1975 to 1974". */
        note: text(),
      }),
    )
    .default([]),
  /** One of the categories in `src/schemas/vocabulary.ts`. Required in the original. */
  category: z.enum(categories).optional(),
  /** Free keywords in this file's language. */
  tags: z.array(tag).default([]),
  /** Who wrote it, as printed under the title in this language. */
  byline: text().optional(),
  /** Press contact for this release (an id in `content/contacts/`); defaults to the publisher's `pressContact`. */
  contact: reference('contacts').optional(),
  /** The event this release reports on (an id in `content/events/`). */
  event: reference('events').optional(),
  /** MoUs this release announces (ids in `content/mous/`). */
  mous: z.array(reference('mous')).optional(),
  /** Organizations involved (ids in `content/organizations/`). */
  organizations: z.array(reference('organizations')).optional(),
  /** Photos in the order they appear (ids in the release's `photos/` folder). */
  photos: z.array(reference('photos')).optional(),
  /** The photo that represents the release in lists, feeds and social cards; defaults to the first. */
  hero: reference('photos').optional(),
  /** Documents published with the release (the release as HWP or PDF, fact sheets, data tables), from its `files/` folder. */
  attachments: z
    .array(
      fields({
        /** File name in the release's `files/` folder: PDF, HWP, HWPX, DOCX, XLSX, ODT or CSV. */
        file: text(),
        /** What the file is, per language, shown as its link. */
        title: localizedText(),
        /** The language the file is written in; left out for language-neutral data. */
        language: z.enum(localeCodes as [LocaleCode, ...LocaleCode[]]).optional(),
      }),
    )
    .optional(),
  /** A draft is built by `npm run dev` only. */
  draft: z.boolean().default(false),
  /** Not published anywhere before this moment (with time zone). Set in the original. */
  embargo: dateTime().optional(),
  /** For translations: the content hash of the original this translation was made from. */
  translatedFrom: text().optional(),
}).superRefine((release, ctx) => {
  const { date, updated } = release as { date?: unknown; updated?: unknown };
  if (date instanceof Date && updated instanceof Date && updated < date) {
    ctx.addIssue({ code: 'custom', path: ['updated'], message: 'range', input: updated, params: { rule: 'range', before: 'date' } });
  }
}, everyTime);

/** Caption and facts of one photo (`content/releases/<slug>/photos/<id>.yaml`, the image beside it). */
export const photoSchema = fields({
  /**
   * The camera original (or its Git LFS pointer), relative to this YAML file. Only the media
   * stage reads it (src/lib/media/); Astro never loads a photo's bytes.
   */
  image: text(),
  /** Caption as published with the photo. Required in the original language. */
  caption: localizedText(),
  /** Text alternative describing what is visible, for screen readers. */
  alt: localizedText(),
  /** Short title of the photo for picture desks (IPTC headline). */
  headline: localizedText().optional(),
  /** Photographer or agency that made the photo. */
  creator: text(),
  /** Credit line that must be printed with the photo, per language. */
  credit: localizedText(),
  /** Copyright notice, e.g. "© Sisa Times". */
  copyright: text(),
  /** When the photo was taken: a day, or a date and time with time zone. */
  taken: dayOrDateTime().optional(),
  /** Where the photo was taken (city and country only: never coordinates). */
  place: fields({
    /** City name per language. */
    city: localizedText(),
    /** ISO 3166 country code; its name is given by the reader's language. */
    country: countryCode,
  }),
  /** The event the photo was taken at. */
  event: reference('events').optional(),
  /** People shown, each with where they stand in the frame. */
  people: z
    .array(
      fields({
        /** An id in `content/people/`. */
        person: reference('people'),
        /** One of the positions in `src/schemas/vocabulary.ts`. */
        position: z.enum(framePositions),
      }),
    )
    .default([]),
});

/** An event releases report on (`content/events/<id>.yaml`). */
export const eventSchema = fields({
  /** Full name per language. */
  name: localizedText(),
  /** Short name per language, e.g. "SCSE 2023". */
  shortName: localizedText().optional(),
  /** First day (YYYY-MM-DD) or start (YYYY-MM-DDTHH:mm), in the event's own time zone. */
  start: localDateTime(),
  /** Last day or end, in the event's own time zone. */
  end: localDateTime(),
  /** IANA time zone where the event takes place, e.g. Asia/Taipei. */
  timeZone,
  /** Venue name per language. */
  venue: localizedText(),
  /** Street address per language. */
  address: localizedText().optional(),
  /** City per language. */
  city: localizedText(),
  /** ISO 3166 country code. */
  country: countryCode,
  /** Organization that runs the event. */
  organizer: reference('organizations').optional(),
  /** Official website. */
  website: webAddress.optional(),
  /** What the event is, per language. */
  description: localizedText(),
  /** schema.org event status. */
  status: z.enum(eventStatuses).default('EventScheduled'),
  /** schema.org attendance mode. */
  attendanceMode: z.enum(attendanceModes).default('OfflineEventAttendanceMode'),
}).superRefine((event, ctx) => {
  const { start, end } = event as { start?: unknown; end?: unknown };
  if (typeof start !== 'string' || typeof end !== 'string') return;
  const [first, last] = start.length === end.length ? [start, end] : [dayOf(start), dayOf(end)];
  if (last < first) ctx.addIssue({ code: 'custom', path: ['end'], message: 'range', input: end, params: { rule: 'range', before: 'start', value: end, other: start } });
}, everyTime);

/** A memorandum of understanding (`content/mous/<id>.yaml`). */
export const mouSchema = fields({
  /** Title per language. */
  title: localizedText(),
  /** The organizations that are party to it (at least two). */
  parties: z.array(reference('organizations')).min(2),
  /** Who signed, for which organization, with the title they held at signing. */
  signatories: z.array(
    fields({
      /** An id in `content/people/`. */
      person: reference('people'),
      /** An id in `content/organizations/`. */
      organization: reference('organizations'),
      /** Their title at the time of signing, per language. */
      title: localizedText(),
    }),
  ),
  /** Day of signing (YYYY-MM-DD, local to the place of signing). */
  signed: localDateTime(),
  /** Where it was signed, per language. */
  place: localizedText(),
  /** Event at which it was signed. */
  event: reference('events').optional(),
  /** What the parties agree to cooperate on, one item per entry. */
  scope: z.array(localizedText()).min(1),
  /** Lifecycle state. */
  status: z.enum(mouStatuses).default('signed'),
  /** The photo of the signing (an id in a release's `photos/` folder); shown once that release is public. */
  photo: reference('photos').optional(),
});

/** An organization named in releases (`content/organizations/<id>.yaml`). */
export const organizationSchema = fields({
  /** Full name per language. */
  name: localizedText(),
  /** Abbreviation per language, e.g. TCA. */
  abbreviation: localizedText().optional(),
  /** Year of foundation. */
  founded: z.number().int().min(1000).max(3000).optional(),
  /** Number of member companies, where it is a membership body. */
  members: fields({
      /** The figure as published. */
      count: z.number().int().positive(),
      /** True where the source says "about" or "more than". */
      approximate: z.boolean().default(false),
    }).optional(),
  /** What the organization is and does, per language. */
  description: localizedText(),
  /** Official website. */
  website: webAddress.optional(),
  /** ISO 3166 country code of its seat. */
  country: countryCode,
  /** Parent organization, e.g. a city government for one of its departments. */
  parent: reference('organizations').optional(),
  /** The "About …" paragraph (boilerplate) printed at the end of the releases it publishes, per language. */
  about: localizedText().optional(),
  /** Who answers the press for it (an id in `content/contacts/`); the publisher's is every release's default. */
  pressContact: reference('contacts').optional(),
});

/** A press contact: a press officer or a desk (`content/contacts/<id>.yaml`). */
export const contactSchema = fields({
  /** Name of the person or desk per language, as the release prints it. */
  name: localizedText(),
  /** Role or team per language, e.g. "Press officer, Communications Team". */
  role: localizedText().optional(),
  /** The organization the contact speaks for (an id in `content/organizations/`). */
  organization: reference('organizations'),
  /** Reachable e-mail address; use example.org in samples. */
  email: emailAddress,
  /** Telephone number in international form, e.g. +82-2-0000-0000. */
  phone: text().optional(),
});

/** A person named in releases and captions (`content/people/<id>.yaml`). */
export const personSchema = fields({
  /** Name per language, as that language's press writes it. */
  name: localizedText(),
  /** Positions held, newest first. */
  affiliations: z
    .array(
      fields({
        /** An id in `content/organizations/`. */
        organization: reference('organizations'),
        /** Title per language, e.g. Chairman. */
        title: localizedText(),
      }),
    )
    .default([]),
});
