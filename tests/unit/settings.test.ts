import { describe, expect, it } from 'vitest';
import { mediaSettings, SettingsError } from '../../src/settings';

const s3 = { PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_S3_BUCKET: 'press-media', PRESS_MEDIA_URL: 'https://media.example.org/' };

/** The message of the SettingsError `env` gives, or a note that none was thrown. */
function refusal(env: Record<string, string>): string {
  try {
    mediaSettings(env);
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
}

describe('the media settings', () => {
  it('default to the local store in .cache/media, kept 30 days', () => {
    expect(mediaSettings({})).toEqual({ store: 'local', cacheDir: '.cache/media', cacheKeepDays: 30 });
  });

  it('read a bucket, its public address, endpoint, region, prefix and path style', () => {
    const settings = mediaSettings({ ...s3, PRESS_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000', PRESS_MEDIA_S3_PREFIX: '/newsroom/', PRESS_MEDIA_S3_PATH_STYLE: 'yes', AWS_REGION: 'ap-northeast-2' });
    expect(settings).toEqual({
      store: 's3',
      cacheDir: '.cache/media',
      cacheKeepDays: 30,
      publicUrl: 'https://media.example.org',
      s3: { bucket: 'press-media', endpoint: 'http://127.0.0.1:9000', region: 'ap-northeast-2', prefix: 'newsroom', forcePathStyle: true },
    });
    expect(mediaSettings(s3).s3).toMatchObject({ region: 'auto', prefix: '', forcePathStyle: false, endpoint: undefined });
  });

  it('name the variable and the fix for every bad value', () => {
    expect(refusal({ PRESS_MEDIA_STORE: 'bucket' })).toMatch(/^PRESS_MEDIA_STORE="bucket" must be "local" .* or "s3"/);
    expect(refusal({ PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_URL: 'https://media.example.org' })).toMatch(/needs PRESS_MEDIA_S3_BUCKET/);
    expect(refusal({ PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_S3_BUCKET: 'b' })).toMatch(/needs PRESS_MEDIA_URL/);
    expect(refusal({ ...s3, PRESS_MEDIA_URL: 'media.example.org' })).toMatch(/^PRESS_MEDIA_URL="media.example.org" is not a URL/);
    expect(refusal({ ...s3, PRESS_MEDIA_URL: 'ftp://media.example.org' })).toMatch(/must start with https:\/\//);
    expect(refusal({ ...s3, PRESS_MEDIA_URL: 'https://media.example.org/?v=1' })).toMatch(/must not have a \?query/);
    expect(refusal({ ...s3, PRESS_MEDIA_S3_PATH_STYLE: 'maybe' })).toMatch(/^PRESS_MEDIA_S3_PATH_STYLE="maybe" must be true or false/);
    for (const days of ['0', '-3', '1.5', 'thirty']) expect(refusal({ PRESS_MEDIA_CACHE_KEEP_DAYS: days })).toMatch(/^PRESS_MEDIA_CACHE_KEEP_DAYS=".*" is not a whole number above 0/);
  });
});
