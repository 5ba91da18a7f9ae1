/**
 * The content read outside Astro, for the media stage (which runs in a process of its own before
 * `astro build`): the same files Astro's loaders read (src/content.config.ts), the same YAML
 * parsing (js-yaml, as Astro's), the same schemas, and the same rules for what is public
 * (site-content.ts). Schema errors come back all at once as content problems.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { mdxToMdast } from 'satteri';
import type { z } from 'astro/zod';
import { eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from '../schemas/collections';
import { ContentError, type ContentProblem } from './content-errors';
import { folderEntries, photoFiles, photoIdOf, releaseFolders } from './content-files';
import type { Visibility } from './releases';
import { assembleSiteContent, type ContentEntries, type SiteContent } from './site-content';

interface RawEntry {
  id: string;
  collection: string;
  filePath: string;
  data: unknown;
  body?: string;
}

const frontmatterPattern = /^(---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$))([\s\S]*)$/;

/** "line N" of the file for a YAML error, counted from `firstLine` (the frontmatter starts on line 2). */
function yamlLine(error: unknown, firstLine = 1): string | undefined {
  const line = error instanceof YAMLException ? error.mark?.line : undefined;
  return line === undefined ? undefined : `line ${line + firstLine}`;
}

/**
 * A body that is not valid MDX, found here rather than halfway through the pages or the packs,
 * with its line in the file (the body starts after `bodyLine - 1` lines of frontmatter).
 */
function mdxSyntaxProblem(body: string, file: string, bodyLine: number): ContentProblem | undefined {
  try {
    mdxToMdast(body);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const [, line, text] = /^(\d+):\d+: ([\s\S]*)$/.exec(message) ?? [];
    return {
      file,
      field: line ? `line ${Number(line) + bodyLine - 1}` : undefined,
      problem: `is not valid MDX: ${text ?? message}`,
      fix: 'close every tag (<Photo id="…" />), and write < and { in prose as &lt; and &#123;',
    };
  }
}

/** Reads every collection under `contentDir`, checks each entry against its schema, and decides what is public. */
export function readSiteContent(contentDir: string, visibility: Visibility): SiteContent {
  const problems: ContentProblem[] = [];
  const parse = (collection: string, id: string, file: string, raw: unknown, schema: z.ZodType, body?: string): RawEntry[] => {
    const filePath = relative(process.cwd(), file);
    const result = schema.safeParse(raw ?? {});
    if (result.success) return [{ id, collection, filePath, data: result.data, body }];
    for (const issue of result.error.issues) {
      problems.push({ file: filePath, field: issue.path.join('.') || undefined, problem: issue.message, fix: 'correct the value as the message says (every field is explained in src/schemas/collections.ts)' });
    }
    return [];
  };
  const yamlEntries = (collection: string, files: string[], schema: z.ZodType, idOf: (file: string) => string) =>
    files.flatMap((file) => {
      try {
        return parse(collection, idOf(file), file, loadYaml(readFileSync(file, 'utf8')), schema);
      } catch (error) {
        problems.push({ file: relative(process.cwd(), file), field: yamlLine(error), problem: `is not valid YAML (${(error as Error).message.split('\n')[0]})`, fix: 'check the indentation and quotes on the line named' });
        return [];
      }
    });

  const releases = releaseFolders(contentDir).flatMap((folder) =>
    folderEntries(folder, (name) => name.endsWith('.mdx')).flatMap((file) => {
      const [, head = '', frontmatter = '', body = ''] = frontmatterPattern.exec(readFileSync(file, 'utf8')) ?? [];
      // Astro's glob loader slugifies ids: `zh-Hant.mdx` becomes `zh-hant`.
      const id = `${basename(folder)}/${basename(file, '.mdx').toLowerCase()}`;
      const shown = relative(process.cwd(), file);
      const syntax = mdxSyntaxProblem(body, shown, head.split('\n').length);
      if (syntax) problems.push(syntax);
      try {
        return parse('releases', id, file, loadYaml(frontmatter), releaseSchema, body);
      } catch (error) {
        problems.push({ file: shown, field: yamlLine(error, 2), problem: `the frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`, fix: 'check the indentation and quotes between the --- lines' });
        return [];
      }
    }),
  );
  const dataFiles = (folder: string) => folderEntries(join(contentDir, folder), (name) => /\.ya?ml$/.test(name));
  const fileId = (file: string) => basename(file).replace(/\.ya?ml$/, '');
  const all = {
    releases,
    photos: yamlEntries('photos', photoFiles(contentDir), photoSchema, photoIdOf),
    events: yamlEntries('events', dataFiles('events'), eventSchema, fileId),
    mous: yamlEntries('mous', dataFiles('mous'), mouSchema, fileId),
    organizations: yamlEntries('organizations', dataFiles('organizations'), organizationSchema, fileId),
    people: yamlEntries('people', dataFiles('people'), personSchema, fileId),
  } as unknown as ContentEntries;
  if (problems.length > 0) throw new ContentError(problems);
  return assembleSiteContent(all, visibility);
}
