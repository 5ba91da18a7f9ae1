import type { ContentProblem } from './content-errors';

/** A reference as Astro stores it after `reference()` has parsed it. */
interface StoredReference {
  collection: string;
  id: string;
}

function isReference(value: unknown): value is StoredReference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort().join(',');
  return keys === 'collection,id';
}

/** Every reference inside an entry's data, with the dotted field path it sits at. */
export function findReferences(data: unknown, path: string[] = []): Array<{ field: string; ref: StoredReference }> {
  if (isReference(data)) return [{ field: path.join('.'), ref: data }];
  if (data instanceof Date || typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([key, value]) => findReferences(value, [...path, key]));
}

const folderOf: Record<string, string> = {
  releases: 'content/releases/<slug>/',
  photos: 'content/releases/<slug>/photos/',
  events: 'content/events/',
  mous: 'content/mous/',
  organizations: 'content/organizations/',
  people: 'content/people/',
};

/** References to entries that do not exist, each named by file and field. */
export function brokenReferences(
  file: string,
  data: unknown,
  known: Record<string, Set<string>>,
): ContentProblem[] {
  return findReferences(data)
    .filter(({ ref }) => !known[ref.collection]?.has(ref.id))
    .map(({ field, ref }) => {
      const existing = [...(known[ref.collection] ?? [])].sort();
      return {
        file,
        field,
        problem: `refers to ${ref.collection.replace(/s$/, '')} "${ref.id}", which does not exist`,
        fix: existing.length
          ? `use one of: ${existing.slice(0, 12).join(', ')}${existing.length > 12 ? ', …' : ''} (files in ${folderOf[ref.collection]}), or add a file for "${ref.id}"`
          : `add a file for "${ref.id}" in ${folderOf[ref.collection]}`,
      };
    });
}
