import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const textFile = /\.(html|xml|json|css|txt|webmanifest)$/;
const imageFile = /\.(jpe?g|png|webp|avif|gif|tiff?|heic)$/i;

/** Every `/_astro/…` file name that the built pages, feeds and styles point at. */
export function referencedAssets(siteDir: string): Set<string> {
  const names = new Set<string>();
  for (const item of readdirSync(siteDir, { withFileTypes: true, recursive: true })) {
    if (!item.isFile() || !textFile.test(item.name)) continue;
    for (const match of readFileSync(join(item.parentPath, item.name), 'utf8').matchAll(/\/_astro\/([^"'\s),?#]+)/g)) names.add(match[1]!);
  }
  return names;
}

/**
 * Astro emits the original of every content image into `_astro/` and deletes it only when it
 * transformed that image. A photo that no page shows (its release is embargoed or a draft) keeps
 * its original there, GPS and serial numbers included. Any image no output refers to goes.
 */
export function removeUnreferencedImages(siteDir: string): string[] {
  const assets = join(siteDir, '_astro');
  let names: string[];
  try {
    names = readdirSync(assets);
  } catch {
    return [];
  }
  const referenced = referencedAssets(siteDir);
  const removed = names.filter((name) => imageFile.test(name) && !referenced.has(name));
  for (const name of removed) rmSync(join(assets, name));
  return removed;
}

export function unpublishedOriginals(): AstroIntegration {
  return {
    name: 'pressroom:unpublished-originals',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const removed = removeUnreferencedImages(fileURLToPath(dir));
        if (removed.length > 0) logger.info(`removed ${removed.length} image file(s) no page uses (unpublished originals)`);
      },
    },
  };
}
