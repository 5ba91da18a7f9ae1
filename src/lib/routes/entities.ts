import { defaultLocale, locales, type LocaleCode } from '../../i18n/locales';
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
import { withCacheKeys } from '../view/page-cache-key';

/** Entity pages exist in every locale: their fields fall back one by one, the UI is translated. */
function entityMeta(locale: LocaleCode, heading: string, description: string, pathIn: (code: LocaleCode) => string, image?: CardImage) {
  return pageMeta({ locale, heading, description, pathIn, xDefault: pathIn(defaultLocale), image });
}

export function eventPage(content: SiteContent, event: EventEntry, locale: LocaleCode, image?: CardImage) {
  return {
    locale,
    event,
    organizer: event.data.organizer ? entry(content.organizations, event.data.organizer.id, 'organization') : undefined,
    releases: releasesMentioning(content, 'event', event.id).map((release) => releaseCard(release, locale)),
    mous: [...content.mous.values()].filter((mou) => mou.data.event?.id === event.id),
    calendarHref: paths.eventCalendar(locale, event.id),
    structuredData: eventLd(eventFacts(content, event, locale, image)),
    meta: entityMeta(
      locale,
      textIn(event.data.name, locale),
      textIn(event.data.description, locale),
      (code) => paths.event(code, event.id),
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
    meta: entityMeta(
      locale,
      textIn(mou.data.title, locale),
      `${labelled(t, 'mou.kind')}${textIn(mou.data.title, locale)}`,
      (code) => paths.mou(code, mou.id),
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
    structuredData: organizationLd(organizationFacts(content, organization, locale)),
    meta: entityMeta(
      locale,
      textIn(organization.data.name, locale),
      textIn(organization.data.description, locale),
      (code) => paths.organization(code, id),
    ),
  };
}
export type OrganizationPageProps = ReturnType<typeof organizationPage>;

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
