import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { eventSchema, mouSchema, organizationSchema, personSchema, photoSchema, releaseSchema } from './schemas/collections';
import { contentDir, webMastersDir } from './lib/paths';
import { photoLoader } from './lib/photo-loader';
import { siteConfig } from './site.config';

/**
 * Collections read from the top-level `content/` folder (or `PRESS_CONTENT_DIR`, which tests use to
 * build fixtures). Entry ids come from file paths: `scse-2023-taipei/ko` for a release version,
 * the file name for everything else.
 */
const releases = defineCollection({
  loader: glob({ base: `${contentDir}/releases`, pattern: '*/*.mdx' }),
  schema: releaseSchema,
});

// The caption files; each photo's image is its web master, not the camera original (photo-loader.ts).
const photos = defineCollection({
  loader: photoLoader({ contentDir, dir: webMastersDir, maxPixels: siteConfig.maxPhotoPixels }),
  schema: photoSchema,
});

const yamlFolder = (folder: string) => glob({ base: `${contentDir}/${folder}`, pattern: '*.{yaml,yml}' });

const events = defineCollection({ loader: yamlFolder('events'), schema: eventSchema });
const mous = defineCollection({ loader: yamlFolder('mous'), schema: mouSchema });
const organizations = defineCollection({ loader: yamlFolder('organizations'), schema: organizationSchema });
const people = defineCollection({ loader: yamlFolder('people'), schema: personSchema });

export const collections = { releases, photos, events, mous, organizations, people };
