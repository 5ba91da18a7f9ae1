/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and code
 * are unchanged since the last build is copied from the cache instead of rendered. The key is a
 * hash of everything the page is given as props, so any change to its data re-renders it.
 *
 * Content entries count by their digest (a hash of the file) rather than by their fields, plus
 * what the media stage made for them: a photo replaced under an unchanged caption file changes
 * its web images and press copy, and a release's or event's pack changes with any of its photos.
 */
import { createHash } from 'node:crypto';
import type { MediaManifest } from '../media/manifest';
import { siteMedia } from '../media/site-media';
import { paths } from './urls';

/** Bump to re-render every keyed page once, e.g. after changing how keys are made. */
const KEY_VERSION = 2;

interface EntryLike {
  collection: string;
  id: string;
  digest: string;
}

function isEntry(value: object): value is EntryLike {
  const candidate = value as Partial<EntryLike>;
  return typeof candidate.collection === 'string' && typeof candidate.id === 'string' && typeof candidate.digest === 'string';
}

type PageMedia = Pick<MediaManifest, 'photos' | 'packs'>;

/** The media made for an entry, as far as a page can show it. */
function mediaOf(entry: EntryLike, media: PageMedia): unknown {
  if (entry.collection === 'photos') return media.photos[entry.id];
  if (entry.collection === 'releases') return media.packs[paths.releasePack(entry.id.slice(0, entry.id.lastIndexOf('/')))];
  if (entry.collection === 'events') return media.packs[paths.eventPack(entry.id)];
  return undefined;
}

/** A stable text form of props: object keys sorted, entries by digest, Maps and Dates spelled out. */
function canonical(value: unknown, seen: Set<object>, media: PageMedia): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (isEntry(value)) return { entry: `${value.collection}/${value.id}`, digest: value.digest, media: mediaOf(value, media) };
  if (seen.has(value)) return '(circular)';
  seen.add(value);
  try {
    if (value instanceof Map) return { map: [...value].map(([key, inner]) => [canonical(key, seen, media), canonical(inner, seen, media)]) };
    if (value instanceof Set) return { set: [...value].map((inner) => canonical(inner, seen, media)) };
    if (Array.isArray(value)) return value.map((inner) => canonical(inner, seen, media));
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], seen, media)]),
    );
  } finally {
    seen.delete(value);
  }
}

/** The cache key of a page given `props`, with this build's media unless told otherwise. */
export function pageCacheKey(props: unknown, media: PageMedia = siteMedia()): string {
  const text = JSON.stringify({ version: KEY_VERSION, props: canonical(props, new Set(), media) });
  return createHash('sha256').update(text).digest('base64url');
}

/** Adds a cache key to each path that `getStaticPaths` returns. */
export function withCacheKeys<Path extends { props: unknown }>(paths: Path[], media: PageMedia = siteMedia()): Array<Path & { cacheKey: string }> {
  return paths.map((path) => ({ ...path, cacheKey: pageCacheKey(path.props, media) }));
}
