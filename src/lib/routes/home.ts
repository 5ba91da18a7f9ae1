/**
 * The home page of a language: the latest release with its lead photo, the next ones with
 * thumbnails, upcoming and recent events, the press contact and the feeds.
 */
import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { pressContactOf, publisherOf, siteContent, type EventEntry, type SiteContent } from '../content/site-content';
import { formatLocalRange } from '../view/date-format';
import { pickText, type PickedText } from '../view/localized-text';
import { pageMeta } from '../view/page-meta';
import { withCacheKeys } from '../view/page-cache-key';
import { aboutIn, contactIn } from '../view/press-contact';
import { paths } from '../view/urls';
import { releaseCardWithImage } from './release-card';

const HOME_RELEASE_COUNT = 10;
const HOME_EVENT_COUNT = 4;

export interface EventCard {
  href: string;
  name: PickedText;
  /** "28–31 March 2023", in the event's own days. */
  dates: string;
  city: PickedText;
}

function eventCard(event: EventEntry, locale: LocaleCode): EventCard {
  return {
    href: paths.event(locale, event.id),
    name: pickText(event.data.shortName ?? event.data.name, locale),
    dates: formatLocalRange(event.data.start, event.data.end, locale),
    city: pickText(event.data.city, locale),
  };
}

/** Events' days are local to them and carry no zone: they are compared with today in the site's zone. */
function eventsAround(content: SiteContent) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: siteConfig.timeZone }).format(content.now);
  const events = [...content.events.values()].sort((a, b) => a.data.start.localeCompare(b.data.start));
  return {
    upcoming: events.filter((event) => event.data.end.slice(0, 10) >= today).slice(0, HOME_EVENT_COUNT),
    recent: events.filter((event) => event.data.end.slice(0, 10) < today).reverse().slice(0, HOME_EVENT_COUNT),
  };
}

export function homePage(content: SiteContent, locale: LocaleCode) {
  const t = useTranslations(locale);
  const [latest, ...next] = content.releases.slice(0, HOME_RELEASE_COUNT).map((release) => releaseCardWithImage(content, release, locale));
  const events = eventsAround(content);
  const contact = content.releases[0] ? pressContactOf(content, content.releases[0]) : undefined;
  const publisher = publisherOf(content);
  return {
    locale,
    latest,
    next,
    upcoming: events.upcoming.map((event) => eventCard(event, locale)),
    recent: events.recent.map((event) => eventCard(event, locale)),
    contact: contact && contactIn(contact, locale),
    about: publisher && aboutIn(publisher, locale),
    meta: pageMeta({ locale, description: t('site.description'), pathIn: paths.home, xDefault: paths.chooser(), searchable: false }),
  };
}
export type HomePageProps = ReturnType<typeof homePage>;

export async function homePagePaths() {
  const content = await siteContent();
  return withCacheKeys(locales.map((locale) => ({ params: { lang: locale.path }, props: homePage(content, locale.code) })));
}
