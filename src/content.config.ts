import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contactSchema, eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from './schemas/collections';
import { contentDir } from './settings';
import { PHOTO_FILES, photoIdOf } from './lib/content/files';

const content = contentDir();

/**
 * Collections read from the top-level `content/` folder (or `PRESS_CONTENT_DIR`, which tests use to
 * build fixtures). Entry ids come from file paths: `scse-2023-taipei/ko` for a release version,
 * the file name for everything else.
 */
const releases = defineCollection({
  loader: glob({ base: `${content}/releases`, pattern: '*/*.mdx' }),
  schema: releaseSchema,
});

// The caption files only: the images are the media stage's (src/lib/media/), never Astro's.
const photos = defineCollection({
  loader: glob({ base: `${content}/releases`, pattern: PHOTO_FILES, generateId: ({ entry }) => photoIdOf(entry) }),
  schema: photoSchema,
});

const yamlFolder = (folder: string) => glob({ base: `${content}/${folder}`, pattern: '*.{yaml,yml}' });

const events = defineCollection({ loader: yamlFolder('events'), schema: eventSchema });
const mous = defineCollection({ loader: yamlFolder('mous'), schema: mouSchema });
const organizations = defineCollection({ loader: yamlFolder('organizations'), schema: organizationSchema });
const people = defineCollection({ loader: yamlFolder('people'), schema: personSchema });
const contacts = defineCollection({ loader: yamlFolder('contacts'), schema: contactSchema });

export const collections = { releases, photos, events, mous, organizations, people, contacts };
