/**
 * A `<picture>` element's parts from a photo's web images: one `<source>` per modern format, best
 * first, and an `<img>` in the most widely read format for everything else. Widths above
 * `maxWidth` are left out where the layout never shows them that large (thumbnails).
 */
import type { WebFormat, WebImage } from './manifest';

export interface PictureSource {
  /** MIME type, e.g. image/avif. */
  type: string;
  /** `url 480w, url 960w, …`. */
  srcset: string;
}

export interface Picture {
  sources: PictureSource[];
  img: { src: string; srcset: string; width: number; height: number };
}

/** Best compression first: a browser takes the first source whose type it reads. */
const preference: WebFormat[] = ['avif', 'webp', 'jpeg'];
const mimeTypes: Record<WebFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

const srcset = (images: WebImage[]) => images.map((image) => `${image.url} ${image.width}w`).join(', ');

export function pictureOf(images: WebImage[], maxWidth = Infinity): Picture {
  const byFormat = preference
    .map((format) => {
      const all = images.filter((image) => image.format === format).sort((a, b) => a.width - b.width);
      const fitting = all.filter((image) => image.width <= maxWidth);
      return { format, images: fitting.length > 0 ? fitting : all.slice(0, 1) };
    })
    .filter((group) => group.images.length > 0);
  const fallback = byFormat.at(-1);
  if (!fallback) throw new Error('Internal: a photo has no web images in the media manifest');
  const largest = fallback.images.at(-1)!;
  return {
    sources: byFormat.slice(0, -1).map((group) => ({ type: mimeTypes[group.format], srcset: srcset(group.images) })),
    img: { src: largest.url, srcset: srcset(fallback.images), width: largest.width, height: largest.height },
  };
}
