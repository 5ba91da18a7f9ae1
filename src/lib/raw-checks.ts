/**
 * Checks on the raw content files, made before Astro reads them: things Astro either reports
 * without naming the file (a missing photo, an unknown MDX component, a non-UTF-8 file) or does not notice at all (a time zone dropped by YAML, a photo id used twice).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentProblem } from './content-errors';
import { photoIdOf } from './content-files';
import { releaseComponentNames } from './mdx-components';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file that is not valid UTF-8 (e.g. saved as EUC-KR or Big5) is read as garbage by every tool. */
export function notUtf8(file: string, bytes: Buffer = readFileSync(file)): ContentProblem[] {
  try {
    utf8.decode(bytes);
    return [];
  } catch {
    return [{ file, field: 'encoding', problem: 'the file is not saved as UTF-8 (perhaps EUC-KR, Big5 or another legacy encoding)', fix: 'open it in your editor and save it again with the encoding "UTF-8"' }];
  }
}

function frontmatterOf(text: string, file: string): string | undefined {
  return file.endsWith('.mdx') ? /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] : text;
}

/**
 * The file's data as the author wrote it. The YAML 1.2 core schema keeps timestamps as text, so the
 * offset is still there. Broken YAML yields nothing here: Astro reports it with the line number.
 */
function rawData(file: string): Record<string, unknown> {
  try {
    const frontmatter = frontmatterOf(readFileSync(file, 'utf8'), file);
    const parsed: unknown = frontmatter ? parseYaml(frontmatter) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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
    .flatMap((field) => {
      const raw = String(data[field]).trim();
      if (options.allowDay?.includes(field) && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return [];
      const example = `write the date, time and offset, e.g. ${field}: 2023-04-03T09:00:00+09:00`;
      if (Number.isNaN(Date.parse(raw))) return [{ file, field, problem: `"${raw}" is not a date`, fix: example }];
      return hasOffset.test(raw) ? [] : [{ file, field, problem: `"${raw}" has no time zone`, fix: example }];
    });
}

/** The image file a photo's YAML file names, resolved beside it; undefined when it names none. */
export function photoImagePath(file: string): string | undefined {
  const image = rawData(file).image;
  return typeof image === 'string' && image.trim() !== '' ? resolve(dirname(file), image) : undefined;
}

/** The image a photo's YAML names must exist beside it (its format is checked in photo-checks.ts). */
export function missingPhotoFile(file: string): ContentProblem[] {
  const path = photoImagePath(file);
  if (!path) {
    return [{ file, field: 'image', problem: 'is missing', fix: 'add "image: ./<file name>.jpg" naming the photo file beside this caption file' }];
  }
  return existsSync(path)
    ? []
    : [{ file, field: 'image', problem: `the file "${String(rawData(file).image)}" does not exist`, fix: `put the photo at ${relative(process.cwd(), path)} or correct the file name` }];
}

/** Capitalised JSX tags in an MDX body that no release component answers to, with their lines. */
export function unknownComponents(file: string, text: string = readFileSync(file, 'utf8')): ContentProblem[] {
  const known = new Set<string>(releaseComponentNames);
  const problems: ContentProblem[] = [];
  let inCode = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    if (inCode) return;
    for (const match of line.replaceAll(/`[^`]*`/g, '').matchAll(/<([A-Z][A-Za-z0-9]*)/g)) {
      if (known.has(match[1]!)) continue;
      problems.push({
        file,
        field: `line ${index + 1}`,
        problem: `<${match[1]}> is not a component releases can use`,
        fix: `use ${releaseComponentNames.map((name) => `<${name}>`).join(', ')}, or write the text without the angle bracket`,
      });
    }
  });
  return problems;
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Release folder names become URLs: lowercase letters, digits and hyphens, unique ignoring case. */
export function slugProblems(folders: string[]): ContentProblem[] {
  const seen = new Map<string, string>();
  return folders.flatMap((folder) => {
    const slug = basename(folder);
    const problems: ContentProblem[] = [];
    if (!slugPattern.test(slug)) {
      problems.push({ file: folder, field: 'slug', problem: `the folder name "${slug}" cannot be used in a web address`, fix: `rename the folder to lowercase letters, digits and hyphens, e.g. "${slug.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-').replaceAll(/^-|-$/g, '')}"` });
    }
    const other = seen.get(slug.toLowerCase());
    if (other) problems.push({ file: folder, field: 'slug', problem: `has the same address as ${other}`, fix: 'give one of the two releases another folder name' });
    seen.set(slug.toLowerCase(), folder);
    return problems;
  });
}

/** Photo ids are file names and must be unique across releases: an event pack gathers them all. */
export function duplicatePhotoIds(photoFiles: string[]): ContentProblem[] {
  const seen = new Map<string, string>();
  return photoFiles.flatMap((file) => {
    const id = photoIdOf(file);
    const first = seen.get(id);
    seen.set(id, first ?? file);
    return first ? [{ file, field: 'id', problem: `the photo id "${id}" is already used by ${first}`, fix: 'rename one of the two caption files (and its photo), e.g. with the release slug as prefix' }] : [];
  });
}
