/**
 * The content read and checked outside Astro, in one pass that reports every problem it can find:
 * by the content check (`npm run check`) and by the media stage, the first step of `npm run build`,
 * so both print the same list, and Astro only ever sees content that passed. It reads the files
 * Astro's loaders read (src/content.config.ts), through the same schemas, and decides what is
 * public with the same rules (content/public-content.ts).
 *
 * YAML is read with the YAML 1.2 core schema, which keeps timestamps as text: the schemas then see
 * a date's time zone and its calendar day as written (Astro's YAML turns `2023-02-30T09:00` into
 * 2 March at UTC). Duplicate keys are errors, a byte-order mark is ignored.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'astro/zod';
import { contactSchema, eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from '../../schemas/collections';
import type { ContentProblem } from './problems';
import { folderEntries, linksLeavingContent, photoFiles, photoIdOf, releaseFolders, whereFileLeads } from './files';
import { mdxBodyProblems } from './mdx-checks';
import { photoFileProblems, type PhotoSizeLimits } from './photo-checks';
import { duplicatePhotoIds, notUtf8, slugProblems } from './file-checks';
import type { Visibility } from './releases';
import { schemaProblems } from './schema-problems';
import { assembleSiteContent, type ContentEntries, type SiteContent } from './public-content';
import { unsafeBodyProblems, unsafeTextProblems } from './text-checks';
import { attachmentFileProblems, attachmentPathProblems, ATTACHMENTS_FOLDER } from './attachment-checks';
import { defaultLocale, localeByPath } from '../../i18n/locales';

interface RawEntry {
  id: string;
  collection: string;
  filePath: string;
  data: unknown;
  body?: string;
}

/** Everything read, with the problems found on the way and the ids of every file (parsed or not). */
export interface ContentRead {
  entries: ContentEntries;
  problems: ContentProblem[];
  /** Ids per collection, of files whose data failed too: a reference to them is not "unknown". */
  ids: Record<string, Set<string>>;
}

const frontmatterPattern = /^(---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$))([\s\S]*)$/;

const shownPath = (file: string) => relative(process.cwd(), file);

function yamlProblem(file: string, error: unknown, firstLine: number): ContentProblem {
  const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
  const message = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const duplicate = /Map keys must be unique/.test(message);
  return {
    file,
    field: line === undefined ? undefined : `line ${line + firstLine - 1}`,
    problem: duplicate ? 'names the same field twice; only one of the two values could be used' : `is not valid YAML (${message})`,
    fix: duplicate ? 'keep one line for the field and remove the other' : 'check the indentation and the quotes on the line named',
    ko: {
      problem: duplicate ? '같은 항목이 두 번 나옵니다. 둘 중 하나의 값만 쓰일 수 있습니다' : `YAML 문법에 맞지 않습니다(${message})`,
      fix: duplicate ? '그 항목을 한 줄만 남기고 다른 줄은 지우세요' : '그 줄의 들여쓰기와 따옴표를 확인하세요',
    },
  };
}

/** Reads, parses and schema-checks every file under `contentDir`, collecting every problem. */
export function readContent(contentDir: string): ContentRead {
  const problems: ContentProblem[] = [...linksLeavingContent(contentDir)];
  const ids: Record<string, Set<string>> = {};
  const root = realpathSync(contentDir);

  /** The text of a file, or nothing when it is not UTF-8 (then reported, and not read further). */
  const textOf = (file: string): string | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined; // a link to nowhere, reported by linksLeavingContent
    }
    const encoding = notUtf8(shownPath(file), bytes);
    problems.push(...encoding);
    return encoding.length > 0 ? undefined : bytes.toString('utf8').replace(/^\uFEFF/, '');
  };

  const parse = (collection: string, id: string, file: string, raw: unknown, schema: z.ZodType, body?: string): RawEntry[] => {
    const filePath = shownPath(file);
    problems.push(...unsafeTextProblems(filePath, raw));
    const result = schema.safeParse(raw ?? {}, { reportInput: true });
    if (result.success) return [{ id, collection, filePath, data: result.data, body }];
    problems.push(...schemaProblems(filePath, collection, schema, result.error.issues));
    return [];
  };

  const yamlEntries = (collection: string, files: string[], schema: z.ZodType, idOf: (file: string) => string) =>
    files.flatMap((file) => {
      const text = textOf(file);
      (ids[collection] ??= new Set()).add(idOf(file));
      if (text === undefined) return [];
      try {
        return parse(collection, idOf(file), file, parseYaml(text, { uniqueKeys: true }), schema);
      } catch (error) {
        problems.push(yamlProblem(shownPath(file), error, 1));
        return [];
      }
    });

  const folders = releaseFolders(contentDir);
  problems.push(...slugProblems(folders.map(shownPath)));
  const releases = folders.flatMap((folder) =>
    folderEntries(folder, (name) => name.endsWith('.mdx')).flatMap((file) => {
      // Astro's glob loader slugifies ids: `zh-Hant.mdx` becomes `zh-hant`.
      const id = `${basename(folder)}/${basename(file, '.mdx').toLowerCase()}`;
      (ids.releases ??= new Set()).add(id);
      const text = textOf(file);
      if (text === undefined) return [];
      const shown = shownPath(file);
      const match = frontmatterPattern.exec(text);
      if (!match) {
        problems.push({
          file: shown,
          field: 'frontmatter',
          problem: 'does not start with a frontmatter block between two --- lines',
          fix: 'start the file with a line "---", the fields (title, summary, date…), and another line "---"; the text follows',
          ko: { problem: '파일이 --- 두 줄 사이의 머리말(frontmatter)로 시작하지 않습니다', fix: '첫 줄에 "---", 그 아래에 항목(title, summary, date…), 다시 "---" 줄을 쓰고 그 뒤에 본문을 쓰세요' },
        });
        return [];
      }
      const [, head = '', frontmatter = '', body = ''] = match;
      const bodyLine = head.split('\n').length;
      problems.push(...mdxBodyProblems(shown, body, bodyLine), ...unsafeBodyProblems(shown, body, bodyLine));
      try {
        const parsed = parse('releases', id, file, parseYaml(frontmatter, { uniqueKeys: true }), releaseSchema, body);
        for (const entry of parsed) problems.push(...attachmentPaths(entry, root).flatMap((attachment) => attachment.problems));
        return parsed;
      } catch (error) {
        problems.push(yamlProblem(shown, error, 2));
        return [];
      }
    }),
  );

  const captions = photoFiles(contentDir);
  problems.push(...duplicatePhotoIds(captions.map(shownPath)));
  const photos = yamlEntries('photos', captions, photoSchema, photoIdOf) as Array<RawEntry & { data: { image: string } }>;
  for (const photo of photos) problems.push(...imagePathProblems(photo.filePath, photo.data.image, root));

  const dataFiles = (folder: string) => folderEntries(join(contentDir, folder), (name) => /\.ya?ml$/.test(name));
  const fileId = (file: string) => basename(file).replace(/\.ya?ml$/, '');
  const entries = {
    releases,
    photos,
    events: yamlEntries('events', dataFiles('events'), eventSchema, fileId),
    mous: yamlEntries('mous', dataFiles('mous'), mouSchema, fileId),
    organizations: yamlEntries('organizations', dataFiles('organizations'), organizationSchema, fileId),
    people: yamlEntries('people', dataFiles('people'), personSchema, fileId),
    contacts: yamlEntries('contacts', dataFiles('contacts'), contactSchema, fileId),
  } as unknown as ContentEntries;
  return { entries, problems, ids };
}

/**
 * A photo's image must be a file of its own release folder: a path (or a link) to another
 * release's photo would publish it with this release, embargo or not, and one out of the content
 * folder would publish any file of the build machine.
 */
function imagePathProblems(file: string, image: string, contentRoot: string): ContentProblem[] {
  const path = resolve(dirname(file), image);
  const where = whereFileLeads(path, resolve(dirname(file), '..'), contentRoot);
  if (where.lands === 'inside') return [];
  if (where.lands === 'nowhere') {
    return [
      {
        file,
        field: 'image',
        problem: `the file "${image}" does not exist`,
        fix: `put the photo at ${shownPath(path)} or correct the file name`,
        ko: { problem: `"${image}" 파일이 없습니다`, fix: `사진을 ${shownPath(path)}에 두거나 파일 이름을 고치세요` },
      },
    ];
  }
  return [
    {
      file,
      field: 'image',
      problem: `"${image}" leads out of this release's folder (to ${where.target ?? 'a file outside the content folder'})`,
      fix: 'put the photo file in this release\'s photos/ folder, beside this caption file, and name it as "./<file name>.jpg"',
      ko: {
        problem: `"${image}"이(가) 이 보도자료 폴더 밖(${where.target ?? '콘텐츠 폴더 밖의 파일'})을 가리킵니다`,
        fix: '사진 파일을 이 사진 설명 파일 옆, 이 보도자료의 photos/ 폴더에 두고 "./<파일 이름>.jpg"로 적으세요',
      },
    },
  ];
}

/**
 * The attachments an original lists, each with where its file is and what is wrong with its path.
 * Only the original's list counts: a translation that repeats it differently is reported as
 * contradicting the original, and one that repeats it alike would only report the same again.
 */
function attachmentPaths(entry: RawEntry, contentRoot: string): Array<{ file: string; name: string; field: string; path: string; problems: ContentProblem[] }> {
  if (!entry.id.endsWith(`/${localeByPath(defaultLocale).path}`)) return [];
  const attachments = (entry.data as { attachments?: Array<{ file: string }> }).attachments ?? [];
  const folder = dirname(resolve(entry.filePath));
  return attachments.map(({ file: name }, index) => {
    const field = `attachments.${index}.file`;
    return { file: entry.filePath, name, field, path: resolve(folder, ATTACHMENTS_FOLDER, name), problems: attachmentPathProblems(entry.filePath, field, name, folder, contentRoot) };
  });
}

/** Reads every collection under `contentDir`, checks it, and decides what is public. Throws every problem at once. */
export function readSiteContent(contentDir: string, visibility: Visibility): SiteContent {
  const read = readContent(contentDir);
  return assembleSiteContent(read.entries, visibility, read);
}

/**
 * `readSiteContent` plus the checks that read the photos themselves (format, size), which take a
 * moment: what `npm run check` and the media stage run.
 */
export async function checkSiteContent(contentDir: string, visibility: Visibility, limits: PhotoSizeLimits): Promise<SiteContent> {
  const read = readContent(contentDir);
  const photoProblems = await Promise.all(read.entries.photos.map((photo) => photoFileProblems(photo.filePath!, limits.maxPixels, limits.minLongSide, resolve(dirname(photo.filePath!), photo.data.image))));
  const root = realpathSync(contentDir);
  const attachments = read.entries.releases.flatMap((release) => attachmentPaths(release as unknown as RawEntry, root)).filter((attachment) => attachment.problems.length === 0);
  const attachmentProblems = await Promise.all(attachments.map((attachment) => attachmentFileProblems(attachment.file, attachment.field, attachment.name, attachment.path)));
  return assembleSiteContent(read.entries, visibility, { ids: read.ids, problems: [...read.problems, ...photoProblems.flat(), ...attachmentProblems.flat()] });
}
