import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/content/problems';
import { readSiteContent } from '../../../src/lib/content/reader';
import { contentCopy } from '../../helpers/build-site';

const release = 'releases/scse-2023-taipei';
const later = 'releases/later-release';
const photoId = 'later-release-01-stage';
const now = new Date('2026-01-01T00:00:00+09:00');

/** The sample plus a second release, embargoed until after `now`, with a photo of its own. */
async function withEmbargoedRelease(extraEdits: Parameters<typeof contentCopy>[0] = []) {
  return contentCopy([
    { file: `${later}/ko.mdx`, copyFrom: `${release}/ko.mdx` },
    { file: `${later}/ko.mdx`, edit: (text) => text.replace(/^photos:[\s\S]*?^(?=\w)/m, `photos:\n  - ${photoId}\n`).replace(/^hero: .*\n/m, '').replace(/^---\n/, '---\nembargo: 2027-01-01T09:00:00+09:00\n').replace(/<Photo id="[^"]+" \/>/g, '') },
    { file: `${later}/photos/${photoId}.yaml`, copyFrom: `${release}/photos/scse-2023-taipei-01-ntca-visit.yaml` },
    { file: `${later}/photos/${photoId}.yaml`, edit: (text) => text.replace(/^image: .*$/m, `image: ./${photoId}.jpg`) },
    { file: `${later}/photos/${photoId}.jpg`, copyFrom: `${release}/photos/scse-2023-taipei-01-ntca-visit.jpg` },
    // The copied frontmatter lists the sample's attachment, which must be in this release's own files/.
    { file: `${later}/files/scse-2023-taipei-fact-sheet.pdf`, copyFrom: `${release}/files/scse-2023-taipei-fact-sheet.pdf` },
    ...extraEdits,
  ]);
}

describe('what is public, read outside Astro', () => {
  it('keeps an embargoed release and its photos out until the embargo lifts', async () => {
    const dir = await withEmbargoedRelease();
    const before = readSiteContent(dir, { now, includeDrafts: false });
    expect(before.releases.map((item) => item.slug)).toEqual(['scse-2023-taipei']);
    expect(before.photos.has(photoId)).toBe(false);
    expect(before.nextEmbargo?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const after = readSiteContent(dir, { now: new Date('2027-01-01T00:00:00Z'), includeDrafts: false });
    expect(after.releases.map((item) => item.slug).sort()).toEqual(['later-release', 'scse-2023-taipei']);
    expect(after.photos.has(photoId)).toBe(true);
  });

  it('refuses a release that lists a photo of another release, naming both files', async () => {
    const dir = await withEmbargoedRelease([{ file: `${release}/ko.mdx`, edit: (text) => text.replace(/^photos:\n/m, `photos:\n  - ${photoId}\n`) }]);
    let error: unknown;
    try {
      readSiteContent(dir, { now, includeDrafts: false });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.filter((problem) => problem.field === 'photos');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/releases\/scse-2023-taipei\/ko\.mdx$/);
    expect(problems[0]!.problem).toContain(`${later}/photos/${photoId}.yaml`);
  });

  it('reports every schema problem of every file at once, with the file and the field', async () => {
    const dir = await contentCopy([
      { file: `${release}/ko.mdx`, edit: (text) => text.replace(/^category: .*$/m, 'category: sports') },
      { file: `${release}/photos/scse-2023-taipei-02-taipei-city-meeting.yaml`, edit: (text) => text.replace(/^creator: .*\n/m, '') },
    ]);
    let error: unknown;
    try {
      readSiteContent(dir, { now, includeDrafts: false });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ContentError).problems.map((problem) => [problem.file.replace(/^.*\/releases\//, ''), problem.field]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['scse-2023-taipei/ko.mdx', 'category'],
        ['scse-2023-taipei/photos/scse-2023-taipei-02-taipei-city-meeting.yaml', 'creator'],
      ]),
    );
  });
});
