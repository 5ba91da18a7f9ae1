import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
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

/**
 * Image metadata from `image()` is a proxy that marks the original as "used" (so Astro copies it,
 * GPS and serial numbers included, into the output) as soon as a property is read. Its keys can
 * be listed without reading them.
 */
function isImageMetadata(value: object): boolean {
  const keys = Object.keys(value);
  return ['src', 'width', 'height', 'format'].every((key) => keys.includes(key));
}

/** Every reference inside an entry's data, with the dotted field path it sits at. */
export function findReferences(data: unknown, path: string[] = []): Array<{ field: string; ref: StoredReference }> {
  if (isReference(data)) return [{ field: path.join('.'), ref: data }];
  if (data instanceof Date || typeof data !== 'object' || data === null || isImageMetadata(data)) return [];
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

function rawData(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const frontmatter = file.endsWith('.mdx') || file.endsWith('.md') ? /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] : text;
  // The YAML 1.2 core schema keeps timestamps as text, so the offset the author wrote is still there.
  const parsed: unknown = frontmatter ? parseYaml(frontmatter) : {};
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

// The colon is required: js-yaml and Zod's ISO parser reject +0900, so accepting it here would pass it on.
const hasOffset = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Moments written without a time zone. YAML would read them as UTC, silently moving a Seoul
 * 09:00 publication to 18:00, so the raw text is checked.
 */
export function momentsWithoutTimeZone(file: string, fields: readonly string[], options: { allowDay?: readonly string[] } = {}): ContentProblem[] {
  const data = rawData(file);
  return fields
    .filter((field) => data[field] !== undefined && data[field] !== null)
    .filter((field) => {
      const raw = String(data[field]).trim();
      if (options.allowDay?.includes(field) && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
      return !hasOffset.test(raw);
    })
    .map((field) => ({
      file,
      field,
      problem: `"${String(data[field])}" has no time zone`,
      fix: `write the date, time and offset, e.g. ${field}: 2023-04-03T09:00:00+09:00`,
    }));
}

/** The image file a photo's YAML file names, resolved beside it; undefined when it names none. */
export function photoImagePath(file: string): string | undefined {
  const image = rawData(file).image;
  return typeof image === 'string' && image.trim() !== '' ? resolve(dirname(file), image) : undefined;
}

/** The image named by a photo's YAML file must exist beside it. */
export function missingPhotoFile(file: string): ContentProblem[] {
  const path = photoImagePath(file);
  if (!path) {
    return [{ file, field: 'image', problem: 'is missing', fix: 'add "image: ./<file name>.jpg" naming the photo file beside this caption file' }];
  }
  return existsSync(path)
    ? []
    : [{ file, field: 'image', problem: `the file "${String(rawData(file).image)}" does not exist`, fix: `put the photo at ${relative(process.cwd(), path)} or correct the file name` }];
}
