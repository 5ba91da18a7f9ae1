/**
 * The sample content as `SiteContent`, read through the real schemas, for unit tests of modules
 * that take content as an argument. Astro's content layer does not run in unit tests, so this
 * does what it does for our files: YAML with timestamps as Dates, frontmatter plus body for MDX,
 * ids from file names, file paths relative to the project root.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { z } from 'astro/zod';
import { eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from '../../src/schemas/collections';
import type { SiteContent } from '../../src/lib/content';
import { byNewest, pairReleases, type ReleaseEntry } from '../../src/lib/releases';
import { projectRoot } from './build-site';

export const sampleContentDir = join(projectRoot, 'content');

/** The pack modules find the image through the YAML file, never through image() metadata. */
const image = () => z.string().transform((src) => ({ src, width: 0, height: 0, format: 'jpg' as const }));

function entry(collection: string, id: string, file: string, data: unknown, body?: string) {
  return { id, collection, filePath: relative(projectRoot, file), data, body };
}

function yamlFolder<T>(dir: string, collection: string, schema: z.ZodType<T>) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => {
      const file = join(dir, name);
      return entry(collection, basename(name).replace(/\.ya?ml$/, ''), file, schema.parse(loadYaml(readFileSync(file, 'utf8'))));
    });
}

function byId<T extends { id: string }>(entries: T[]): Map<string, T> {
  return new Map(entries.map((item) => [item.id, item]));
}

/** Reads `root` (the sample content by default); drafts are left out as in a production build. */
export function loadSampleContent(root: string = sampleContentDir): SiteContent {
  const releaseDir = join(root, 'releases');
  const releaseEntries = readdirSync(releaseDir).flatMap((slug) =>
    readdirSync(join(releaseDir, slug))
      .filter((name) => name.endsWith('.mdx'))
      .map((name) => {
        const file = join(releaseDir, slug, name);
        const [, frontmatter, body] = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(readFileSync(file, 'utf8'))!;
        return entry('releases', `${slug}/${name.replace(/\.mdx$/, '')}`, file, releaseSchema.parse(loadYaml(frontmatter!)), body) as unknown as ReleaseEntry;
      }),
  );
  const { releases, problems } = pairReleases(releaseEntries);
  if (problems.length > 0) throw new Error(`The sample content has problems: ${JSON.stringify(problems)}`);
  const published = releases.filter((release) => !release.original.data.draft).sort(byNewest);
  const photoIds = new Set(published.flatMap((release) => release.photos));
  const photos = readdirSync(releaseDir).flatMap((slug) => yamlFolder(join(releaseDir, slug, 'photos'), 'photos', photoSchema({ image } as never)));
  return {
    now: new Date(),
    releases: published,
    photos: byId(photos.filter((photo) => photoIds.has(photo.id))),
    events: byId(yamlFolder(join(root, 'events'), 'events', eventSchema)),
    mous: byId(yamlFolder(join(root, 'mous'), 'mous', mouSchema)),
    organizations: byId(yamlFolder(join(root, 'organizations'), 'organizations', organizationSchema)),
    people: byId(yamlFolder(join(root, 'people'), 'people', personSchema)),
  } as unknown as SiteContent;
}
