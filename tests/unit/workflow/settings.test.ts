import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  astroCacheDir,
  authorLanguage,
  buildWaitSeconds,
  contentDir,
  mediaCacheDir,
  mediaSettings,
  outDir,
  photoSizeSettings,
  pinnedNow,
  preview,
  SettingsError,
  siteUrl,
  type Env,
} from '../../../src/settings';

const s3 = { PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_S3_BUCKET: 'press-media', PRESS_MEDIA_URL: 'https://media.example.org/' };

/** What `read` gives: its value, or the message of the SettingsError it throws. */
function outcome(read: () => unknown): { value: unknown } | { refused: string } {
  try {
    return { value: read() };
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return { refused: (error as Error).message };
  }
}

/** The message of the SettingsError `read` throws, or a note that none was thrown. */
function refusal(read: () => unknown): string {
  const result = outcome(read);
  return 'refused' in result ? result.refused : `no error; got ${JSON.stringify(result.value)}`;
}

const media = (env: Env) => () => mediaSettings(env);

describe('PRESS_SITE_URL', () => {
  it('defaults to the sample foundation’s address', () => {
    expect(siteUrl({})).toBe('https://press.sdf.example.org');
  });

  it('is read as an origin, without a trailing slash', () => {
    expect(siteUrl({ PRESS_SITE_URL: 'https://news.example.org' })).toBe('https://news.example.org');
    expect(siteUrl({ PRESS_SITE_URL: ' https://News.Example.org/ ' })).toBe('https://news.example.org');
    expect(siteUrl({ PRESS_SITE_URL: 'http://127.0.0.1:4321/' })).toBe('http://127.0.0.1:4321');
  });

  it('refuses anything but an http(s) origin, naming the variable, the value and the fix', () => {
    expect(refusal(() => siteUrl({ PRESS_SITE_URL: 'press.example.org' }))).toBe('PRESS_SITE_URL="press.example.org" is not a URL; write it like https://press.example.org');
    expect(refusal(() => siteUrl({ PRESS_SITE_URL: 'ftp://press.example.org' }))).toMatch(/^PRESS_SITE_URL="ftp:\/\/press.example.org" must start with https:\/\//);
    expect(refusal(() => siteUrl({ PRESS_SITE_URL: 'https://press.example.org/?lang=ko' }))).toMatch(/^PRESS_SITE_URL=".*" must not have a \?query/);
    for (const url of ['https://user.github.io/newsroom', 'https://editor@press.example.org']) {
      expect(refusal(() => siteUrl({ PRESS_SITE_URL: url })), url).toMatch(new RegExp(`^PRESS_SITE_URL="${url}" must be the site's address alone, like https://press.example.org`));
    }
  });
});

describe('PRESS_NOW', () => {
  it('is unset by default: the clock', () => {
    expect(pinnedNow({})).toBeUndefined();
  });

  it('pins a moment given with its time zone', () => {
    expect(pinnedNow({ PRESS_NOW: '2026-01-05T10:00:00+09:00' })?.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(pinnedNow({ PRESS_NOW: ' 2023-04-03T00:00:00Z ' })?.toISOString()).toBe('2023-04-03T00:00:00.000Z');
  });

  it('refuses a moment without a time zone or no moment at all, saying how to write one', () => {
    for (const text of ['2026-01-05T10:00:00', '2026-01-05', 'tomorrow', '2026-13-45T10:00:00+09:00']) {
      expect(refusal(() => pinnedNow({ PRESS_NOW: text })), text).toBe(`PRESS_NOW="${text}" is not a date-time with a time zone; write it like 2026-01-05T10:00:00+09:00`);
    }
  });
});

describe('the folders', () => {
  it('default to content/, dist/, .cache/astro and .cache/media', () => {
    expect(contentDir({})).toBe('./content');
    expect(outDir({})).toBe('dist');
    expect(astroCacheDir({})).toBe(resolve('.cache/astro'));
    expect(mediaCacheDir({})).toBe('.cache/media');
  });

  it('take any path, without trailing slashes; Astro’s cache made absolute', () => {
    expect(contentDir({ PRESS_CONTENT_DIR: 'tests/fixtures/site/' })).toBe('tests/fixtures/site');
    expect(contentDir({ PRESS_CONTENT_DIR: '/' })).toBe('/');
    expect(outDir({ PRESS_OUT_DIR: '/srv/www/press//' })).toBe('/srv/www/press');
    expect(astroCacheDir({ PRESS_CACHE_DIR: 'cache/astro/' })).toBe(resolve('cache/astro'));
    expect(mediaCacheDir({ PRESS_MEDIA_CACHE_DIR: '/var/cache/press/' })).toBe('/var/cache/press');
    expect(mediaSettings({ PRESS_MEDIA_CACHE_DIR: '/var/cache/press/' }).cacheDir).toBe('/var/cache/press');
  });
});

describe('PRESS_BUILD_WAIT', () => {
  it('defaults to 0: a second build gives up at once', () => {
    expect(buildWaitSeconds({})).toBe(0);
  });

  it('is read as seconds', () => {
    expect(buildWaitSeconds({ PRESS_BUILD_WAIT: '600' })).toBe(600);
    expect(buildWaitSeconds({ PRESS_BUILD_WAIT: '0.5' })).toBe(0.5);
    expect(buildWaitSeconds({ PRESS_BUILD_WAIT: '0' })).toBe(0);
  });

  it('refuses what is not a number of seconds, saying what to write', () => {
    for (const text of ['ten minutes', '-1', 'Infinity']) {
      expect(refusal(() => buildWaitSeconds({ PRESS_BUILD_WAIT: text })), text).toBe(
        `PRESS_BUILD_WAIT="${text}" is not a number of seconds; write e.g. PRESS_BUILD_WAIT=600 to wait up to ten minutes for another build.`,
      );
    }
  });
});

describe('the photo size limits', () => {
  it('default to 100 MP at most and 1,000 pixels on the long side at least', () => {
    expect(photoSizeSettings({})).toEqual({ maxPixels: 100_000_000, minLongSide: 1_000 });
  });

  it('are read as whole numbers of pixels', () => {
    expect(photoSizeSettings({ PRESS_MAX_PHOTO_PIXELS: '50000000', PRESS_MIN_PHOTO_LONG_SIDE: '1' })).toEqual({ maxPixels: 50_000_000, minLongSide: 1 });
  });

  it('refuse anything but a whole number above 0, saying what to write', () => {
    for (const text of ['abc', '0', '-5', '1000.5', '1e400']) {
      expect(refusal(() => photoSizeSettings({ PRESS_MAX_PHOTO_PIXELS: text })), text).toBe(`PRESS_MAX_PHOTO_PIXELS="${text}" is not a whole number of pixels; write e.g. 50000000 for 50 MP`);
      expect(refusal(() => photoSizeSettings({ PRESS_MIN_PHOTO_LONG_SIDE: text })), text).toBe(
        `PRESS_MIN_PHOTO_LONG_SIDE="${text}" is not a whole number of pixels; write e.g. 800, or 1 to accept photos of any size`,
      );
    }
  });
});

describe('the media settings', () => {
  it('default to the local store in .cache/media, kept 30 days', () => {
    expect(mediaSettings({})).toEqual({ store: 'local', cacheDir: '.cache/media', cacheKeepDays: 30 });
  });

  it('read a bucket, its public address, endpoint, region, prefix and path style', () => {
    const settings = mediaSettings({ ...s3, PRESS_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000/', PRESS_MEDIA_S3_PREFIX: '/newsroom/', PRESS_MEDIA_S3_PATH_STYLE: 'yes', AWS_REGION: 'ap-northeast-2' });
    expect(settings).toEqual({
      store: 's3',
      cacheDir: '.cache/media',
      cacheKeepDays: 30,
      publicUrl: 'https://media.example.org',
      s3: { bucket: 'press-media', endpoint: 'http://127.0.0.1:9000', region: 'ap-northeast-2', prefix: 'newsroom', forcePathStyle: true },
    });
    expect(mediaSettings(s3).s3).toEqual({ bucket: 'press-media', region: 'auto', prefix: '', forcePathStyle: false, endpoint: undefined });
    expect(mediaSettings({ ...s3, PRESS_MEDIA_S3_REGION: 'eu-west-1', AWS_REGION: 'ap-northeast-2' }).s3!.region).toBe('eu-west-1');
    expect(mediaSettings({ ...s3, PRESS_MEDIA_URL: 'https://cdn.example.org/press/' }).publicUrl).toBe('https://cdn.example.org/press');
    for (const [text, style] of [['1', true], ['TRUE', true], ['no', false], ['0', false], ['false', false]] as const) {
      expect(mediaSettings({ ...s3, PRESS_MEDIA_S3_PATH_STYLE: text }).s3!.forcePathStyle, text).toBe(style);
    }
    expect(mediaSettings({ PRESS_MEDIA_CACHE_KEEP_DAYS: '7' }).cacheKeepDays).toBe(7);
  });

  it('ignore the bucket settings for the local store', () => {
    expect(mediaSettings({ PRESS_MEDIA_STORE: 'local', PRESS_MEDIA_URL: 'not a url', PRESS_MEDIA_S3_PATH_STYLE: 'maybe' })).toEqual({ store: 'local', cacheDir: '.cache/media', cacheKeepDays: 30 });
  });

  it('name the variable and the fix for every bad value', () => {
    expect(refusal(media({ PRESS_MEDIA_STORE: 'bucket' }))).toMatch(/^PRESS_MEDIA_STORE="bucket" must be "local" .* or "s3"/);
    expect(refusal(media({ PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_URL: 'https://media.example.org' }))).toMatch(/needs PRESS_MEDIA_S3_BUCKET/);
    expect(refusal(media({ PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_S3_BUCKET: 'b' }))).toMatch(/needs PRESS_MEDIA_URL/);
    expect(refusal(media({ ...s3, PRESS_MEDIA_URL: 'media.example.org' }))).toBe('PRESS_MEDIA_URL="media.example.org" is not a URL; write it like https://media.example.org');
    expect(refusal(media({ ...s3, PRESS_MEDIA_URL: 'ftp://media.example.org' }))).toMatch(/^PRESS_MEDIA_URL="ftp:\/\/media.example.org" must start with https:\/\//);
    expect(refusal(media({ ...s3, PRESS_MEDIA_URL: 'https://media.example.org/?v=1' }))).toMatch(/^PRESS_MEDIA_URL=".*" must not have a \?query/);
    expect(refusal(media({ ...s3, PRESS_MEDIA_S3_ENDPOINT: 'account.r2.cloudflarestorage.com' }))).toMatch(/^PRESS_MEDIA_S3_ENDPOINT="account.r2.cloudflarestorage.com" is not a URL; write it like https:\/\//);
    expect(refusal(media({ ...s3, PRESS_MEDIA_S3_PATH_STYLE: 'maybe' }))).toMatch(/^PRESS_MEDIA_S3_PATH_STYLE="maybe" must be true or false/);
    for (const days of ['0', '-3', '1.5', 'thirty']) expect(refusal(media({ PRESS_MEDIA_CACHE_KEEP_DAYS: days }))).toMatch(/^PRESS_MEDIA_CACHE_KEEP_DAYS=".*" is not a whole number above 0; write e.g. PRESS_MEDIA_CACHE_KEEP_DAYS=30/);
  });
});

describe('PRESS_AUTHOR_LANG', () => {
  it('defaults to the system locale: Korean for a Korean one, English otherwise', () => {
    expect(authorLanguage({})).toBe('en');
    expect(authorLanguage({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(authorLanguage({ LANG: 'ko_KR.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(authorLanguage({ LANG: 'kok_IN' })).toBe('en');
  });

  it('chooses Korean or English, whatever the locale', () => {
    expect(authorLanguage({ PRESS_AUTHOR_LANG: 'KO', LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(authorLanguage({ PRESS_AUTHOR_LANG: 'en', LANG: 'ko_KR.UTF-8' })).toBe('en');
  });

  it('refuses another language, naming both it takes', () => {
    expect(refusal(() => authorLanguage({ PRESS_AUTHOR_LANG: 'fr' }))).toBe('PRESS_AUTHOR_LANG="fr" must be "ko" (한국어) or "en" (English)');
  });
});

// GitHub passes a repository variable nobody set as an empty string (the publish workflow sets
// PRESS_SITE_URL and the bucket variables from them), so empty must mean "not set" everywhere.
describe('an empty or blank value counts as unset', () => {
  const readers: [name: string, read: (env: Env) => unknown, base?: Env][] = [
    ['PRESS_SITE_URL', siteUrl],
    ['PRESS_NOW', pinnedNow],
    ['PRESS_CONTENT_DIR', contentDir],
    ['PRESS_OUT_DIR', outDir],
    ['PRESS_BUILD_WAIT', buildWaitSeconds],
    ['PRESS_CACHE_DIR', astroCacheDir],
    ['PRESS_MEDIA_CACHE_DIR', mediaCacheDir],
    ['PRESS_MEDIA_CACHE_DIR', mediaSettings],
    ['PRESS_MEDIA_CACHE_KEEP_DAYS', mediaSettings],
    ['PRESS_MEDIA_STORE', mediaSettings],
    ['PRESS_MEDIA_STORE', mediaSettings, { PRESS_MEDIA_S3_BUCKET: 'press-media', PRESS_MEDIA_URL: 'https://media.example.org' }],
    ['PRESS_MEDIA_S3_BUCKET', mediaSettings, s3],
    ['PRESS_MEDIA_URL', mediaSettings, s3],
    ['PRESS_MEDIA_S3_ENDPOINT', mediaSettings, s3],
    ['PRESS_MEDIA_S3_REGION', mediaSettings, s3],
    ['PRESS_MEDIA_S3_REGION', mediaSettings, { ...s3, AWS_REGION: 'ap-northeast-2' }],
    ['PRESS_MEDIA_S3_PREFIX', mediaSettings, s3],
    ['PRESS_MEDIA_S3_PATH_STYLE', mediaSettings, s3],
    ['PRESS_MAX_PHOTO_PIXELS', photoSizeSettings],
    ['PRESS_MIN_PHOTO_LONG_SIDE', photoSizeSettings],
    ['PRESS_AUTHOR_LANG', authorLanguage, { LANG: 'ko_KR.UTF-8' }],
  ];

  it.each(readers)('%s', (name, read, base = {}) => {
    const { [name]: _, ...unset } = base;
    const expected = outcome(() => read(unset));
    for (const empty of ['', '  ', '\t\n']) expect(outcome(() => read({ ...base, [name]: empty })), JSON.stringify(empty)).toEqual(expected);
  });

  it('so a bucket variable left empty with the s3 store is asked for by name', () => {
    expect(refusal(media({ ...s3, PRESS_MEDIA_S3_BUCKET: '' }))).toMatch(/^PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_S3_BUCKET/);
    expect(refusal(media({ ...s3, PRESS_MEDIA_URL: '' }))).toMatch(/^PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_URL/);
  });
});

describe('the embargoed preview (PRESS_PREVIEW)', () => {
  const on = { PRESS_PREVIEW: '1', PRESS_PREVIEW_SITE_URL: 'https://preview.press.example.org/' };

  it('is off unless asked for, and then builds for its own address into folders of its own', () => {
    expect(preview({})).toBeUndefined();
    expect(preview({ PRESS_PREVIEW: '0' })).toBeUndefined();
    expect(siteUrl(on)).toBe('https://preview.press.example.org');
    expect(outDir(on)).toBe('dist-preview');
    expect(astroCacheDir(on)).toBe(resolve('.cache/preview/astro'));
    expect(mediaCacheDir(on)).toBe('.cache/preview/media');
    expect(mediaSettings(on).store).toBe('local');
    expect(mediaSettings(on).cacheDir).toBe('.cache/preview/media');
  });

  it('leaves the public variables naming the public folders, and takes its own', () => {
    const env = { ...on, PRESS_OUT_DIR: 'site', PRESS_CACHE_DIR: 'cache/astro', PRESS_MEDIA_CACHE_DIR: 'cache/media' };
    expect(outDir(env)).toBe('dist-preview');
    expect(outDir({ ...env, PRESS_PREVIEW_OUT_DIR: 'preview-site/' })).toBe('preview-site');
    expect(astroCacheDir({ ...env, PRESS_PREVIEW_CACHE_DIR: 'cache-preview/astro' })).toBe(resolve('cache-preview/astro'));
    expect(mediaCacheDir({ ...env, PRESS_PREVIEW_MEDIA_CACHE_DIR: 'cache-preview/media' })).toBe('cache-preview/media');
  });

  it('refuses to run without an address of its own', () => {
    expect(refusal(() => siteUrl({ PRESS_PREVIEW: '1' }))).toMatch(/PRESS_PREVIEW=1 needs PRESS_PREVIEW_SITE_URL/);
    expect(refusal(() => outDir({ PRESS_PREVIEW: 'yes', PRESS_PREVIEW_SITE_URL: ' ' }))).toMatch(/needs PRESS_PREVIEW_SITE_URL/);
    expect(refusal(() => siteUrl({ ...on, PRESS_SITE_URL: 'https://preview.press.example.org' }))).toMatch(/is the public site's address/);
    expect(refusal(() => siteUrl({ PRESS_PREVIEW: '1', PRESS_PREVIEW_SITE_URL: 'https://press.sdf.example.org/' }))).toMatch(/is the public site's address/);
    expect(refusal(() => siteUrl({ ...on, PRESS_PREVIEW_SITE_URL: 'https://preview.example.org/secret-path' }))).toMatch(/PRESS_PREVIEW_SITE_URL=.* must be the site's address alone/);
    expect(refusal(() => siteUrl({ PRESS_PREVIEW: 'maybe' }))).toMatch(/PRESS_PREVIEW="maybe" must be true or false/);
  });

  it("refuses the bucket, which is the public site's media address", () => {
    for (const read of [() => mediaSettings({ ...on, ...s3 }), () => outDir({ ...on, ...s3 }), () => mediaCacheDir({ ...on, PRESS_MEDIA_STORE: 's3' })]) {
      expect(refusal(read)).toMatch(/PRESS_MEDIA_STORE="s3" cannot be used with PRESS_PREVIEW=1/);
    }
    expect(mediaSettings({ ...on, PRESS_MEDIA_STORE: 'local' }).store).toBe('local');
  });

  it('refuses a folder that is, holds or lies inside one of the public build\'s', () => {
    const cases: [Env, RegExp][] = [
      [{ PRESS_OUT_DIR: 'dist-preview' }, /PRESS_PREVIEW_OUT_DIR .* overlaps the public build's PRESS_OUT_DIR/],
      [{ PRESS_PREVIEW_OUT_DIR: 'dist/preview' }, /PRESS_PREVIEW_OUT_DIR .* overlaps the public build's PRESS_OUT_DIR/],
      [{ PRESS_PREVIEW_OUT_DIR: '.cache' }, /PRESS_PREVIEW_OUT_DIR .* overlaps the public build's PRESS_CACHE_DIR/],
      [{ PRESS_PREVIEW_CACHE_DIR: './.cache/astro/' }, /PRESS_PREVIEW_CACHE_DIR .* overlaps the public build's PRESS_CACHE_DIR/],
      [{ PRESS_MEDIA_CACHE_DIR: '.cache' }, /PRESS_PREVIEW_CACHE_DIR .* overlaps the public build's PRESS_MEDIA_CACHE_DIR/],
      [{ PRESS_PREVIEW_MEDIA_CACHE_DIR: '.cache/media' }, /PRESS_PREVIEW_MEDIA_CACHE_DIR .* overlaps the public build's PRESS_MEDIA_CACHE_DIR/],
    ];
    for (const [env, message] of cases) expect(refusal(() => outDir({ ...on, ...env })), JSON.stringify(env)).toMatch(message);
    // A folder whose name only begins like a public one's is apart from it.
    expect(outDir({ ...on, PRESS_PREVIEW_OUT_DIR: 'dist2' })).toBe('dist2');
  });
});
