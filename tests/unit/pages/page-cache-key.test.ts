import { describe, expect, it } from 'vitest';
import { pageCacheKey as keyWith, withCacheKeys } from '../../../src/lib/view/page-cache-key';
import type { MediaManifest, PhotoMedia } from '../../../src/lib/media/manifest';

const entry = (id: string, digest: string, data: Record<string, unknown> = {}) => ({ collection: 'releases', id, digest, data, body: 'long text' });

/** A photo's media as the stage records it: only `url` and `bytes` differ between the versions here. */
const photoMedia = (hash: string, bytes = 1000): PhotoMedia => {
  const image = { url: `/media/img/${hash}/p1-960.webp`, width: 960, height: 640, format: 'webp' as const, bytes };
  return { images: [image], card: { ...image, url: `/media/img/${hash}/p1-card.jpg`, format: 'jpeg' }, original: { url: '/photos/originals/p1.jpg', fileName: 'p1.jpg', bytes: 3_000_000, sha256: hash, width: 3000, height: 2000 } };
};
const noMedia: Pick<MediaManifest, 'photos' | 'packs'> = { photos: {}, packs: {} };
const pageCacheKey = (props: unknown, media = noMedia) => keyWith(props, media);

describe('pageCacheKey', () => {
  it('is the same for the same props, whatever the order of their keys', () => {
    expect(pageCacheKey({ a: 1, b: [new Date('2023-04-03T00:00:00Z')] })).toBe(pageCacheKey({ b: [new Date('2023-04-03T00:00:00Z')], a: 1 }));
  });

  it('changes with any value, date or map entry the page is given', () => {
    const base = { title: 'x', date: new Date('2023-04-03T00:00:00Z'), people: new Map([['kang', 'Kang']]) };
    const key = pageCacheKey(base);
    expect(pageCacheKey({ ...base, title: 'y' })).not.toBe(key);
    expect(pageCacheKey({ ...base, date: new Date('2023-04-04T00:00:00Z') })).not.toBe(key);
    expect(pageCacheKey({ ...base, people: new Map([['kang', 'Kang Yo-sik']]) })).not.toBe(key);
  });

  it('counts content entries by their digest, not their body', () => {
    const key = pageCacheKey({ entry: entry('a/ko', 'd1') });
    expect(pageCacheKey({ entry: { ...entry('a/ko', 'd1'), body: 'other text' } })).toBe(key);
    expect(pageCacheKey({ entry: entry('a/ko', 'd2') })).not.toBe(key);
  });

  it('changes when a photo file is replaced under an unchanged caption file', () => {
    const photo = { ...entry('p1', 'same-yaml'), collection: 'photos' };
    const before = pageCacheKey({ photos: [photo] }, { photos: { p1: photoMedia('aaaa') }, packs: {} });
    expect(pageCacheKey({ photos: [photo] }, { photos: { p1: photoMedia('aaaa') }, packs: {} })).toBe(before);
    expect(pageCacheKey({ photos: [photo] }, { photos: { p1: photoMedia('bbbb') }, packs: {} })).not.toBe(before);
  });

  it("changes with a release's or an event's photo pack", () => {
    const pack = (bytes: number) => ({ url: '/packs/releases/a.zip', fileName: 'a.zip', bytes, sha256: String(bytes), photoCount: 2, credits: { ko: 'c', en: 'c', 'zh-Hant': 'c' } });
    const release = entry('a/ko', 'd1');
    const event = { ...entry('scse-2023', 'd1'), collection: 'events' };
    const withPacks = (bytes: number) => ({ photos: {}, packs: { '/packs/releases/a.zip': pack(bytes), '/packs/events/scse-2023.zip': pack(bytes) } });
    expect(pageCacheKey({ release }, withPacks(1))).not.toBe(pageCacheKey({ release }, withPacks(2)));
    expect(pageCacheKey({ event }, withPacks(1))).not.toBe(pageCacheKey({ event }, withPacks(2)));
  });
});

describe('withCacheKeys', () => {
  it('adds a key to each path and keeps params and props', () => {
    const paths = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1 } }, { params: { slug: 'b' }, props: { n: 2 } }], noMedia);
    expect(paths.map((path) => path.params.slug)).toEqual(['a', 'b']);
    expect(paths[0]!.cacheKey).not.toBe(paths[1]!.cacheKey);
  });
});
