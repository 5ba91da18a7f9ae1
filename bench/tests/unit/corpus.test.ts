import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bodyWithPhotos, corpusPlan, editPhotoCaption, editRelease, releaseIn, releaseMoment, releaseSlug, rotateParagraphs, splitMdx, writeCorpus, type Corpus } from '../../lib/corpus';
import { plainMarkdown } from '../../lib/hugo-site';
import { locales } from '../../../src/i18n/locales';
import { projectRoot } from '../../../tests/helpers/build-site';

const sample = async (file: string) => readFile(join(projectRoot, 'content/releases/scse-2023-taipei', file), 'utf8');
const photoTags = (body: string) => [...body.matchAll(/<Photo id="([^"]+)" \/>/g)].map((match) => match[1]);

describe('the corpus plan', () => {
  it('has one event per 20 releases and one MoU per 10, rounded up', () => {
    expect(corpusPlan(1000)).toEqual({ releases: 1000, events: 50, mous: 100, photos: 2000 });
    expect(corpusPlan(21)).toEqual({ releases: 21, events: 2, mous: 3, photos: 42 });
  });

  it('gives every release its own slug and a date-time with an offset, over ten years', () => {
    const slugs = Array.from({ length: 1000 }, (_, index) => releaseSlug(index, 1000));
    expect(new Set(slugs).size).toBe(1000);
    expect(releaseMoment(0, 1000)).toMatch(/^2016-01-04T\d\d:\d\d:00\+09:00$/);
    expect(releaseMoment(999, 1000).slice(0, 4)).toBe('2025');
  });
});

describe('release bodies', () => {
  it('keep the sample’s prose and put the given photos where the sample’s first ones were', async () => {
    const { body } = splitMdx(await sample('ko.mdx'));
    const next = bodyWithPhotos(body, ['a-01', 'a-02']);
    expect(photoTags(next)).toEqual(['a-01', 'a-02']);
    expect(next.replace(/<Photo[^>]*>\n?/g, '').replace(/\s+/g, '')).toBe(body.replace(/<Photo[^>]*>\n?/g, '').replace(/\s+/g, ''));
  });

  it('rotate paragraphs but keep the table, photos and footnotes in place', async () => {
    const { body } = splitMdx(await sample('en.mdx'));
    const rotated = rotateParagraphs(body, 3);
    expect(rotated).not.toBe(body);
    const blocks = (text: string) => text.trim().split(/\n{2,}/);
    blocks(body).forEach((block, index) => {
      if (/^(<|\||-|\[\^)/.test(block.trim())) expect(blocks(rotated)[index]).toBe(block);
    });
    expect([...blocks(rotated)].sort()).toEqual([...blocks(body)].sort());
  });

  it('become plain Markdown for Hugo without their components', async () => {
    const { body } = splitMdx(await sample('ko.mdx'));
    const plain = plainMarkdown(body);
    expect(plain).not.toMatch(/<Photo/);
    expect(plain).toContain('| 기관 | 설립 | 회원사 |');
  });
});

describe('writeCorpus', () => {
  let dir: string;
  let corpus: Corpus;
  const original = join(projectRoot, 'content/releases/scse-2023-taipei/photos/scse-2023-taipei-01-ntca-visit.jpg');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pressroom-corpus-'));
    corpus = await writeCorpus({ sampleContentDir: join(projectRoot, 'content'), dir, releases: 21, originalFor: () => original });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes every release in every language, with two photos that exist', async () => {
    expect(corpus.list).toHaveLength(21);
    for (const release of corpus.list) {
      const files = await readdir(release.folder);
      expect(files.sort()).toEqual([...locales.map((locale) => `${locale.path}.mdx`), 'photos'].sort());
      for (const id of release.photoIds) {
        const caption = parseYaml(await readFile(join(release.folder, 'photos', `${id}.yaml`), 'utf8'));
        expect(caption.image).toBe(`./${id}.jpg`);
        expect((await stat(join(release.folder, 'photos', `${id}.jpg`))).size).toBe((await stat(original)).size);
      }
    }
  });

  it('links releases to existing events and MoUs, and keeps the sample’s organizations and people', async () => {
    const events = await readdir(join(dir, 'events'));
    const mous = await readdir(join(dir, 'mous'));
    expect(events).toHaveLength(2);
    expect(mous).toHaveLength(3);
    const last = splitMdx(await readFile(join(corpus.list[20]!.folder, 'ko.mdx'), 'utf8')).frontmatter;
    expect(events).toContain(`${last.event}.yaml`);
    const first = splitMdx(await readFile(join(corpus.list[0]!.folder, 'ko.mdx'), 'utf8')).frontmatter;
    expect(mous).toContain(`${(first.mous as string[])[0]}.yaml`);
    expect(first.photos).toEqual(corpus.list[0]!.photoIds);
    expect(await readdir(join(dir, 'people'))).toEqual(await readdir(join(projectRoot, 'content/people')));
  });

  it('edits one release by appending to its original', async () => {
    const file = await editRelease(corpus.list[5]!, 'A correction.');
    expect((await readFile(file, 'utf8')).trimEnd().endsWith('A correction.')).toBe(true);
  });

  it('corrects the original-language caption of a release’s first photo, and nothing else of it', async () => {
    const release = corpus.list[6]!;
    const file = join(release.folder, 'photos', `${release.photoIds[0]}.yaml`);
    const before = parseYaml(await readFile(file, 'utf8'));
    const edited = await editPhotoCaption(release, '(Corrected.)');
    expect(edited).toEqual({ file, photoId: release.photoIds[0] });
    const after = parseYaml(await readFile(file, 'utf8'));
    expect(after.caption.ko).toBe(`${before.caption.ko} (Corrected.)`);
    expect({ ...after, caption: { ...after.caption, ko: before.caption.ko } }).toEqual(before);
  });

  it('names each release’s event and finds a release in another copy of the content', () => {
    expect(corpus.list[0]!.event).toBe('bench-event-0001');
    expect(corpus.list[20]!.event).toBe('bench-event-0002');
    expect(releaseIn(corpus.list[3]!, '/elsewhere/content')).toEqual({ ...corpus.list[3], folder: `/elsewhere/content/releases/${corpus.list[3]!.slug}` });
  });
});
