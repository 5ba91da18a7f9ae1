/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and code
 * are unchanged since the last build is copied from the cache instead of rendered. The key is a
 * hash of everything the page is given as props, so any change to its data re-renders it.
 *
 * Content entries count by their digest (a hash of the file) rather than by their fields, and an
 * image by its published URL, which carries a hash of the image file. That URL is read through the
 * metadata's `clone`: reading any other property of a content image tells Astro the page uses the
 * original, and Astro then copies the camera original, GPS and serial numbers included, into the
 * output.
 */
import { createHash } from 'node:crypto';

/** Bump to re-render every keyed page once, e.g. after changing how keys are made. */
const KEY_VERSION = 1;

interface EntryLike {
  collection: string;
  id: string;
  digest: string;
  data?: Record<string, unknown>;
}

function isEntry(value: object): value is EntryLike {
  const candidate = value as Partial<EntryLike>;
  return typeof candidate.collection === 'string' && typeof candidate.id === 'string' && typeof candidate.digest === 'string';
}

/** The hashed URL of an `image()` field, read without marking the original as published. */
function imageUrl(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const copy = (value as { clone?: unknown }).clone;
  if (copy && typeof copy === 'object' && typeof (copy as { src?: unknown }).src === 'string') return (copy as { src: string }).src;
  return undefined;
}

function entryImages(entry: EntryLike): string[] {
  return Object.values(entry.data ?? {})
    .map(imageUrl)
    .filter((url): url is string => url !== undefined);
}

/** A stable text form of props: object keys sorted, entries by digest, Maps and Dates spelled out. */
function canonical(value: unknown, seen: Set<object>): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (isEntry(value)) return { entry: `${value.collection}/${value.id}`, digest: value.digest, images: entryImages(value) };
  if (seen.has(value)) return '(circular)';
  seen.add(value);
  try {
    if (value instanceof Map) return { map: [...value].map(([key, inner]) => [canonical(key, seen), canonical(inner, seen)]) };
    if (value instanceof Set) return { set: [...value].map((inner) => canonical(inner, seen)) };
    if (Array.isArray(value)) return value.map((inner) => canonical(inner, seen));
    const url = imageUrl(value);
    if (url) return { image: url };
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], seen)]),
    );
  } finally {
    seen.delete(value);
  }
}

/** The cache key of a page given `props`. */
export function pageCacheKey(props: unknown): string {
  const text = JSON.stringify({ version: KEY_VERSION, props: canonical(props, new Set()) });
  return createHash('sha256').update(text).digest('base64url');
}

/** Adds a cache key to each path that `getStaticPaths` returns. */
export function withCacheKeys<Path extends { props: unknown }>(paths: Path[]): Array<Path & { cacheKey: string }> {
  return paths.map((path) => ({ ...path, cacheKey: pageCacheKey(path.props) }));
}
