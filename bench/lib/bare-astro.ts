/**
 * The bare-Astro anchor: Astro 7 with MDX and nothing else, one page per MDX file of the corpus
 * through a one-line template, built with this project's own installed packages (a symlinked
 * node_modules), so the difference to our site is our code, not the toolchain.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILES = (corpusDir: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'pressroom-bench-bare-astro', private: true, type: 'module' }, null, 2),
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
export default defineConfig({ integrations: [mdx()], outDir: process.env.PRESS_OUT_DIR, cacheDir: process.env.PRESS_CACHE_DIR });
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = { releases: defineCollection({ loader: glob({ base: ${JSON.stringify(join(corpusDir, 'releases'))}, pattern: '*/*.mdx' }) }) };
`,
  // The corpus bodies use <Photo id>; the bare site renders it as an empty figure.
  'src/Photo.astro': '<figure data-photo={Astro.props.id}></figure>\n',
  'src/pages/[...id].astro': `---
import { getCollection, render } from 'astro:content';
import Photo from '../Photo.astro';
export const getStaticPaths = async () => (await getCollection('releases')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
const { Content } = await render(Astro.props.entry);
---
<html lang={Astro.props.entry.id.split('/').at(-1)}><head><meta charset="utf-8" /><title>{Astro.props.entry.data.title}</title></head><body><Content components={{ Photo }} /></body></html>
`,
});

/** Writes the bare site into `siteDir`, its content read from the corpus in place. */
export async function writeBareAstroSite(corpusDir: string, siteDir: string, projectRoot: string): Promise<void> {
  for (const [path, text] of Object.entries(FILES(corpusDir))) {
    await mkdir(join(siteDir, path, '..'), { recursive: true });
    await writeFile(join(siteDir, path), text);
  }
  await symlink(join(projectRoot, 'node_modules'), join(siteDir, 'node_modules'), 'dir');
}
