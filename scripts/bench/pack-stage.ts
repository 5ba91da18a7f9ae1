/**
 * The photo-pack stage measured alone, with the site's own pack library (press copies with
 * exiftool, reproducible streamed ZIPs, the hash-keyed pack cache): a press copy of every photo,
 * one ZIP per release and one per event, as the site publishes them. Its throughput is compared
 * with `cp` of the same original bytes on the same disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { locales, defaultLocale } from '../../src/i18n/locales.ts';
import { closeExiftool, writePressCopy, type PhotoMetadata } from '../../src/lib/photo-metadata.ts';
import { captionsCsv, captionsText, sha256Sums } from '../../src/lib/pack-texts.ts';
import { buildPackIfChanged, packInputsKey, sha256File, writeZip, type ZipEntry } from '../../src/lib/zip-pack.ts';
import type { Corpus, CorpusRelease } from './corpus.ts';

const LABELS = { file: 'File', caption: 'Caption', credit: 'Credit', people: 'People shown', date: 'Date', place: 'Place' };

export interface PackRun {
  seconds: number;
  /** Bytes of the originals that went into packs (each photo once). */
  originalBytes: number;
  /** Bytes written: press copies and ZIPs. */
  writtenBytes: number;
  packs: number;
  /** Packs built, as opposed to found in the pack cache. */
  rebuilt: number;
  /** Of `seconds`: writing press copies (exiftool), and hashing and zipping them. */
  pressCopySeconds: number;
  zipSeconds: number;
}

export interface PackComparison {
  cold: PackRun;
  cpSeconds: number;
  /** Pack MB/s over cp MB/s, for the same original bytes. */
  throughputRatio: number;
}

async function photoMetadata(yamlFile: string, fileName: string): Promise<PhotoMetadata> {
  const data = parseYaml(await readFile(yamlFile, 'utf8')) as Record<string, any>;
  return {
    fileName,
    captions: data.caption,
    originalLocale: defaultLocale,
    altTexts: data.alt,
    headline: data.headline,
    creator: data.creator,
    credit: data.credit.en ?? data.credit[defaultLocale],
    credits: data.credit,
    copyright: data.copyright,
    webStatement: 'https://press.sdf.example.org/en/terms/',
    people: (data.people ?? []).map((shown: { person: string }) => shown.person),
    city: data.place.city.en ?? data.place.city[defaultLocale],
    country: data.place.country,
    countryCode: data.place.country,
    keywords: [data.event].filter(Boolean),
    englishDescription: data.caption.en ?? data.caption[defaultLocale],
    taken: String(data.taken ?? ''),
  };
}

interface PackPhoto {
  meta: PhotoMetadata;
  original: string;
  copy: string;
}

/** Where the pack stage reads photo `n` of a release: by default the corpus file itself. */
export type OriginalOf = (release: CorpusRelease, n: number) => string;

const corpusFile: OriginalOf = (release, n) => join(release.folder, 'photos', `${release.photoIds[n]}.jpg`);

/** Writes the press copies and the packs of a corpus into `outDir`, with its cache in `cacheDir`. */
export async function runPackStage(corpus: Corpus, outDir: string, cacheDir: string, originalOf: OriginalOf = corpusFile): Promise<PackRun> {
  const started = performance.now();
  let originalBytes = 0;
  let writtenBytes = 0;
  let packs = 0;
  let rebuilt = 0;
  let pressCopySeconds = 0;
  let zipSeconds = 0;
  const timed = async <T>(work: () => Promise<T>, add: (seconds: number) => void): Promise<T> => {
    const begun = performance.now();
    try {
      return await work();
    } finally {
      add((performance.now() - begun) / 1000);
    }
  };
  const byEvent = new Map<string, PackPhoto[]>();
  try {
    for (const release of corpus.list) {
      await mkdir(join(outDir, 'photos'), { recursive: true });
      // A release's photos at once, as its page asks for them in the site build.
      const photos = await timed(
        () =>
          Promise.all(
            release.photoIds.map(async (id, n): Promise<PackPhoto> => {
              const original = originalOf(release, n);
              const meta = await photoMetadata(join(release.folder, 'photos', `${id}.yaml`), `${id}.jpg`);
              const copy = join(outDir, 'photos', `${id}.jpg`);
              const written = await writePressCopy(original, copy, meta);
              originalBytes += (await stat(original)).size;
              writtenBytes += written.size;
              return { meta, original, copy };
            }),
          ),
        (seconds) => (pressCopySeconds += seconds),
      );
      for (const photo of photos) {
        const event = photo.meta.keywords[0] ?? 'none';
        byEvent.set(event, [...(byEvent.get(event) ?? []), photo]);
      }
      const texts = await Promise.all(locales.map(async (locale) => ({ name: `release-${locale.path}.mdx`, data: await readFile(join(release.folder, `${locale.path}.mdx`)) })));
      const result = await timed(() => writePack(join(outDir, 'packs', `${release.slug}.zip`), join(cacheDir, 'packs'), photos, texts), (seconds) => (zipSeconds += seconds));
      packs++;
      if (result.rebuilt) rebuilt++;
      writtenBytes += result.size;
    }
    for (const [event, photos] of byEvent) {
      const result = await timed(() => writePack(join(outDir, 'packs', `${event}.zip`), join(cacheDir, 'packs'), photos, []), (seconds) => (zipSeconds += seconds));
      packs++;
      if (result.rebuilt) rebuilt++;
      writtenBytes += result.size;
    }
  } finally {
    await closeExiftool();
  }
  return { seconds: (performance.now() - started) / 1000, originalBytes, writtenBytes, packs, rebuilt, pressCopySeconds, zipSeconds };
}

async function writePack(dest: string, cacheDir: string, photos: PackPhoto[], texts: Array<{ name: string; data: Buffer }>) {
  const files = await Promise.all(photos.map(async (photo) => ({ name: photo.meta.fileName, sha256: await sha256File(photo.copy) })));
  const metas = photos.map((photo) => photo.meta);
  const textEntries: ZipEntry[] = [
    ...locales.map((locale) => ({ name: `captions-${locale.path}.txt`, source: { data: captionsText(locale.code, metas, LABELS) } })),
    { name: 'captions.csv', source: { data: captionsCsv(metas, locales.map((locale) => locale.code)) } },
    ...texts.map((text) => ({ name: text.name, source: { data: text.data } })),
  ];
  const key = packInputsKey({ formatVersion: 'bench-1', files, metadata: { texts: textEntries.map((entry) => [entry.name, String((entry.source as { data: unknown }).data)]) } });
  let size = 0;
  const result = await buildPackIfChanged(cacheDir, key, dest, async (path) => {
    const sums = sha256Sums(files);
    const zipped = await writeZip(path, [
      ...photos.map((photo) => ({ name: photo.meta.fileName, source: { path: photo.copy } })),
      ...textEntries,
      { name: 'SHA256SUMS', source: { data: sums } },
    ]);
    size = zipped.size;
  });
  return { rebuilt: result.rebuilt, size };
}

/** Time of `cp` copying the same originals (each once) to a fresh folder on the same disk. */
export async function copyBaseline(corpus: Corpus, dest: string, originalOf: OriginalOf = corpusFile): Promise<number> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  const originals = corpus.list.flatMap((release) => release.photoIds.map((_, n) => originalOf(release, n)));
  const started = performance.now();
  // One cp per batch keeps the argument list within the system's limit.
  for (let index = 0; index < originals.length; index += 500) {
    execFileSync('cp', ['--reflink=never', ...originals.slice(index, index + 500), dest]);
  }
  execFileSync('sync', ['-f', dest]);
  return (performance.now() - started) / 1000;
}

export async function comparePackStage(corpus: Corpus, workDir: string, originalOf: OriginalOf = corpusFile): Promise<PackComparison> {
  const cacheDir = join(workDir, 'pack-cache');
  await rm(join(workDir, 'pack-out'), { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  const cold = await runPackStage(corpus, join(workDir, 'pack-out'), cacheDir, originalOf);
  // cp's time includes flushing to disk; so does the pack stage's.
  const flushStarted = performance.now();
  execFileSync('sync', ['-f', workDir]);
  cold.seconds += (performance.now() - flushStarted) / 1000;
  const cpSeconds = await copyBaseline(corpus, join(workDir, 'cp-out'), originalOf);
  await rm(join(workDir, 'cp-out'), { recursive: true, force: true });
  await rm(join(workDir, 'pack-out'), { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  const packRate = cold.originalBytes / cold.seconds;
  const cpRate = cold.originalBytes / cpSeconds;
  return { cold, cpSeconds, throughputRatio: packRate / cpRate };
}
