/**
 * Every `PRESS_*` setting the media stage and its store read, parsed and checked in one place, with
 * a message that names the variable and the fix for a bad value. Runs on Node's own type stripping
 * (scripts/build.ts imports it), so it keeps to erasable syntax and imports nothing.
 */

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

type Env = Record<string, string | undefined>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const value = (env: Env, name: string) => {
  const text = env[name]?.trim();
  return text ? text : undefined;
};

function httpUrl(env: Env, name: string): string | undefined {
  const text = value(env, name);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`${name}="${text}" is not a URL; write it like https://media.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SettingsError(`${name}="${text}" must start with https:// (or http:// for a local test server)`);
  if (url.search || url.hash) throw new SettingsError(`${name}="${text}" must not have a ?query or #fragment`);
  return text.replace(/\/+$/, '');
}

function wholeNumber(env: Env, name: string, fallback: number, example: string): number {
  const text = value(env, name);
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new SettingsError(`${name}="${env[name]}" is not a whole number above 0; write e.g. ${name}=${example}`);
  return parsed;
}

function yesNo(env: Env, name: string, fallback: boolean): boolean {
  const text = value(env, name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  throw new SettingsError(`${name}="${env[name]}" must be true or false`);
}

/** Reads the media settings from `env`; throws a SettingsError naming the variable on a bad value. */
export function mediaSettings(env: Env = process.env): MediaSettings {
  const storeText = value(env, 'PRESS_MEDIA_STORE') ?? 'local';
  if (storeText !== 'local' && storeText !== 's3') {
    throw new SettingsError(`PRESS_MEDIA_STORE="${storeText}" must be "local" (media in the site's output) or "s3" (an S3-compatible bucket)`);
  }
  const cacheDir = (value(env, 'PRESS_MEDIA_CACHE_DIR') ?? '.cache/media').replace(/\/+$/, '');
  const cacheKeepDays = wholeNumber(env, 'PRESS_MEDIA_CACHE_KEEP_DAYS', 30, '30');
  if (storeText === 'local') return { store: 'local', cacheDir, cacheKeepDays };

  const bucket = value(env, 'PRESS_MEDIA_S3_BUCKET');
  if (!bucket) throw new SettingsError('PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_S3_BUCKET, the bucket name');
  const publicUrl = httpUrl(env, 'PRESS_MEDIA_URL');
  if (!publicUrl) throw new SettingsError('PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_URL, the public address readers fetch the media from (e.g. https://media.example.org)');
  const prefix = (value(env, 'PRESS_MEDIA_S3_PREFIX') ?? '').replace(/^\/+|\/+$/g, '');
  return {
    store: 's3',
    cacheDir,
    cacheKeepDays,
    publicUrl,
    s3: {
      bucket,
      endpoint: httpUrl(env, 'PRESS_MEDIA_S3_ENDPOINT'),
      region: value(env, 'PRESS_MEDIA_S3_REGION') ?? value(env, 'AWS_REGION') ?? 'auto',
      prefix,
      forcePathStyle: yesNo(env, 'PRESS_MEDIA_S3_PATH_STYLE', false),
    },
  };
}

/**
 * The language content problems are reported in (`PRESS_AUTHOR_LANG`: `ko` or `en`); without it,
 * Korean where the system locale is Korean (`LC_ALL`, `LC_MESSAGES`, `LANG`), English otherwise.
 */
export function authorLanguage(env: Env = process.env): 'en' | 'ko' {
  const chosen = value(env, 'PRESS_AUTHOR_LANG')?.toLowerCase();
  if (chosen !== undefined) {
    if (chosen === 'ko' || chosen === 'en') return chosen;
    throw new SettingsError(`PRESS_AUTHOR_LANG="${env.PRESS_AUTHOR_LANG}" must be "ko" (한국어) or "en" (English)`);
  }
  const locale = value(env, 'LC_ALL') ?? value(env, 'LC_MESSAGES') ?? value(env, 'LANG') ?? '';
  return /^ko(?:[_.-]|$)/i.test(locale) ? 'ko' : 'en';
}
