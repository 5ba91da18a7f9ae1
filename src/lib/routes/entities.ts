import { defaultLocale, localeCodes, locales, type LocaleCode } from '../../i18n/locales';
import type { LocalizedText } from '../../schemas/localized';
import { useTranslations } from '../../i18n/ui';
import {
  entry,
  photosOfEvent,
  releasesMentioning,
  siteContent,
  type EventEntry,
  type MouEntry,
  type OrganizationEntry,
  type SiteContent,
} from '../content/site-content';
import { cardImage, type CardImage } from '../media/card-image';
import { textIn } from '../view/localized-text';
import { pageMeta } from '../view/page-meta';
import { labelled } from '../view/punctuation';
import { eventLd, organizationLd } from '../view/structured-data';
import { paths } from '../view/urls';
import { eventFacts, organizationFacts } from './linked-data';
import { releaseCard } from './release-card';
import { topicFeedLinks } from './topics';
import { libraryPhoto } from './photos';
import { eventPackLink } from '../packs/site-packs';
import { photoFigure } from '../view/photo-figure';
import { withCacheKeys } from '../view/page-cache-key';

/** The languages an entry's page is really written in: those its main texts (name, description) exist in. */
function translatedLocales(...texts: LocalizedText[]): LocaleCode[] {
  return localeCodes.filter((code) => texts.every((text) => text[code] !== undefined));
}

/**
 * Entity pages exist in every locale: their fields fall back one by one, the UI is translated. A
 * page whose main texts are borrowed from another language says so and, like an untranslated
 * release, is not announced as a translation (its canonical is the original's).
 */
function entityMeta(locale: LocaleCode, heading: string, description: string, pathIn: (code: LocaleCode) => string, translatedIn: LocaleCode[], image?: CardImage) {
  return {
    /** The language the main texts are shown in when they are not in the reader's. */
    fallbackLocale: translatedIn.includes(locale) ? undefined : defaultLocale,
    meta: pageMeta({ locale, heading, description, pathIn, translatedIn, xDefault: pathIn(defaultLocale), image }),
  };
}

export function eventPage(content: SiteContent, event: EventEntry, locale: LocaleCode, image?: CardImage) {
  return {
    locale,
    event,
    organizer: event.data.organizer ? entry(content.organizations, event.data.organizer.id, 'organization') : undefined,
    releases: releasesMentioning(content, 'event', event.id).map((release) => releaseCard(release, locale)),
    feeds: topicFeedLinks(content, locale, 'events', event.id),
    mous: [...content.mous.values()].filter((mou) => mou.data.event?.id === event.id),
    calendarHref: paths.eventCalendar(locale, event.id),
    photos: photosOfEvent(content, event.id).map((photo) => libraryPhoto(photo, locale)),
    pack: eventPackLink(event.id, locale),
    structuredData: eventLd(eventFacts(content, event, locale, image)),
    ...entityMeta(
      locale,
      textIn(event.data.name, locale),
      textIn(event.data.description, locale),
      (code) => paths.event(code, event.id),
      translatedLocales(event.data.name, event.data.description),
      image,
    ),
  };
}
export type EventPageProps = ReturnType<typeof eventPage>;

export function mouPage(content: SiteContent, mou: MouEntry, locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    mou,
    parties: mou.data.parties.map((ref) => entry(content.organizations, ref.id, 'organization')),
    signatories: mou.data.signatories.map((signatory) => ({
      person: entry(content.people, signatory.person.id, 'person'),
      organization: entry(content.organizations, signatory.organization.id, 'organization'),
      title: signatory.title,
    })),
    event: mou.data.event ? entry(content.events, mou.data.event.id, 'event') : undefined,
    releases: releasesMentioning(content, 'mous', mou.id).map((release) => releaseCard(release, locale)),
    photo: signingPhoto(content, mou, locale),
    ...entityMeta(
      locale,
      textIn(mou.data.title, locale),
      `${labelled(t, 'mou.kind')}${textIn(mou.data.title, locale)}`,
      (code) => paths.mou(code, mou.id),
      translatedLocales(mou.data.title, ...mou.data.scope),
    ),
  };
}
export type MouPageProps = ReturnType<typeof mouPage>;

export function organizationPage(content: SiteContent, organization: OrganizationEntry, locale: LocaleCode) {
  const id = organization.id;
  return {
    locale,
    organization,
    parent: organization.data.parent ? entry(content.organizations, organization.data.parent.id, 'organization') : undefined,
    people: [...content.people.values()].flatMap((person) =>
      person.data.affiliations
        .filter((affiliation) => affiliation.organization.id === id)
        .map((affiliation) => ({ person, title: affiliation.title })),
    ),
    mous: [...content.mous.values()].filter((mou) => mou.data.parties.some((party) => party.id === id)),
    releases: releasesMentioning(content, 'organizations', id).map((release) => releaseCard(release, locale)),
    feeds: topicFeedLinks(content, locale, 'organizations', id),
    structuredData: organizationLd(organizationFacts(content, organization, locale)),
    ...entityMeta(
      locale,
      textIn(organization.data.name, locale),
      textIn(organization.data.description, locale),
      (code) => paths.organization(code, id),
      translatedLocales(organization.data.name, organization.data.description),
    ),
  };
}
export type OrganizationPageProps = ReturnType<typeof organizationPage>;

/** The photo of an MoU's signing, once the release it belongs to is public. */
function signingPhoto(content: SiteContent, mou: MouEntry, locale: LocaleCode) {
  const photo = mou.data.photo && content.photos.get(mou.data.photo.id);
  return photo && photoFigure(photo, content.people, locale, useTranslations(locale), 1);
}

/** One page per entry and locale. */
async function perLocale<T extends { id: string }, P>(entries: Iterable<T>, props: (item: T, locale: LocaleCode) => P | Promise<P>) {
  return withCacheKeys(
    await Promise.all(
      [...entries].flatMap((item) =>
        locales.map(async (locale) => ({ params: { lang: locale.path, id: item.id }, props: await props(item, locale.code) })),
      ),
    ),
  );
}

/** An event's card image: the first published photo taken there, if any. */
async function eventCardImage(content: SiteContent, event: EventEntry, locale: LocaleCode): Promise<CardImage | undefined> {
  const [photo] = photosOfEvent(content, event.id);
  return photo ? cardImage(photo, locale) : undefined;
}

export async function eventPagePaths() {
  const content = await siteContent();
  return perLocale(content.events.values(), async (event, locale) => eventPage(content, event, locale, await eventCardImage(content, event, locale)));
}

export async function mouPagePaths() {
  const content = await siteContent();
  return perLocale(content.mous.values(), (mou, locale) => mouPage(content, mou, locale));
}

export async function organizationPagePaths() {
  const content = await siteContent();
  return perLocale(content.organizations.values(), (organization, locale) => organizationPage(content, organization, locale));
}
