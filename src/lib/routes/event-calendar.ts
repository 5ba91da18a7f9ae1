import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { eventCalendar } from '../view/calendar';
import { siteContent, type EventEntry, type SiteContent } from '../content/site-content';
import { textIn } from '../view/localized-text';
import { absoluteUrl, paths } from '../view/urls';
import { eventPlace } from './linked-data';

/** An event's .ics file in one language; every language shares the UID, so they update one entry. */
export function eventCalendarFile(content: SiteContent, event: EventEntry, locale: LocaleCode): string {
  const t = useTranslations(locale);
  const page = absoluteUrl(paths.event(locale, event.id));
  return eventCalendar({
    uid: `${event.id}@${new URL(siteConfig.url).host}`,
    summary: textIn(event.data.name, locale),
    description: [textIn(event.data.description, locale), t('event.timeZone', { zone: event.data.timeZone }), page].join('\n\n'),
    location: eventPlace(event, locale),
    url: page,
    start: event.data.start,
    end: event.data.end,
    timeZone: event.data.timeZone,
    stamp: content.now,
    language: locale,
  });
}

export async function eventCalendarPaths() {
  const content = await siteContent();
  return [...content.events.values()].flatMap((event) =>
    locales.map((locale) => ({ params: { lang: locale.path, id: event.id }, props: { body: eventCalendarFile(content, event, locale.code) } })),
  );
}
