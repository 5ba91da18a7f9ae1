/**
 * What is public, decided once from all collections: references checked, language versions
 * paired, drafts and embargoed releases dropped, and only the photos of visible releases kept.
 * Pure: the pages get their entries from Astro's content layer (`content/site-content.ts`), the media stage
 * from the same files read through the same schemas outside Astro (`content/reader.ts`), and both
 * pass them through here, so a page and a pack can never disagree about what may be published.
 */
import type { CollectionEntry } from 'astro:content';
import { siteConfig } from '../../site.config';
import { throwIfProblems, type ContentProblem } from './problems';
import { brokenReferences } from './reference-checks';
import { byNewest, isReleaseVisible, nextEmbargo, pairReleases, visibleVersions, type Release, type Visibility } from './releases';

export type PhotoEntry = CollectionEntry<'photos'>;
export type EventEntry = CollectionEntry<'events'>;
export type MouEntry = CollectionEntry<'mous'>;
export type OrganizationEntry = CollectionEntry<'organizations'>;
export type PersonEntry = CollectionEntry<'people'>;
export type ContactEntry = CollectionEntry<'contacts'>;
export type ReleaseEntry = CollectionEntry<'releases'>;

/** Every entry of every collection, as a content loader returns them. */
export interface ContentEntries {
  releases: ReleaseEntry[];
  photos: PhotoEntry[];
  events: EventEntry[];
  mous: MouEntry[];
  organizations: OrganizationEntry[];
  people: PersonEntry[];
  contacts: ContactEntry[];
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
  contacts: Map<string, ContactEntry>;
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
          problem: `"${id}" is a photo of another release (${fileOf(photo, 'photos')}), which may be a draft or under embargo`,
          fix: `list only photos from content/releases/${release.slug}/photos/; to use the same picture, copy it and its caption file there under a new id`,
          ko: {
            problem: `"${id}"은(는) 다른 보도자료의 사진입니다(${fileOf(photo, 'photos')}). 그 보도자료는 초안이거나 엠바고 중일 수 있습니다`,
            fix: `content/releases/${release.slug}/photos/에 있는 사진만 적으세요. 같은 사진을 쓰려면 사진과 설명 파일을 그 폴더로 복사해 새 id를 붙이세요`,
          },
        },
      ];
    }),
  );
}

/**
 * An organization may not be its own parent, directly or up the chain: pages walk the chain to
 * name a department's parents, and a loop would never end.
 */
function parentCycles(organizations: OrganizationEntry[]): ContentProblem[] {
  const parentOf = new Map(organizations.map((organization) => [organization.id, organization.data.parent?.id]));
  return organizations.flatMap((organization) => {
    const chain = [organization.id];
    for (let parent = parentOf.get(organization.id); parent !== undefined; parent = parentOf.get(parent)) {
      if (parent === organization.id) {
        const loop = [...chain, parent].join(' → ');
        return [
          {
            file: fileOf(organization, 'organizations'),
            field: 'parent',
            problem: `the parent chain comes back to this organization (${loop})`,
            fix: 'give the top organization of the chain no "parent", and check which one is really part of which',
            ko: { problem: `상위 기관을 따라가면 이 기관으로 되돌아옵니다(${loop})`, fix: '맨 위 기관에는 "parent"를 쓰지 말고, 어느 기관이 어느 기관에 속하는지 확인하세요' },
          },
        ];
      }
      if (chain.includes(parent)) return [];
      chain.push(parent);
    }
    return [];
  });
}

/**
 * Problems that need every collection at once: references to entries that do not exist, language
 * versions that do not pair, photos of another release, loops of parent organizations; and the
 * releases paired on the way. `ids` holds every file's id, parsed or not, so that a reference to a
 * file with its own problems is not reported again as unknown.
 */
function crossEntryCheck(all: ContentEntries, ids?: Record<string, Set<string>>): { problems: ContentProblem[]; paired: ReturnType<typeof pairReleases> } {
  const known = ids ?? Object.fromEntries(Object.entries(all).map(([name, entries]) => [name, new Set((entries as Array<{ id: string }>).map((entry) => entry.id))]));
  const problems: ContentProblem[] = [];
  for (const [collection, entries] of Object.entries(all)) {
    for (const entry of entries as Array<{ id: string; filePath?: string; data: unknown }>) problems.push(...brokenReferences(fileOf(entry, collection), entry.data, known));
  }
  // A release whose original has problems of its own is paired once they are fixed; pairing it
  // now would report a missing original that is only unreadable.
  const parsed = new Set(all.releases.map((release) => release.id));
  const unreadable = new Set([...(ids?.releases ?? [])].filter((id) => !parsed.has(id)).map((id) => id.slice(0, id.lastIndexOf('/'))));
  const paired = pairReleases(all.releases.filter((release) => !unreadable.has(release.id.slice(0, release.id.lastIndexOf('/')))));
  problems.push(...paired.problems);
  problems.push(...foreignPhotos(paired.releases, byId(all.photos)));
  problems.push(...parentCycles(all.organizations));
  return { problems, paired };
}

/** What a reader of the files found before the cross-entry checks, to be reported with theirs. */
export interface EarlierFindings {
  /** Every file's id per collection, its data parsed or not. */
  ids?: Record<string, Set<string>>;
  /** Problems of single files (schemas, encodings, photos…). */
  problems?: ContentProblem[];
}

/**
 * Checks every entry against the others and keeps what readers may see at `visibility.now`;
 * throws every problem at once, `earlier` ones first.
 */
export function assembleSiteContent(all: ContentEntries, visibility: Visibility, earlier: EarlierFindings = {}): SiteContent {
  const { problems, paired } = crossEntryCheck(all, earlier.ids);
  throwIfProblems([...(earlier.problems ?? []), ...problems]);

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
    contacts: byId(all.contacts),
    nextEmbargo: nextEmbargo(paired.releases, visibility.now),
  };
}

/** Releases that mention an entry: the event they report on, the MoUs and organizations they name. */
export function releasesMentioning(content: SiteContent, kind: 'event' | 'mous' | 'organizations', id: string): Release[] {
  return content.releases.filter((release) =>
    kind === 'event' ? release.event === id : release[kind].includes(id),
  );
}

/** Who answers the press about a release: its own contact, else the publisher's. */
export function pressContactOf(content: SiteContent, release: Release): ContactEntry | undefined {
  const id = release.contact ?? publisherOf(content)?.data.pressContact?.id;
  return id === undefined ? undefined : content.contacts.get(id);
}

/** The organization that publishes the releases (`siteConfig.publisher`). */
export function publisherOf(content: SiteContent): OrganizationEntry | undefined {
  return content.organizations.get(siteConfig.publisher);
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
