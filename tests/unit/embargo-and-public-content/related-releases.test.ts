import { describe, expect, it } from 'vitest';
import { relatedReleases } from '../../../src/lib/content/related-releases';
import type { Release } from '../../../src/lib/content/releases';
import { siteConfig } from '../../../src/site.config';

/** A release as site content holds it; only what relatedness reads is filled in. */
function release(slug: string, day: number, facts: { event?: string; mous?: string[]; organizations?: string[]; tags?: string[]; languages?: string[] } = {}): Release {
  const versions = Object.fromEntries((facts.languages ?? ['ko', 'en', 'zh-Hant']).map((code) => [code, { id: `${slug}/${code}` }]));
  return {
    slug,
    date: new Date(Date.UTC(2024, 0, day)),
    event: facts.event,
    mous: facts.mous ?? [],
    organizations: facts.organizations ?? [],
    original: { data: { tags: facts.tags ?? [] } },
    versions,
  } as unknown as Release;
}

const newestFirst = (releases: Release[]) => [...releases].sort((a, b) => b.date.getTime() - a.date.getTime());
const slugs = (releases: Release[]) => releases.map((release) => release.slug);

describe('related releases', () => {
  it('relates by shared event, MoU, organization and tag (case-insensitive), newest first, never the release itself', () => {
    const subject = release('subject', 10, { event: 'expo', mous: ['mou-a'], organizations: ['tca'], tags: ['Smart City'] });
    const all = newestFirst([
      subject,
      release('same-event', 5, { event: 'expo' }),
      release('same-mou', 20, { mous: ['mou-a'] }),
      release('same-organization', 3, { organizations: ['tca'] }),
      release('same-tag', 8, { tags: ['smart city'] }),
      release('unrelated', 30, { event: 'other', organizations: ['ntca'], tags: ['culture'] }),
    ]);
    expect(slugs(relatedReleases(all, subject, 'en', 10))).toEqual(['same-mou', 'same-tag', 'same-event', 'same-organization']);
  });

  it('does not relate releases only because the publisher names itself in both', () => {
    const subject = release('subject', 10, { organizations: [siteConfig.publisher] });
    const all = newestFirst([subject, release('other', 11, { organizations: [siteConfig.publisher] })]);
    expect(relatedReleases(all, subject, 'ko')).toEqual([]);
  });

  it('puts the ones translated into the reader’s language first, then the others, and stops at the limit', () => {
    const subject = release('subject', 1, { event: 'expo' });
    const all = newestFirst([
      subject,
      release('korean-only-newest', 9, { event: 'expo', languages: ['ko'] }),
      release('english-older', 4, { event: 'expo', languages: ['ko', 'en'] }),
      release('english-oldest', 2, { event: 'expo', languages: ['ko', 'en'] }),
    ]);
    expect(slugs(relatedReleases(all, subject, 'en', 3))).toEqual(['english-older', 'english-oldest', 'korean-only-newest']);
    expect(slugs(relatedReleases(all, subject, 'ko', 2))).toEqual(['korean-only-newest', 'english-older']);
  });

  it('looks at no more than a few releases per key, so a thousand releases on one event cost no more each than ten', () => {
    // Count how often a candidate's versions are read: the work per release must not grow with the corpus.
    const reads = (count: number) => {
      let read = 0;
      const all = newestFirst(Array.from({ length: count }, (_, index) => release(`r${index}`, index + 1, { event: 'expo', tags: ['t'] })));
      for (const item of all) {
        const versions = item.versions;
        Object.defineProperty(item, 'versions', { get: () => ((read += 1), versions) });
      }
      for (const item of all) relatedReleases(all, item, 'en');
      return read / count;
    };
    expect(reads(1000)).toBeLessThanOrEqual(reads(10) * 1.5);
  });
});
