import { z } from 'astro/zod';
import { breaks } from './rules';

/** The collections an entry can point at. */
export type CollectionName = 'releases' | 'photos' | 'events' | 'mous' | 'organizations' | 'people' | 'contacts';

/** A reference as stored after parsing. */
export interface Reference<C extends CollectionName = CollectionName> {
  id: string;
  collection: C;
}

/**
 * A reference to another entry by id, parsed to `{ id, collection }` as Astro's `reference()`
 * stores it. Ours rather than Astro's so that the same schemas load outside Astro (the media
 * stage reads the content in a process of its own); existence is checked later, with all
 * collections at hand (src/lib/content/reference-checks.ts).
 */
export function reference<C extends CollectionName>(collection: C) {
  return z.unknown().transform((value, ctx): Reference<C> => {
    if (typeof value === 'string' && value.trim() !== '') return { id: value.trim(), collection };
    if (typeof value === 'object' && value !== null && typeof (value as Reference).id === 'string' && (value as Reference).collection === collection) {
      return { id: (value as Reference).id, collection };
    }
    return breaks(ctx, { rule: 'reference', collection, value });
  });
}
