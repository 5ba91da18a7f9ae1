import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { photosOf, siteContent, type EventEntry, type PhotoEntry, type SiteContent } from '../content/site-content';
import { pickText, textIn, type PickedText } from '../view/localized-text';
import { eventPackLink, originalPhotoLink, releasePackLink } from '../packs/site-packs';
import type { OriginalLink, PackLink } from '../packs/download-links';
import type { WebImage } from '../media/manifest';
import { photoMedia } from '../media/site-media';
import { pageMeta } from '../view/page-meta';
import type { Release } from '../content/releases';
import { paths } from '../view/urls';
import { releaseCard, type ReleaseCard } from './release-card';

/** One photo in the media library. */
export interface LibraryPhoto {
  photo: PhotoEntry;
  caption: PickedText;
  alt: string;
  credit: string;
  original: OriginalLink;
  /** Its web images, every format and width. */
  images: WebImage[];
}

export interface LibraryRelease {
  slug: string;
  card: ReleaseCard;
  pack?: PackLink;
  photos: LibraryPhoto[];
}

/** Releases about one event (or about none), with the event's own pack. */
export interface LibraryGroup {
  event?: EventEntry;
  pack?: PackLink;
  releases: LibraryRelease[];
}

/**
 * Every published photo, by event and then by release, newest first; releases about no event
 * come last. A release's photos are grouped under the release's event, while an event's pack
 * gathers photos by the event each photo names, so the two agree unless the content disagrees.
 */
async function mediaLibraryGroups(content: SiteContent, locale: LocaleCode): Promise<LibraryGroup[]> {
  const withPhotos = content.releases.filter((release) => photosOf(content, release).length > 0);
  const eventIds = [...new Set(withPhotos.flatMap((release) => (release.event ? [release.event] : [])))];
  const groups = eventIds.map((id) => ({ eventId: id as string | undefined, releases: withPhotos.filter((release) => release.event === id) }));
  const unattached = withPhotos.filter((release) => !release.event);
  if (unattached.length > 0) groups.push({ eventId: undefined, releases: unattached });
  return Promise.all(
    groups.map(async ({ eventId, releases }) => ({
      event: eventId ? content.events.get(eventId) : undefined,
      pack: eventId ? eventPackLink(eventId, locale) : undefined,
      releases: await Promise.all(releases.map((release) => libraryRelease(content, release, locale))),
    })),
  );
}

async function libraryRelease(content: SiteContent, release: Release, locale: LocaleCode): Promise<LibraryRelease> {
  return {
    slug: release.slug,
    card: releaseCard(release, locale),
    pack: releasePackLink(release, locale),
    photos: photosOf(content, release).map((photo) => libraryPhoto(photo, locale)),
  };
}

/** A photo as a grid shows it: picture, caption, credit and its original. */
export function libraryPhoto(photo: PhotoEntry, locale: LocaleCode): LibraryPhoto {
  return {
    photo,
    caption: pickText(photo.data.caption, locale),
    alt: textIn(photo.data.alt, locale),
    credit: textIn(photo.data.credit, locale),
    original: originalPhotoLink(photo, locale),
    images: photoMedia(photo.id).images,
  };
}

export async function mediaLibraryPage(content: SiteContent, locale: LocaleCode) {
  const t = useTranslations(locale);
  return {
    locale,
    groups: await mediaLibraryGroups(content, locale),
    meta: pageMeta({ locale, heading: t('photos.title'), description: t('photos.intro'), pathIn: paths.photos, xDefault: paths.chooser() }),
  };
}
export type MediaLibraryPageProps = Awaited<ReturnType<typeof mediaLibraryPage>>;

export async function mediaLibraryPagePaths() {
  const content = await siteContent();
  return Promise.all(locales.map(async (locale) => ({ params: { lang: locale.path }, props: await mediaLibraryPage(content, locale.code) })));
}
