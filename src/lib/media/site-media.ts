/**
 * The media manifest as pages see it: read once per build from the media stage's cache folder.
 * Pages render `<picture>` elements, download links and social cards from it and never load an
 * image's bytes. Also the local store's last step: placing the files the manifest lists into the
 * built site.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mediaSettings } from '../../settings';
import { placeFile } from './files';
import type { AttachmentMedia, MediaManifest, PackMedia, PhotoMedia } from './manifest';
import { MANIFEST_FILE } from './stage-files';

const manifestPath = (cacheDir: string) => join(resolve(cacheDir), MANIFEST_FILE);

let loaded: MediaManifest | undefined;

/** This build's manifest; throws with the way out when the media stage has not run. */
export function siteMedia(): MediaManifest {
  if (loaded) return loaded;
  const path = manifestPath(mediaSettings().cacheDir);
  try {
    loaded = JSON.parse(readFileSync(path, 'utf8')) as MediaManifest;
  } catch {
    throw new Error(`No media manifest at ${path}: the media stage runs before Astro. Use npm run build (or npm run dev), which run it first.`);
  }
  return loaded;
}

export async function readManifest(cacheDir: string): Promise<MediaManifest> {
  return JSON.parse(await readFile(manifestPath(cacheDir), 'utf8')) as MediaManifest;
}

/** The web images, card and press copy of a published photo. */
export function photoMedia(photoId: string): PhotoMedia {
  const media = siteMedia().photos[photoId];
  if (!media) throw new Error(`Internal: the media manifest has no photo "${photoId}"; the media stage and the pages disagree on what is published, which is a bug.`);
  return media;
}

/** The ZIP at a pack's site path, or undefined when it has no photos (and so no ZIP). */
export function packMedia(sitePath: string): PackMedia | undefined {
  return siteMedia().packs[sitePath];
}

/** A published attachment at its site path (`/files/releases/<slug>/<name>`). */
export function attachmentMedia(sitePath: string): AttachmentMedia {
  const media = siteMedia().attachments?.[sitePath];
  if (!media) throw new Error(`Internal: the media manifest has no attachment "${sitePath}"; the media stage and the pages disagree on what is published, which is a bug.`);
  return media;
}

/** Links (or copies) every object of a local-store manifest into the built site. */
export async function placeLocalMedia(manifest: MediaManifest, outDir: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  for (const object of manifest.objects) {
    await placeFile(object.file, join(outDir, object.key));
    bytes += object.bytes;
  }
  return { files: manifest.objects.length, bytes };
}
