/**
 * The loader of the photos collection: Astro's `glob` over the caption files, with each photo's
 * `image` pointed at its web master instead of the camera original (see web-masters.ts). The
 * entry keeps the original's id and caption file; only what Astro's image pipeline reads changes.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { photoFiles, photoIdOf, PHOTO_FILES } from './content-files';
import { memo } from './memo';
import { photoImagePath } from './raw-checks';
import { ensureWebMaster, forEachLimited, type WebMasterOptions } from './web-masters';

export interface PhotoLoaderOptions extends WebMasterOptions {
  contentDir: string;
}

/** `image` as the schema's `image()` resolves it: a path relative to the caption file. */
const imagePathFrom = (captionFile: string, target: string) => {
  const path = relative(dirname(captionFile), target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

export function photoLoader(options: PhotoLoaderOptions): Loader {
  const inner = glob({
    base: `${options.contentDir}/releases`,
    pattern: PHOTO_FILES,
    generateId: ({ entry }) => photoIdOf(entry),
  });
  return {
    name: 'pressroom-photos',
    load: async (context: LoaderContext) => {
      const masters = new Map<string, Promise<string>>();
      const master = (original: string, id: string) => memo(masters, id, () => ensureWebMaster(original, id, options));
      // Every photo first, not only those whose caption changed: the content layer does not parse
      // an unchanged caption file again, yet the photo beside it may have been replaced.
      await forEachLimited(photoFiles(options.contentDir), async (file) => {
        const original = photoImagePath(file);
        if (original && existsSync(original)) await master(original, photoIdOf(file)).catch(() => undefined);
      });
      await inner.load({
        ...context,
        parseData: async (props) => {
          const { image } = props.data;
          if (typeof image !== 'string' || !props.filePath) return context.parseData(props);
          const original = resolve(dirname(props.filePath), image);
          try {
            const made = await master(original, props.id);
            return context.parseData({ ...props, data: { ...props.data, image: imagePathFrom(props.filePath, made) } });
          } catch {
            // Missing or unreadable: the schema's image() then reports the file as written. (A
            // build has already stopped at the preflight, which names the problem and the fix.)
            return context.parseData(props);
          }
        },
      });
    },
  };
}
