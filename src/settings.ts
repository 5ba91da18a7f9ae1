/**
 * Every `PRESS_*` setting, read and checked here and nowhere else (tests/unit/workflow/settings-in-one-module.test.ts
 * fails on a read elsewhere), so each has one default, one rule and one message that names the
 * variable, the bad value and the fix. An empty value counts as unset: the publish workflow passes
 * repository variables nobody set as empty strings. `scripts/build.ts` imports this file on Node's
 * own type stripping, without tsx, so it keeps to erasable syntax and imports only node: modules.
 *
 * Each reader takes the environment as an argument (tests pass their own) and is called where the
 * value is needed, so a script can catch a SettingsError and print only its message.
 */
import { resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

/** A setting has a value it cannot take; the message says which, and what to write instead. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The value as written, trimmed; undefined when unset or empty. */
function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text ? text : undefined;
}

/** `NAME="value"` as it was set, for messages. */
const shown = (env: Env, name: string) => `${name}="${env[name]}"`;

/** A folder path; trailing slashes go, so that names built on it have one. */
function folder(env: Env, name: string, fallback: string): string {
  return (value(env, name) ?? fallback).replace(/(?<=.)\/+$/, '');
}

/** An http(s) address as written, trimmed, once it parses; undefined when unset. */
function httpUrl(env: Env, name: string, example: string): string | undefined {
  const text = value(env, name);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`${shown(env, name)} is not a URL; write it like ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SettingsError(`${shown(env, name)} must start with https:// (or http:// for a local test server)`);
  if (url.search || url.hash) throw new SettingsError(`${shown(env, name)} must not have a ?query or #fragment`);
  return text;
}

function wholeNumber(env: Env, name: string, fallback: number, what: string, fix: string): number {
  const text = value(env, name);
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new SettingsError(`${shown(env, name)} is not a whole number ${what}; write e.g. ${fix}`);
  return parsed;
}

function yesNo(env: Env, name: string, fallback: boolean): boolean {
  const text = value(env, name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  throw new SettingsError(`${shown(env, name)} must be true or false`);
}

// Site and build

/**
 * The origin pages are built for, without a trailing slash: `PRESS_SITE_URL`, or in a preview
 * build `PRESS_PREVIEW_SITE_URL` (see `preview()`), so that every canonical, hreflang and Open
 * Graph link of a preview points at the preview's own host and never at the public site.
 */
export function siteUrl(env: Env = process.env): string {
  return preview(env)?.siteUrl ?? publicSiteUrl(env);
}

/**
 * `PRESS_SITE_URL`: the published origin that canonical URLs, hreflang, feeds and the sitemap are
 * built on. An origin only: the site is built for the root of its address, so a path would leave
 * every link pointing outside it.
 */
function publicSiteUrl(env: Env): string {
  return originOnly(env, 'PRESS_SITE_URL') ?? 'https://press.sdf.example.org';
}

function originOnly(env: Env, name: string): string | undefined {
  const text = httpUrl(env, name, 'https://press.example.org');
  if (text === undefined) return undefined;
  const url = new URL(text);
  if (url.pathname !== '/' || url.username || url.password) {
    throw new SettingsError(
      `${shown(env, name)} must be the site's address alone, like https://press.example.org: the pages are built for the root of an address, so a path or a user name in it would make every canonical, hreflang and feed link wrong`,
    );
  }
  return url.origin;
}

/**
 * `PRESS_NOW`: the moment embargoes are compared with, for builds made as of another moment (tests,
 * a check of what lifts when); undefined means the clock (src/lib/content/clock.ts). Only a
 * date-time with a time zone: without one the moment would depend on the machine's zone.
 */
export function pinnedNow(env: Env = process.env): Date | undefined {
  const text = value(env, 'PRESS_NOW');
  if (text === undefined) return undefined;
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime()) || !/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new SettingsError(`${shown(env, 'PRESS_NOW')} is not a date-time with a time zone; write it like 2026-01-05T10:00:00+09:00`);
  }
  return parsed;
}

/** `PRESS_CONTENT_DIR`: where content is read from; tests point it at fixture folders, so the sample is never touched. */
export function contentDir(env: Env = process.env): string {
  return folder(env, 'PRESS_CONTENT_DIR', './content');
}

/**
 * Where the site is written (scripts/build.ts builds beside it and swaps it in): `PRESS_OUT_DIR`,
 * or in a preview build `PRESS_PREVIEW_OUT_DIR`.
 */
export function outDir(env: Env = process.env): string {
  return preview(env)?.outDir ?? publicOutDir(env);
}

/** `PRESS_OUT_DIR`: the public site's folder, which a preview build may never write. */
const publicOutDir = (env: Env) => folder(env, 'PRESS_OUT_DIR', 'dist');

/** `PRESS_BUILD_WAIT`: seconds a build waits for another build of the same checkout; 0 gives up at once. */
export function buildWaitSeconds(env: Env = process.env): number {
  const text = value(env, 'PRESS_BUILD_WAIT');
  if (text === undefined) return 0;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new SettingsError(`${shown(env, 'PRESS_BUILD_WAIT')} is not a number of seconds; write e.g. PRESS_BUILD_WAIT=600 to wait up to ten minutes for another build.`);
  }
  return seconds;
}

/** Astro's cache (rendered pages), absolute: `PRESS_CACHE_DIR`, or in a preview build `PRESS_PREVIEW_CACHE_DIR`. */
export function astroCacheDir(env: Env = process.env): string {
  return preview(env)?.astroCacheDir ?? publicAstroCacheDir(env);
}

/** `PRESS_CACHE_DIR`: outside `node_modules`, so `npm ci` keeps it. */
const publicAstroCacheDir = (env: Env) => resolve(folder(env, 'PRESS_CACHE_DIR', './.cache/astro'));

// Photos

/** The limits a photo's size must keep, so that no scan or panorama and no thumbnail is published as a press photo. */
export interface PhotoSizeSettings {
  /**
   * `PRESS_MAX_PHOTO_PIXELS`, default 100 MP: above any press camera; larger files are scans or
   * stitched panoramas that should be exported smaller.
   */
  maxPixels: number;
  /**
   * `PRESS_MIN_PHOTO_LONG_SIDE`, default 1,000: below it a file is a thumbnail or a copy saved from a
   * messenger or a web page. 1,000 pixels print 8.5 cm wide at 300 dpi, and any camera or phone of
   * the last fifteen years gives several times that.
   */
  minLongSide: number;
}

export function photoSizeSettings(env: Env = process.env): PhotoSizeSettings {
  return {
    maxPixels: wholeNumber(env, 'PRESS_MAX_PHOTO_PIXELS', 100_000_000, 'of pixels', '50000000 for 50 MP'),
    minLongSide: wholeNumber(env, 'PRESS_MIN_PHOTO_LONG_SIDE', 1_000, 'of pixels', '800, or 1 to accept photos of any size'),
  };
}

// Media

/** Where published media (web images, press copies, ZIPs) live. */
export type MediaStoreKind = 'local' | 's3';

export interface S3Settings {
  /** Bucket name (`PRESS_MEDIA_S3_BUCKET`). */
  bucket: string;
  /** API endpoint for S3-compatible services (`PRESS_MEDIA_S3_ENDPOINT`); AWS's own when unset. */
  endpoint?: string;
  /** Region (`PRESS_MEDIA_S3_REGION`, else `AWS_REGION`, else `auto`, which R2 expects). */
  region: string;
  /** Key prefix inside the bucket, without leading or trailing slash (`PRESS_MEDIA_S3_PREFIX`). */
  prefix: string;
  /** Path-style URLs (`bucket` in the path), which MinIO and most test servers need (`PRESS_MEDIA_S3_PATH_STYLE`). */
  forcePathStyle: boolean;
}

export interface MediaSettings {
  /** `PRESS_MEDIA_STORE`: `local` (default: media under the site's output) or `s3`. */
  store: MediaStoreKind;
  /** Public base URL the media is served from, no trailing slash (`PRESS_MEDIA_URL`; s3 only). */
  publicUrl?: string;
  /** Made media and their records between builds (`PRESS_MEDIA_CACHE_DIR`, default `.cache/media`). */
  cacheDir: string;
  /** Made files no build used for this many days leave the cache (`PRESS_MEDIA_CACHE_KEEP_DAYS`, default 30). */
  cacheKeepDays: number;
  /** Set with `store: 's3'`. */
  s3?: S3Settings;
}

/**
 * The media cache alone (`PRESS_MEDIA_CACHE_DIR`, or in a preview build
 * `PRESS_PREVIEW_MEDIA_CACHE_DIR`), for the build lock, which must not fail on the store's settings.
 */
export function mediaCacheDir(env: Env = process.env): string {
  return preview(env)?.mediaCacheDir ?? publicMediaCacheDir(env);
}

const publicMediaCacheDir = (env: Env) => folder(env, 'PRESS_MEDIA_CACHE_DIR', '.cache/media');

/** Reads the media settings from `env`; throws a SettingsError naming the variable on a bad value. */
export function mediaSettings(env: Env = process.env): MediaSettings {
  const storeText = value(env, 'PRESS_MEDIA_STORE') ?? 'local';
  if (storeText !== 'local' && storeText !== 's3') {
    throw new SettingsError(`${shown(env, 'PRESS_MEDIA_STORE')} must be "local" (media in the site's output) or "s3" (an S3-compatible bucket)`);
  }
  const cacheDir = mediaCacheDir(env);
  const cacheKeepDays = wholeNumber(env, 'PRESS_MEDIA_CACHE_KEEP_DAYS', 30, 'above 0', 'PRESS_MEDIA_CACHE_KEEP_DAYS=30');
  if (storeText === 'local') return { store: 'local', cacheDir, cacheKeepDays };

  const bucket = value(env, 'PRESS_MEDIA_S3_BUCKET');
  if (!bucket) throw new SettingsError('PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_S3_BUCKET, the bucket name');
  const publicUrl = httpUrl(env, 'PRESS_MEDIA_URL', 'https://media.example.org')?.replace(/\/+$/, '');
  if (!publicUrl) throw new SettingsError('PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_URL, the public address readers fetch the media from (e.g. https://media.example.org)');
  const prefix = (value(env, 'PRESS_MEDIA_S3_PREFIX') ?? '').replace(/^\/+|\/+$/g, '');
  return {
    store: 's3',
    cacheDir,
    cacheKeepDays,
    publicUrl,
    s3: {
      bucket,
      endpoint: httpUrl(env, 'PRESS_MEDIA_S3_ENDPOINT', 'https://<account id>.r2.cloudflarestorage.com')?.replace(/\/+$/, ''),
      region: value(env, 'PRESS_MEDIA_S3_REGION') ?? value(env, 'AWS_REGION') ?? 'auto',
      prefix,
      forcePathStyle: yesNo(env, 'PRESS_MEDIA_S3_PATH_STYLE', false),
    },
  };
}

// Embargoed preview

/** A preview build's own address and folders, each apart from the public build's. */
export interface PreviewSettings {
  /** `PRESS_PREVIEW_SITE_URL`: the access-controlled host the preview is served from. */
  siteUrl: string;
  /** `PRESS_PREVIEW_OUT_DIR`, default `dist-preview`. */
  outDir: string;
  /** `PRESS_PREVIEW_CACHE_DIR`, default `.cache/preview/astro`, absolute. */
  astroCacheDir: string;
  /** `PRESS_PREVIEW_MEDIA_CACHE_DIR`, default `.cache/preview/media`. */
  mediaCacheDir: string;
}

/**
 * `PRESS_PREVIEW`: whether this is a build for accredited journalists that includes embargoed
 * releases (`npm run build:preview`). Only this switch lets an embargoed release into a build.
 */
export function isPreview(env: Env = process.env): boolean {
  return yesNo(env, 'PRESS_PREVIEW', false);
}

/**
 * The preview's settings, undefined in a public build. A preview holds embargoed text and photos,
 * so everything it writes or names is kept apart from the public build's, and a setting that could
 * let it reach the public is refused rather than overridden: its own address (canonical links to
 * the public origin would announce embargoed pages there), the local media store only (a bucket is
 * the public site's media address: `PRESS_MEDIA_STORE=s3` would upload embargoed photos to it and
 * record them in the public build's records), and its own output and cache folders, none of them
 * the same as, inside or around one of the public build's. `PRESS_OUT_DIR`, `PRESS_CACHE_DIR` and
 * `PRESS_MEDIA_CACHE_DIR` keep naming the public build's folders even in a preview build, so one
 * environment can run both builds one after the other.
 */
export function preview(env: Env = process.env): PreviewSettings | undefined {
  if (!isPreview(env)) return undefined;
  const url = originOnly(env, 'PRESS_PREVIEW_SITE_URL');
  if (url === undefined) {
    throw new SettingsError(
      'PRESS_PREVIEW=1 needs PRESS_PREVIEW_SITE_URL, the address of the access-controlled host the preview is served from (e.g. PRESS_PREVIEW_SITE_URL=https://preview.press.example.org): its pages show embargoed releases, so they may not name the public address',
    );
  }
  if (url === publicSiteUrl(env)) {
    throw new SettingsError(
      `${shown(env, 'PRESS_PREVIEW_SITE_URL')} is the public site's address (PRESS_SITE_URL); the preview shows embargoed releases and must be served from a host of its own behind access control, e.g. https://preview.press.example.org`,
    );
  }
  const store = value(env, 'PRESS_MEDIA_STORE');
  if (store !== undefined && store !== 'local') {
    throw new SettingsError(
      `${shown(env, 'PRESS_MEDIA_STORE')} cannot be used with PRESS_PREVIEW=1: the bucket is the public site's media address, and the preview's photos are under embargo. A preview keeps its media in its own site folder; unset PRESS_MEDIA_STORE for the preview build`,
    );
  }
  const settings: PreviewSettings = {
    siteUrl: url,
    outDir: folder(env, 'PRESS_PREVIEW_OUT_DIR', 'dist-preview'),
    astroCacheDir: resolve(folder(env, 'PRESS_PREVIEW_CACHE_DIR', './.cache/preview/astro')),
    mediaCacheDir: folder(env, 'PRESS_PREVIEW_MEDIA_CACHE_DIR', '.cache/preview/media'),
  };
  const own: [string, string][] = [
    ['PRESS_PREVIEW_OUT_DIR', settings.outDir],
    ['PRESS_PREVIEW_CACHE_DIR', settings.astroCacheDir],
    ['PRESS_PREVIEW_MEDIA_CACHE_DIR', settings.mediaCacheDir],
  ];
  const publics: [string, string][] = [
    ['PRESS_OUT_DIR', publicOutDir(env)],
    ['PRESS_CACHE_DIR', publicAstroCacheDir(env)],
    ['PRESS_MEDIA_CACHE_DIR', publicMediaCacheDir(env)],
  ];
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  for (const [name, dir] of own) {
    for (const [publicName, publicDir] of publics) {
      if (overlaps(resolve(dir), resolve(publicDir))) {
        throw new SettingsError(
          `${name} (${resolve(dir)}) overlaps the public build's ${publicName} (${resolve(publicDir)}); a preview holds embargoed releases and must never write where the public build reads or publishes. Give ${name} a folder of its own, or leave it unset for its default`,
        );
      }
    }
  }
  return settings;
}

// Subscriptions

/**
 * `PRESS_SIGNUP_URL`: where the Subscribe page's e-mail form posts, an external list service
 * (Mailchimp, Stibee, Buttondown…); undefined means no form. https only, since the form carries
 * readers' e-mail addresses. A query is kept: some services put the list's id there.
 */
export function signupUrl(env: Env = process.env): string | undefined {
  const text = value(env, 'PRESS_SIGNUP_URL');
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`${shown(env, 'PRESS_SIGNUP_URL')} is not a URL; write the address your mailing-list service gives for its sign-up form, like https://lists.example.org/subscribe`);
  }
  if (url.protocol !== 'https:') {
    throw new SettingsError(`${shown(env, 'PRESS_SIGNUP_URL')} must start with https://: the form sends readers' e-mail addresses, which must not travel unencrypted`);
  }
  if (url.username || url.password || url.hash) {
    throw new SettingsError(`${shown(env, 'PRESS_SIGNUP_URL')} must not hold a user name, password or #fragment; write the sign-up address alone, like https://lists.example.org/subscribe`);
  }
  return url.href;
}

// Messages

/**
 * The language content problems are reported in (`PRESS_AUTHOR_LANG`: `ko` or `en`); without it,
 * Korean where the system locale is Korean (`LC_ALL`, `LC_MESSAGES`, `LANG`), English otherwise.
 */
export function authorLanguage(env: Env = process.env): 'en' | 'ko' {
  const chosen = value(env, 'PRESS_AUTHOR_LANG')?.toLowerCase();
  if (chosen !== undefined) {
    if (chosen === 'ko' || chosen === 'en') return chosen;
    throw new SettingsError(`${shown(env, 'PRESS_AUTHOR_LANG')} must be "ko" (한국어) or "en" (English)`);
  }
  const locale = value(env, 'LC_ALL') ?? value(env, 'LC_MESSAGES') ?? value(env, 'LANG') ?? '';
  return /^ko(?:[_.-]|$)/i.test(locale) ? 'ko' : 'en';
}
