/**
 * The media manifest: what the media stage made for this build, and all that pages need to know
 * about it (URLs, pixel sizes, byte counts). The stage writes it before `astro build`; pages read
 * it and never touch an image's bytes. The publish step reads `objects` to know what the site
 * needs in the store.
 */
import type { LocaleCode } from '../../i18n/locales';
import type { MediaObject } from './store';

export type WebFormat = 'avif' | 'webp' | 'jpeg';

/** One web derivative of a photo. */
export interface WebImage {
  url: string;
  width: number;
  height: number;
  format: WebFormat;
  bytes: number;
}

/** A download: a press copy of a photo or a ZIP. */
export interface Download {
  /** Where readers fetch it. */
  url: string;
  /** The name a browser saves it under. */
  fileName: string;
  bytes: number;
  sha256: string;
}

export interface PhotoMedia {
  /** Web derivatives, every format and width, smallest first within a format. */
  images: WebImage[];
  /** The 1200×630 JPEG crop for social cards, feeds and structured data. */
  card: WebImage;
  /** The press copy of the original (full resolution, captions inside). */
  original: Download & { width: number; height: number };
}

export interface PackMedia extends Download {
  photoCount: number;
  /** The credit line(s) to print with these photos, per language. */
  credits: Record<LocaleCode, string>;
}

/** A release's attachment (a document or data file), published unchanged. */
export interface AttachmentMedia extends Download {
  /** Its type, known from its content by the content check: "PDF", "HWP"… */
  format: string;
  contentType: string;
}

export interface MediaManifest {
  version: 1;
  /** Which backend the URLs point at. */
  store: 'local' | 's3';
  /** Origin serving the media when it is not the site's own (for the CSP and `_headers`). */
  origin?: string;
  /** By photo id: only published photos are here. */
  photos: Record<string, PhotoMedia>;
  /** By the pack's site path (`/packs/releases/<slug>.zip`, `/packs/events/<id>.zip`). */
  packs: Record<string, PackMedia>;
  /** By the attachment's site path (`/files/releases/<slug>/<file name>`): only published releases' are here. */
  attachments?: Record<string, AttachmentMedia>;
  /**
   * Every object the site's pages refer to, with the local file holding its bytes, plus the
   * stable keys that must hold the current downloads. The local backend places them into the
   * output; the S3 backend uploads what the bucket lacks.
   */
  objects: MediaObject[];
}
