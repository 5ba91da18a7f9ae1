import type { ContentProblem } from './problems';
import { closestWord } from './did-you-mean';

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

/** Where the files of each collection live, as authors know them. */
export const folderOf: Record<string, string> = {
  releases: 'content/releases/<slug>/',
  photos: 'content/releases/<slug>/photos/',
  events: 'content/events/',
  mous: 'content/mous/',
  organizations: 'content/organizations/',
  people: 'content/people/',
  contacts: 'content/contacts/',
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
      const guess = closestWord(ref.id, existing);
      const some = `${existing.slice(0, 12).join(', ')}${existing.length > 12 ? ', …' : ''}`;
      return {
        file,
        field,
        problem: `refers to ${ref.collection.replace(/s$/, '')} "${ref.id}", which does not exist`,
        fix: `${guess ? `did you mean "${guess}"? ` : ''}${existing.length ? `use one of: ${some} (files in ${folderOf[ref.collection]}), or add a file for "${ref.id}"` : `add a file for "${ref.id}" in ${folderOf[ref.collection]}`}`,
        ko: {
          problem: `없는 항목 "${ref.id}"을(를) 가리킵니다(${folderOf[ref.collection]})`,
          fix: `${guess ? `"${guess}"를 쓰려던 것인가요? ` : ''}${existing.length ? `다음 중 하나를 쓰거나(${folderOf[ref.collection]}의 파일): ${some}, "${ref.id}" 파일을 추가하세요` : `${folderOf[ref.collection]}에 "${ref.id}" 파일을 추가하세요`}`,
        },
      };
    });
}
