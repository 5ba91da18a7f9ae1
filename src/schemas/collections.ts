import { z } from 'astro/zod';
import { localizedText } from './localized';
import { reference } from './reference';
import { calendarDate, dateTime, localDateTime, timeZone } from './dates';
import { attendanceModes, categories, eventStatuses, framePositions, mouStatuses } from './vocabulary';

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'country must be a two-letter ISO 3166 code in capitals, e.g. KR or TW');

/**
 * One language version of a press release (`content/releases/<slug>/<lang>.mdx`).
 * The original-language file carries the facts shared by all versions (date, event, photos…);
 * a translation may leave them out and inherits them, but may not contradict them
 * (checked in `src/lib/content.ts`, which knows which file is the original).
 */
export const releaseSchema = z.object({
  /** Headline in this file's language. */
  title: z.string({ error: 'title is missing: add a line "title: …" to the frontmatter' }).trim().min(1, 'title is empty: write the headline'),
  /** Optional second headline line (deck). */
  subtitle: z.string().trim().min(1).optional(),
  /** One or two sentences for lists, feeds and search-engine descriptions. */
  summary: z.string({ error: 'summary is missing: add one or two sentences as "summary: …"' }).trim().min(1, 'summary is empty'),
  /** Publication moment with its time zone offset, e.g. 2023-04-03T10:00:00+09:00. Required in the original. */
  date: dateTime('date').optional(),
  /** Moment of the last substantive correction, if any. */
  updated: dateTime('updated').optional(),
  /** One of the categories in `src/schemas/vocabulary.ts`. Required in the original. */
  category: z.enum(categories, { error: `category must be one of: ${categories.join(', ')}` }).optional(),
  /** Free keywords in this file's language. */
  tags: z.array(z.string().trim().min(1)).default([]),
  /** Who wrote it, as printed under the title in this language. */
  byline: z.string().trim().min(1).optional(),
  /** Press contact printed at the end of the release. */
  contact: z
    .object({
      /** Name of the press officer or desk. */
      name: z.string().trim().min(1),
      /** Reachable address; use example.org in samples. */
      email: z.email({ error: 'contact.email must be an e-mail address' }),
      /** Telephone number in international form. */
      phone: z.string().optional(),
    })
    .optional(),
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
  /** A draft is built by `npm run dev` only. */
  draft: z.boolean().default(false),
  /** Not published anywhere before this moment (with time zone). Set in the original. */
  embargo: dateTime('embargo').optional(),
  /** For translations: the content hash of the original this translation was made from. */
  translatedFrom: z.string().optional(),
});

/** Caption and facts of one photo (`content/releases/<slug>/photos/<id>.yaml`, the image beside it). */
export const photoSchema = z.object({
  /**
   * The camera original (or its Git LFS pointer), relative to this YAML file. Only the media
   * stage reads it (src/lib/media/); Astro never loads a photo's bytes.
   */
  image: z.string({ error: 'image is missing: name the photo file beside this caption, e.g. image: ./my-photo.jpg' }).trim().min(1),
  /** Caption as published with the photo. Required in the original language. */
  caption: localizedText('caption'),
  /** Text alternative describing what is visible, for screen readers. */
  alt: localizedText('alt'),
  /** Short title of the photo for picture desks (IPTC headline). */
  headline: localizedText('headline').optional(),
  /** Photographer or agency that made the photo. */
  creator: z.string({ error: 'creator is missing: name the photographer or agency' }).trim().min(1),
  /** Credit line that must be printed with the photo, per language. */
  credit: localizedText('credit'),
  /** Copyright notice, e.g. "© Sisa Times". */
  copyright: z.string({ error: 'copyright is missing: add the copyright notice' }).trim().min(1),
  /** When the photo was taken: a day, or a date and time with time zone. */
  taken: z.union([dateTime('taken'), calendarDate('taken')]).optional(),
  /** Where the photo was taken (city and country only: never coordinates). */
  place: z.object({
    /** City name per language. */
    city: localizedText('place.city'),
    /** ISO 3166 country code; its name is given by the reader's language. */
    country: countryCode,
  }),
  /** The event the photo was taken at. */
  event: reference('events').optional(),
  /** People shown, each with where they stand in the frame. */
  people: z
    .array(
      z.object({
        /** An id in `content/people/`. */
        person: reference('people'),
        /** One of the positions in `src/schemas/vocabulary.ts`. */
        position: z.enum(framePositions, { error: `position must be one of: ${framePositions.join(', ')}` }),
      }),
    )
    .default([]),
});

/** An event releases report on (`content/events/<id>.yaml`). */
export const eventSchema = z.object({
  /** Full name per language. */
  name: localizedText('name'),
  /** Short name per language, e.g. "SCSE 2023". */
  shortName: localizedText('shortName').optional(),
  /** First day (YYYY-MM-DD) or start (YYYY-MM-DDTHH:mm), in the event's own time zone. */
  start: localDateTime('start'),
  /** Last day or end, in the event's own time zone. */
  end: localDateTime('end'),
  /** IANA time zone where the event takes place, e.g. Asia/Taipei. */
  timeZone,
  /** Venue name per language. */
  venue: localizedText('venue'),
  /** Street address per language. */
  address: localizedText('address').optional(),
  /** City per language. */
  city: localizedText('city'),
  /** ISO 3166 country code. */
  country: countryCode,
  /** Organization that runs the event. */
  organizer: reference('organizations').optional(),
  /** Official website. */
  website: z.url().optional(),
  /** What the event is, per language. */
  description: localizedText('description'),
  /** schema.org event status. */
  status: z.enum(eventStatuses).default('EventScheduled'),
  /** schema.org attendance mode. */
  attendanceMode: z.enum(attendanceModes).default('OfflineEventAttendanceMode'),
});

/** A memorandum of understanding (`content/mous/<id>.yaml`). */
export const mouSchema = z.object({
  /** Title per language. */
  title: localizedText('title'),
  /** The organizations that are party to it (at least two). */
  parties: z.array(reference('organizations')).min(2, 'parties must list at least two organizations'),
  /** Who signed, for which organization, with the title they held at signing. */
  signatories: z.array(
    z.object({
      /** An id in `content/people/`. */
      person: reference('people'),
      /** An id in `content/organizations/`. */
      organization: reference('organizations'),
      /** Their title at the time of signing, per language. */
      title: localizedText('signatories.title'),
    }),
  ),
  /** Day of signing (YYYY-MM-DD, local to the place of signing). */
  signed: localDateTime('signed'),
  /** Where it was signed, per language. */
  place: localizedText('place'),
  /** Event at which it was signed. */
  event: reference('events').optional(),
  /** What the parties agree to cooperate on, one item per entry. */
  scope: z.array(localizedText('scope')).min(1, 'scope must list at least one item'),
  /** Lifecycle state. */
  status: z.enum(mouStatuses).default('signed'),
});

/** An organization named in releases (`content/organizations/<id>.yaml`). */
export const organizationSchema = z.object({
  /** Full name per language. */
  name: localizedText('name'),
  /** Abbreviation per language, e.g. TCA. */
  abbreviation: localizedText('abbreviation').optional(),
  /** Year of foundation. */
  founded: z.number().int().min(1000).max(3000).optional(),
  /** Number of member companies, where it is a membership body. */
  members: z
    .object({
      /** The figure as published. */
      count: z.number().int().positive(),
      /** True where the source says "about" or "more than". */
      approximate: z.boolean().default(false),
    })
    .optional(),
  /** What the organization is and does, per language. */
  description: localizedText('description'),
  /** Official website. */
  website: z.url().optional(),
  /** ISO 3166 country code of its seat. */
  country: countryCode,
  /** Parent organization, e.g. a city government for one of its departments. */
  parent: reference('organizations').optional(),
});

/** A person named in releases and captions (`content/people/<id>.yaml`). */
export const personSchema = z.object({
  /** Name per language, as that language's press writes it. */
  name: localizedText('name'),
  /** Positions held, newest first. */
  affiliations: z
    .array(
      z.object({
        /** An id in `content/organizations/`. */
        organization: reference('organizations'),
        /** Title per language, e.g. Chairman. */
        title: localizedText('affiliations.title'),
      }),
    )
    .default([]),
});
