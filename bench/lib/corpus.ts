/**
 * The synthetic newsroom the benchmark builds: N releases in every language, each as long as the
 * sample release (its text, with varied titles, slugs and dates), with two photos; one event per
 * 20 releases, one MoU per 10, and the sample's organizations and people. Everything is derived
 * from the sample content, so the corpus follows the schemas as they evolve with the sample.
 */
import { cp, link, mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { defaultLocale, locales } from '../../src/i18n/locales.ts';
import { categories } from '../../src/schemas/vocabulary.ts';

const SAMPLE_SLUG = 'scse-2023-taipei';
const RELEASES_PER_EVENT = 20;
const RELEASES_PER_MOU = 10;
const PHOTOS_PER_RELEASE = 2;

export interface CorpusPlan {
  releases: number;
  events: number;
  mous: number;
  photos: number;
}

export function corpusPlan(releases: number): CorpusPlan {
  return {
    releases,
    events: Math.ceil(releases / RELEASES_PER_EVENT),
    mous: Math.ceil(releases / RELEASES_PER_MOU),
    photos: releases * PHOTOS_PER_RELEASE,
  };
}

/** One release of the corpus: where it lives and what a rebuild test may edit. */
export interface CorpusRelease {
  slug: string;
  folder: string;
  photoIds: string[];
  /** The event it belongs to, whose ZIP holds its photos too. */
  event: string;
}

export interface Corpus extends CorpusPlan {
  dir: string;
  list: CorpusRelease[];
}

interface MdxFile {
  frontmatter: Record<string, unknown>;
  body: string;
}

export function splitMdx(text: string, file = 'MDX file'): MdxFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no YAML frontmatter between "---" lines`);
  return { frontmatter: parseYaml(match[1]!) as Record<string, unknown>, body: match[2]! };
}

function joinMdx({ frontmatter, body }: MdxFile): string {
  return `---\n${stringifyYaml(frontmatter, { lineWidth: 0 })}---\n${body}`;
}

const PHOTO_TAG = /^<Photo id="[^"]+" \/>$/m;

/**
 * The sample body with its photos replaced by `photoIds`, in the same places; extra `<Photo>`
 * lines are dropped, so the prose keeps its full length whatever the number of photos.
 */
export function bodyWithPhotos(body: string, photoIds: string[]): string {
  let seen = 0;
  return body
    .split('\n')
    .flatMap((line) => {
      if (!PHOTO_TAG.test(line)) return [line];
      const id = photoIds[seen++];
      return id ? [`<Photo id="${id}" />`] : [];
    })
    .join('\n');
}

/** Rotates the prose paragraphs (not the table, photos or footnotes) so no two bodies are equal. */
export function rotateParagraphs(body: string, by: number): string {
  const lead = /^\s*/.exec(body)![0];
  const trail = /\s*$/.exec(body)![0];
  const blocks = body.trim().split(/\n{2,}/);
  const movable = blocks.map((block, index) => ({ block, index })).filter(({ block }) => isProse(block));
  if (movable.length < 2) return body;
  const shift = by % movable.length;
  const rotated = [...movable.slice(shift), ...movable.slice(0, shift)];
  const result = [...blocks];
  movable.forEach(({ index }, position) => (result[index] = rotated[position]!.block));
  return `${lead}${result.join('\n\n')}${trail}`;
}

function isProse(block: string): boolean {
  return !/^(<|\||-|\[\^|#)/.test(block.trim()) && block.trim().length > 0;
}

const TOPICS = ['smart-city', 'digital-inclusion', 'ai-policy', 'open-data', 'startup', 'mou', 'forum', 'pilot', 'award', 'exchange', 'training', 'research'];
const YEARS_COVERED = 10;
const FIRST_DAY = Date.UTC(2016, 0, 4, 0, 0);

/** A date-time with the Seoul offset, spread over ten years, at a varied office hour. */
export function releaseMoment(index: number, count: number): string {
  const span = YEARS_COVERED * 365.25 * 86_400_000;
  const day = new Date(FIRST_DAY + Math.floor((index * span) / Math.max(count, 1) / 86_400_000) * 86_400_000);
  const hour = 8 + (index % 9);
  const date = day.toISOString().slice(0, 10);
  return `${date}T${String(hour).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}:00+09:00`;
}

export function releaseSlug(index: number, count: number): string {
  const day = releaseMoment(index, count).slice(0, 7);
  return `${day}-${TOPICS[index % TOPICS.length]}-${String(index + 1).padStart(5, '0')}`;
}

const eventId = (group: number) => `bench-event-${String(group + 1).padStart(4, '0')}`;
const mouId = (group: number) => `bench-mou-${String(group + 1).padStart(4, '0')}`;

/** Adds a number to every language's text of a localized field, keeping its structure. */
function numbered<T>(value: T, label: string): T {
  if (typeof value === 'string') return `${value} ${label}` as T;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, numbered(inner, label)])) as T;
  }
  return value;
}

interface Sample {
  dir: string;
  versions: Map<string, MdxFile>;
  photos: Record<string, unknown>[];
  event: Record<string, unknown>;
  mou: Record<string, unknown>;
}

async function readSample(contentDir: string): Promise<Sample> {
  const dir = join(contentDir, 'releases', SAMPLE_SLUG);
  const versions = new Map<string, MdxFile>();
  for (const locale of locales) {
    const file = join(dir, `${locale.path}.mdx`);
    versions.set(locale.code, splitMdx(await readFile(file, 'utf8'), file));
  }
  const original = versions.get(defaultLocale)!.frontmatter;
  const photoIds = original.photos as string[];
  const photos = await Promise.all(photoIds.map(async (id) => parseYaml(await readFile(join(dir, 'photos', `${id}.yaml`), 'utf8'))));
  const eventFile = join(contentDir, 'events', `${original.event as string}.yaml`);
  const mouFile = join(contentDir, 'mous', `${(original.mous as string[])[0]}.yaml`);
  return {
    dir,
    versions,
    photos,
    event: parseYaml(await readFile(eventFile, 'utf8')),
    mou: parseYaml(await readFile(mouFile, 'utf8')),
  };
}

/**
 * Places an original in the corpus without copying its bytes when the file systems allow it.
 * Astro and the pack stage only read originals, so a hard link is safe.
 */
async function placeOriginal(source: string, dest: string): Promise<void> {
  try {
    await link(source, dest);
  } catch {
    await copyFile(source, dest);
  }
}

export interface WriteCorpusOptions {
  /** The project's content folder, where the sample release is read from. */
  sampleContentDir: string;
  /** Where the corpus is written; must not exist or be empty. */
  dir: string;
  releases: number;
  /** Path of the original JPEG for photo number `n` (0-based) of the corpus. */
  originalFor: (n: number) => string;
}

export async function writeCorpus(options: WriteCorpusOptions): Promise<Corpus> {
  const { dir, releases: count } = options;
  const sample = await readSample(options.sampleContentDir);
  const plan = corpusPlan(count);
  await mkdir(join(dir, 'releases'), { recursive: true });
  for (const folder of ['organizations', 'people', 'contacts']) {
    await cp(join(options.sampleContentDir, folder), join(dir, folder), { recursive: true });
  }
  await writeEvents(dir, sample, plan.events, count);
  await writeMous(dir, sample, plan.mous, count);
  const list: CorpusRelease[] = [];
  for (let index = 0; index < count; index++) {
    list.push(await writeRelease(dir, sample, index, count, options.originalFor));
  }
  return { ...plan, dir, list };
}

async function writeEvents(dir: string, sample: Sample, events: number, releases: number): Promise<void> {
  await mkdir(join(dir, 'events'), { recursive: true });
  for (let group = 0; group < events; group++) {
    const start = releaseMoment(group * RELEASES_PER_EVENT, releases).slice(0, 10);
    const event = {
      ...sample.event,
      name: numbered(sample.event.name, `#${group + 1}`),
      shortName: numbered(sample.event.shortName, `#${group + 1}`),
      start,
      end: start,
    };
    await writeFile(join(dir, 'events', `${eventId(group)}.yaml`), stringifyYaml(event, { lineWidth: 0 }));
  }
}

async function writeMous(dir: string, sample: Sample, mous: number, releases: number): Promise<void> {
  await mkdir(join(dir, 'mous'), { recursive: true });
  for (let group = 0; group < mous; group++) {
    const first = group * RELEASES_PER_MOU;
    const mou = {
      ...sample.mou,
      title: numbered(sample.mou.title, `#${group + 1}`),
      signed: releaseMoment(first, releases).slice(0, 10),
      event: eventId(Math.floor(first / RELEASES_PER_EVENT)),
      // The signing photo: the first photo of the release that announces the MoU.
      photo: `${releaseSlug(first, releases)}-01`,
    };
    await writeFile(join(dir, 'mous', `${mouId(group)}.yaml`), stringifyYaml(mou, { lineWidth: 0 }));
  }
}

async function writeRelease(dir: string, sample: Sample, index: number, count: number, originalFor: (n: number) => string): Promise<CorpusRelease> {
  const slug = releaseSlug(index, count);
  const folder = join(dir, 'releases', slug);
  await mkdir(join(folder, 'photos'), { recursive: true });
  const event = eventId(Math.floor(index / RELEASES_PER_EVENT));
  const announcesMou = index % RELEASES_PER_MOU === 0;
  const photoIds = Array.from({ length: PHOTOS_PER_RELEASE }, (_, n) => `${slug}-${String(n + 1).padStart(2, '0')}`);

  for (const [n, id] of photoIds.entries()) {
    const photo = { ...sample.photos[n % sample.photos.length]!, image: `./${id}.jpg`, event };
    await writeFile(join(folder, 'photos', `${id}.yaml`), stringifyYaml(photo, { lineWidth: 0 }));
    await placeOriginal(originalFor(index * PHOTOS_PER_RELEASE + n), join(folder, 'photos', `${id}.jpg`));
  }

  for (const locale of locales) {
    const version = sample.versions.get(locale.code)!;
    const frontmatter: Record<string, unknown> = { ...version.frontmatter, title: `${version.frontmatter.title as string} (${index + 1})` };
    if (locale.code === defaultLocale) {
      Object.assign(frontmatter, {
        date: releaseMoment(index, count),
        category: categories[index % categories.length],
        event,
        mous: announcesMou ? [mouId(Math.floor(index / RELEASES_PER_MOU))] : undefined,
        photos: photoIds,
        hero: photoIds[0],
      });
      if (!announcesMou) delete frontmatter.mous;
      // The sample's attachments live in its own files/ folder; the corpus measures photos and pages.
      delete frontmatter.attachments;
    }
    const body = rotateParagraphs(bodyWithPhotos(version.body, photoIds), index);
    await writeFile(join(folder, `${locale.path}.mdx`), joinMdx({ frontmatter, body }));
  }
  return { slug, folder, photoIds, event };
}

/** Where a release of the corpus is in another copy of the content (a git clone of it). */
export const releaseIn = (release: CorpusRelease, contentDir: string): CorpusRelease => ({ ...release, folder: join(contentDir, 'releases', release.slug) });

const originalVersion = () => locales.find((locale) => locale.code === defaultLocale)!;

/** The edit of the "one release changed" rebuild: a corrected sentence at the end of its original. */
export async function editRelease(release: Pick<CorpusRelease, 'folder'>, note: string): Promise<string> {
  const file = join(release.folder, `${originalVersion().path}.mdx`);
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text.trimEnd()}\n\n${note}\n`);
  return file;
}

/**
 * A corrected caption: `note` added to the original-language caption of the release's first photo,
 * which changes that photo's press copy (the caption is written into it) but none of its web images.
 */
export async function editPhotoCaption(release: Pick<CorpusRelease, 'folder' | 'photoIds'>, note: string): Promise<{ file: string; photoId: string }> {
  const photoId = release.photoIds[0]!;
  const file = join(release.folder, 'photos', `${photoId}.yaml`);
  const photo = parseYaml(await readFile(file, 'utf8')) as { caption: Record<string, string> };
  const locale = originalVersion().code;
  photo.caption = { ...photo.caption, [locale]: `${photo.caption[locale]} ${note}` };
  await writeFile(file, stringifyYaml(photo, { lineWidth: 0 }));
  return { file, photoId };
}
