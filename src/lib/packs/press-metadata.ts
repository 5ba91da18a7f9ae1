/**
 * What a press copy says about itself: the photo's caption file turned into the IPTC fields of
 * `PhotoMetadata`. English where a field has no language variants (XMP Credit, EXIF
 * ImageDescription, people and places), every available language where it has them.
 */
import { defaultLocale, internationalLocale, localeCodes } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import type { LocalizedText } from '../../schemas/localized';
import { framePositions } from '../../schemas/vocabulary';
import type { EventEntry, OrganizationEntry, PersonEntry, PhotoEntry } from '../content/public-content';
import { countryName } from '../view/date-format';
import { textIn } from '../view/localized-text';
import type { PhotoMetadata } from './press-copy';

/** The collections a photo's metadata draws on. */
export interface MetadataSources {
  people: Map<string, PersonEntry>;
  events: Map<string, EventEntry>;
  organizations: Map<string, OrganizationEntry>;
}

/** The languages a text exists in, and nothing for the others (no silent fallback copies). */
export function presentTexts(value: LocalizedText): Record<string, string> {
  return Object.fromEntries(localeCodes.flatMap((code) => (value[code] ? [[code, value[code]!]] : [])));
}

/** How the content writes when a photo was taken: a day (stored as UTC midnight) or a moment. */
export function takenText(taken: Date): string {
  const iso = taken.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

function lookup<T>(map: Map<string, T>, id: string, what: string, file: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`${file}: ${what} "${id}" is not loaded; references are checked first, so this is a bug`);
  return found;
}

export function pressMetadata(photo: PhotoEntry, sources: MetadataSources, webStatement: string): PhotoMetadata {
  const data = photo.data;
  const file = photo.filePath ?? photo.id;
  // IPTC asks for people "left to right"; the content lists them in whatever order it likes.
  const shown = [...data.people]
    .sort((a, b) => framePositions.indexOf(a.position) - framePositions.indexOf(b.position))
    .map((person) => ({ ...person, entry: lookup(sources.people, person.person.id, 'person', file) }));
  const event = data.event ? lookup(sources.events, data.event.id, 'event', file) : undefined;
  const organizations = [
    ...new Set(shown.flatMap((person) => person.entry.data.affiliations.slice(0, 1).map((affiliation) => affiliation.organization.id))),
  ].map((id) => lookup(sources.organizations, id, 'organization', file));
  const caption = presentTexts(data.caption);

  return {
    fileName: `${photo.id}.jpg`,
    captions: caption,
    originalLocale: defaultLocale,
    altTexts: presentTexts(data.alt),
    headline: data.headline ? presentTexts(data.headline) : undefined,
    creator: data.creator,
    credit: textIn(data.credit, internationalLocale),
    credits: Object.fromEntries(localeCodes.map((code) => [code, textIn(data.credit, code)])),
    copyright: data.copyright,
    webStatement,
    people: shown.map((person) => textIn(person.entry.data.name, internationalLocale)),
    peopleByLocale: Object.fromEntries(
      localeCodes.map((code) => {
        const t = useTranslations(code);
        return [code, shown.map((person) => t('photo.personAt', { name: textIn(person.entry.data.name, code), position: t(`position.${person.position}`) }))];
      }),
    ),
    city: textIn(data.place.city, internationalLocale),
    country: countryName(data.place.country, internationalLocale),
    countryCode: data.place.country,
    placeByLocale: Object.fromEntries(
      localeCodes.map((code) => [
        code,
        useTranslations(code)('pack.place', { city: textIn(data.place.city, code), country: countryName(data.place.country, code) }),
      ]),
    ),
    keywords: [
      ...(event ? [textIn(event.data.shortName ?? event.data.name, internationalLocale)] : []),
      ...organizations.map((organization) => textIn(organization.data.name, internationalLocale)),
    ],
    englishDescription: caption[internationalLocale] ?? caption[defaultLocale]!,
    taken: data.taken ? takenText(data.taken) : undefined,
  };
}
