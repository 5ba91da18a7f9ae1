import { describe, expect, it } from 'vitest';
import { pageCacheKey, withCacheKeys } from '../../src/lib/cache-key';

const entry = (id: string, digest: string, data: Record<string, unknown> = {}) => ({ collection: 'releases', id, digest, data, body: 'long text' });

/** What astro:assets hands out for an image() field: reading a property marks the original as published. */
function trackedImage(src: string, reads: string[]) {
  const target = { src, width: 3000, height: 2000, format: 'jpg' };
  return new Proxy(target, {
    get(object, name) {
      if (name === 'clone') return structuredClone(object);
      reads.push(String(name));
      return object[name as keyof typeof object];
    },
  });
}

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

  it('changes when a photo file changes, without reading the image in a way that publishes the original', () => {
    const reads: string[] = [];
    const photo = (src: string) => ({ ...entry('p1', 'same-yaml'), collection: 'photos', data: { image: trackedImage(src, reads) } });
    expect(pageCacheKey({ photos: [photo('/_astro/p1.AAAA.jpg')] })).not.toBe(pageCacheKey({ photos: [photo('/_astro/p1.BBBB.jpg')] }));
    expect(reads).toEqual([]);
  });
});

describe('withCacheKeys', () => {
  it('adds a key to each path and keeps params and props', () => {
    const paths = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1 } }, { params: { slug: 'b' }, props: { n: 2 } }]);
    expect(paths.map((path) => path.params.slug)).toEqual(['a', 'b']);
    expect(paths[0]!.cacheKey).not.toBe(paths[1]!.cacheKey);
  });
});
