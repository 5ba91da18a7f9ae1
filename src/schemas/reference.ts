import { z } from 'astro/zod';

/** The collections an entry can point at. */
export type CollectionName = 'releases' | 'photos' | 'events' | 'mous' | 'organizations' | 'people';

/**
 * A reference to another entry by id, parsed to `{ id, collection }` as Astro's `reference()`
 * stores it. Ours rather than Astro's so that the same schemas load outside Astro (the media
 * stage reads the content in a process of its own); existence is checked later, with all
 * collections at hand (src/lib/content-checks.ts).
 */
export function reference<C extends CollectionName>(collection: C) {
  return z.union([
    z.string().trim().min(1).transform((id) => ({ id, collection })),
    z.object({ id: z.string(), collection: z.literal(collection) }),
  ], { error: `must be the id of an entry in content/${collection === 'photos' ? 'releases/<slug>/photos' : collection}/` });
}
