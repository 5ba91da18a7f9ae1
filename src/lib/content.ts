/**
 * The one door to the content. It loads every collection once, checks what the schemas cannot
 * (references, language pairing; raw-file checks run before Astro reads anything, in
 * src/integrations/content-preflight.ts), drops drafts and embargoed releases, and hands pages
 * plain, already-filtered data. Pages never call `getCollection` themselves, so
 * an embargoed release cannot leak through a page that forgot a filter.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildNow } from './clock';
import { throwIfProblems, type ContentProblem } from './content-errors';
import { brokenReferences } from './content-checks';
import { byNewest, isReleaseVisible, nextEmbargo, pairReleases, visibleVersions, type Release, type Visibility } from './releases';

export type PhotoEntry = CollectionEntry<'photos'>;
export type EventEntry = CollectionEntry<'events'>;
export type MouEntry = CollectionEntry<'mous'>;
export type OrganizationEntry = CollectionEntry<'organizations'>;
export type PersonEntry = CollectionEntry<'people'>;

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

/** The release folder a photo caption file lives in. */
export function photoOwner(photo: PhotoEntry): string | undefined {
  return /releases\/([^/]+)\/photos\//.exec(photo.filePath ?? '')?.[1];
}

async function load(visibility: Visibility): Promise<SiteContent> {
  const [releaseEntries, photoEntries, eventEntries, mouEntries, organizationEntries, personEntries] = await Promise.all([
    getCollection('releases'),
    getCollection('photos'),
    getCollection('events'),
    getCollection('mous'),
    getCollection('organizations'),
    getCollection('people'),
  ]);
  const all = { releases: releaseEntries, photos: photoEntries, events: eventEntries, mous: mouEntries, organizations: organizationEntries, people: personEntries };
  const known = Object.fromEntries(Object.entries(all).map(([name, entries]) => [name, new Set(entries.map((entry) => entry.id))]));

  const problems: ContentProblem[] = [];
  for (const [collection, entries] of Object.entries(all)) {
    for (const entry of entries) problems.push(...brokenReferences(fileOf(entry, collection), entry.data, known));
  }
  const paired = pairReleases(releaseEntries);
  problems.push(...paired.problems);
  throwIfProblems(problems);

  const releases = paired.releases
    .filter((release) => isReleaseVisible(release, visibility))
    .map((release) => ({ ...release, versions: visibleVersions(release, visibility) }))
    .sort(byNewest);
  const publishedPhotoIds = new Set(releases.flatMap((release) => release.photos));

  return {
    now: visibility.now,
    releases,
    photos: byId(photoEntries.filter((photo) => publishedPhotoIds.has(photo.id))),
    events: byId(eventEntries),
    mous: byId(mouEntries),
    organizations: byId(organizationEntries),
    people: byId(personEntries),
    nextEmbargo: nextEmbargo(paired.releases, visibility.now),
  };
}

let loaded: Promise<SiteContent> | undefined;

/** All content, loaded and checked once per build. */
export function siteContent(): Promise<SiteContent> {
  loaded ??= load({ now: buildNow(), includeDrafts: import.meta.env.DEV }).then((content) => {
    if (content.nextEmbargo) {
      console.info(`[pressroom] next embargo lifts at ${content.nextEmbargo.toISOString()}: rebuild the site then.`);
    }
    return content;
  });
  return loaded;
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
