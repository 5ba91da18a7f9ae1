import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from './schemas/collections';
import { contentDir } from './lib/paths';

/**
 * Collections read from the top-level `content/` folder (or `PRESS_CONTENT_DIR`, which tests use to
 * build fixtures). Entry ids come from file paths: `scse-2023-taipei/ko` for a release version,
 * the file name for everything else.
 */
const releases = defineCollection({
  loader: glob({ base: `${contentDir}/releases`, pattern: '*/*.mdx' }),
  schema: releaseSchema,
});

const photos = defineCollection({
  loader: glob({
    base: `${contentDir}/releases`,
    pattern: '*/photos/*.{yaml,yml}',
    // Photo ids are global (a photo may be reused by an event pack), so the file name is the id.
    generateId: ({ entry }) => entry.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
  }),
  schema: photoSchema,
});

const yamlFolder = (folder: string) => glob({ base: `${contentDir}/${folder}`, pattern: '*.{yaml,yml}' });

const events = defineCollection({ loader: yamlFolder('events'), schema: eventSchema });
const mous = defineCollection({ loader: yamlFolder('mous'), schema: mouSchema });
const organizations = defineCollection({ loader: yamlFolder('organizations'), schema: organizationSchema });
const people = defineCollection({ loader: yamlFolder('people'), schema: personSchema });

export const collections = { releases, photos, events, mous, organizations, people };
