/**
 * What is public, decided once from all collections: references checked, language versions
 * paired, drafts and embargoed releases dropped, and only the photos of visible releases kept.
 * Pure: the pages get their entries from Astro's content layer (`content.ts`), the media stage
 * from the same files read through the same schemas outside Astro (`content-reader.ts`), and both
 * pass them through here, so a page and a pack can never disagree about what may be published.
 */
import type { CollectionEntry } from 'astro:content';
import { throwIfProblems, type ContentProblem } from './content-errors';
import { brokenReferences } from './content-checks';
import { byNewest, isReleaseVisible, nextEmbargo, pairReleases, visibleVersions, type Release, type Visibility } from './releases';

export type PhotoEntry = CollectionEntry<'photos'>;
export type EventEntry = CollectionEntry<'events'>;
export type MouEntry = CollectionEntry<'mous'>;
export type OrganizationEntry = CollectionEntry<'organizations'>;
export type PersonEntry = CollectionEntry<'people'>;
export type ReleaseEntry = CollectionEntry<'releases'>;

/** Every entry of every collection, as a content loader returns them. */
export interface ContentEntries {
  releases: ReleaseEntry[];
  photos: PhotoEntry[];
  events: EventEntry[];
  mous: MouEntry[];
  organizations: OrganizationEntry[];
  people: PersonEntry[];
}

export interface SiteContent {
  /** The moment the build treats as now (embargoes are compared with it). */
  now: Date;
  /** Releases readers may see, newest first, with only their visible language versions. */
  releases: Release[];
  /** Photos of visible releases, by id. */
  photos: Map<string, PhotoEntry>;
  events: Map<string, EventEntry>;
  mous: Map<string, MouEntry>;
  organizations: Map<string, OrganizationEntry>;
  people: Map<string, PersonEntry>;
  /** The next embargo still ahead of `now`: when the site must be built again. */
  nextEmbargo?: Date;
}

const byId = <T extends { id: string }>(entries: T[]) =>
  new Map([...entries].sort((a, b) => a.id.localeCompare(b.id)).map((entry) => [entry.id, entry]));

function fileOf(entry: { id: string; filePath?: string }, collection: string): string {
  return entry.filePath ?? `content/${collection}/${entry.id}`;
}

/** The release folder a photo's caption file lives in. */
const photoFolderOf = (photo: PhotoEntry) => /(?:^|[\\/])releases[\\/]([^\\/]+)[\\/]photos[\\/][^\\/]+$/.exec(photo.filePath ?? '')?.[1];

/**
 * A release may show only the photos of its own folder: otherwise a public release could publish
 * a photo of an embargoed one (its original, caption and packs) while that one is still secret.
 */
function foreignPhotos(releases: Release[], photos: Map<string, PhotoEntry>): ContentProblem[] {
  return releases.flatMap((release) =>
    release.photos.flatMap((id) => {
      const photo = photos.get(id);
      const folder = photo && photoFolderOf(photo);
      if (!photo || folder === release.slug) return [];
      return [
        {
          file: fileOf(release.original, 'releases'),
          field: 'photos',
          problem: `"${id}" is a photo of another release (${fileOf(photo, 'photos')})`,
          fix: `list only photos from content/releases/${release.slug}/photos/; to use the same picture, copy it and its caption file there under a new id`,
        },
      ];
    }),
  );
}

/** Checks every entry against the others and keeps what readers may see at `visibility.now`. */
export function assembleSiteContent(all: ContentEntries, visibility: Visibility): SiteContent {
  const known = Object.fromEntries(Object.entries(all).map(([name, entries]) => [name, new Set((entries as Array<{ id: string }>).map((entry) => entry.id))]));
  const problems: ContentProblem[] = [];
  for (const [collection, entries] of Object.entries(all)) {
    for (const entry of entries as Array<{ id: string; filePath?: string; data: unknown }>) problems.push(...brokenReferences(fileOf(entry, collection), entry.data, known));
  }
  const paired = pairReleases(all.releases);
  problems.push(...paired.problems);
  problems.push(...foreignPhotos(paired.releases, byId(all.photos)));
  throwIfProblems(problems);

  const releases = paired.releases
    .filter((release) => isReleaseVisible(release, visibility))
    .map((release) => ({ ...release, versions: visibleVersions(release, visibility) }))
    .sort(byNewest);
  const publishedPhotoIds = new Set(releases.flatMap((release) => release.photos));

  return {
    now: visibility.now,
    releases,
    photos: byId(all.photos.filter((photo) => publishedPhotoIds.has(photo.id))),
    events: byId(all.events),
    mous: byId(all.mous),
    organizations: byId(all.organizations),
    people: byId(all.people),
    nextEmbargo: nextEmbargo(paired.releases, visibility.now),
  };
}

/** Releases that mention an entry: the event they report on, the MoUs and organizations they name. */
export function releasesMentioning(content: SiteContent, kind: 'event' | 'mous' | 'organizations', id: string): Release[] {
  return content.releases.filter((release) =>
    kind === 'event' ? release.event === id : release[kind].includes(id),
  );
}

/** The photos of a release, in the order the release lists them. */
export function photosOf(content: SiteContent, release: Release): PhotoEntry[] {
  return release.photos.map((id) => content.photos.get(id)).filter((photo): photo is PhotoEntry => photo !== undefined);
}

/** Published photos taken at an event, in release order then listing order. */
export function photosOfEvent(content: SiteContent, eventId: string): PhotoEntry[] {
  const seen = new Set<string>();
  return [...content.releases]
    .reverse()
    .flatMap((release) => photosOf(content, release))
    .filter((photo) => photo.data.event?.id === eventId && !seen.has(photo.id) && seen.add(photo.id));
}

export function entry<T>(map: Map<string, T>, id: string, what: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`Internal: ${what} "${id}" was not loaded; references are checked, so this is a bug.`);
  return found;
}
