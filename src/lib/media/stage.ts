/**
 * The media stage: everything made from photos, before `astro build` and in a process of its own
 * (so sharp's and exiftool's memory never adds to Astro's). It reads the content through the same
 * schemas and rules for what is public as the pages (content/reader.ts), plans every web image,
 * press copy and ZIP, names each by the hash of its inputs, makes only what neither the local
 * cache nor the store's records already hold, and writes the manifest the pages render from.
 *
 * An original's bytes are needed only when something made from it is missing or it was never
 * checked: its SHA-256 comes from its Git LFS pointer when the checkout has only pointers (lfs.ts),
 * and what was learnt from its pixels (that its picture data is whole, its size) is kept in the
 * records under the same hash, so each original is read through once, ever.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
// exiftool-vendored pins the exact exiftool release it ships, so its version names exiftool's.
import exiftoolPackage from 'exiftool-vendored/package.json' with { type: 'json' };
import type { LocaleCode } from '../../i18n/locales';
import { siteConfig } from '../../site.config';
import { ContentError, type ContentProblem } from '../content/problems';
import { sha256Sums } from '../packs/pack-texts';
import { damagedPhotoProblem, photoSizeProblems, type PhotoSizeLimits } from '../content/photo-checks';
import { writePressCopy } from '../packs/press-copy';
import type { SiteContent } from '../content/public-content';
import { paths } from '../view/urls';
import { memo } from './memo';
import { packInputsKey, writeZip, type ZipEntry } from '../packs/zip-writer';
import { sha256File } from './files';
import { eventPackPlan, packPhoto, releaseAttachments, releasePackPlan, SUMS_FILE, type PackPhoto, type PackPlan } from '../packs/pack-plan';
import { attachmentFormats, authorFields, authorWarning, formatByName, type AttachmentFormat, type AuthorField } from '../content/attachment-checks';
import { formatProblem, type AuthorLanguage } from '../content/problems';
import { markUsed, pruneUnused } from './cache-pruning';
import { describeOriginal, fetchOriginals, flushHashCaches, type OriginalSource } from './lfs';
import type { AttachmentMedia, Download, MediaManifest, PackMedia, PhotoMedia, WebFormat, WebImage } from './manifest';
import { MANIFEST_FILE, OBJECTS_DIR, ORIGINAL_HASHES_FILE, RECORDS_FILE, REPORT_FILE } from './stage-files';
import { IMMUTABLE, SHORT_CACHED, type MediaObject, type MediaRecords, type MediaStore } from './store';
import { encodeWebImages, encodingConcurrency, webImageSettingsKey, webImageSpecs } from './web-images';
import { checkPictureData, DamagedImageError, decodeForCheck, INTEGRITY_CHECK_VERSION, type OriginalFacts } from './photo-integrity';
import { forEachLimited } from './each-limited';

/** Bump when press copies change for the same inputs (other tags kept, another layout…). */
export const PRESS_COPY_VERSION = 2;
/** Bump when packs change for the same entries. */
const PACK_FORMAT_VERSION = 1;

export interface MediaStageOptions {
  /**
   * What is public, read and checked by `checkSiteContent` (every file, every photo's header),
   * so the stage neither reads the content again nor repeats those checks.
   */
  content: SiteContent;
  /** Where made files (`objects/<key>`), the records and the manifest are kept. */
  cacheDir: string;
  store: MediaStore;
  maxPixels: number;
  /** Photos with a shorter long side are refused (default: `PRESS_MIN_PHOTO_LONG_SIDE`). */
  minLongSide?: number;
  /** Where `git lfs pull` runs: the checkout holding the content. */
  repoDir: string;
  /** Made files no build used for this many days leave the cache. */
  cacheKeepDays: number;
  log?: (line: string) => void;
  /** The language warnings about attachments are printed in (`PRESS_AUTHOR_LANG`). */
  authorLanguage?: AuthorLanguage;
}

/** What the stage did, for the build log and the benchmark. */
export interface MediaStageReport {
  photos: number;
  packs: number;
  /** Photos whose web images were encoded in this run, and how many images that made. */
  photosEncoded: number;
  imagesEncoded: number;
  pressCopiesBuilt: number;
  zipsBuilt: number;
  /**
   * Originals whose picture data was read through in this run to know it is whole (walked, and
   * decoded: by the web-image encoder when it needed them, else on their own). Once found whole,
   * an original is not checked again: its record says so.
   */
  originalsChecked: number;
  /** Originals fetched from Git LFS, and their bytes. */
  originalsFetched: number;
  originalBytesFetched: number;
  /** Press copies brought down from the store to build a ZIP. */
  downloadedFromStore: number;
  /** Bytes written per kind of work, for throughput figures. */
  bytesWritten: { webImages: number; pressCopies: number; zips: number };
  /**
   * Wall seconds of each phase: reading content and hashes, fetching originals, then web images
   * and press copies (at the same time, so their spans overlap), then ZIPs.
   */
  phaseSeconds: { read: number; fetch: number; webImages: number; pressCopies: number; zips: number };
  seconds: number;
}

interface ObjectFacts {
  key: string;
  bytes: number;
  sha256: string;
}
interface ImageFacts extends ObjectFacts {
  width: number;
  height: number;
  format: WebFormat;
}
/** Records, by the hash of what they were made from. */
interface WebRecord {
  kind: 'web';
  images: ImageFacts[];
  card: ImageFacts;
}
interface PressRecord extends ObjectFacts {
  kind: 'press';
  width: number;
  height: number;
}
interface ZipRecord extends ObjectFacts {
  kind: 'zip';
  photoCount: number;
}
/** An original found whole, by its SHA-256: no object of its own, so it counts wherever it is read from. */
interface OriginalRecord extends OriginalFacts {
  kind: 'original';
  /** The INTEGRITY_CHECK_VERSION that found it whole. */
  check: number;
}
/** What an attachment's metadata says about people, by its SHA-256 (the file is published as it is). */
interface AttachmentRecord {
  kind: 'attachment';
  check: number;
  authors: AuthorField[];
}
/** Bump when authorFields() reads more than before. */
const AUTHOR_CHECK_VERSION = 1;
type StageRecord = WebRecord | PressRecord | ZipRecord | OriginalRecord | AttachmentRecord;

function isCurrentOriginalRecord(value: unknown): value is OriginalRecord {
  const record = value as Partial<OriginalRecord> | undefined;
  return record?.kind === 'original' && record.check === INTEGRITY_CHECK_VERSION && Number.isSafeInteger(record.width) && Number.isSafeInteger(record.height);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const contentTypes: Record<WebFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };
const extensions: Record<WebFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };
/** Short, still collision-proof for one site: 80 bits of the input hash. */
const shortHash = (hash: string) => hash.slice(0, 20);

async function readJson<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value));
  await rename(temporary, path);
}

/** Runs the stage; returns the manifest it wrote and what it did. */
export async function runMediaStage(options: MediaStageOptions): Promise<{ manifest: MediaManifest; report: MediaStageReport }> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const { store, cacheDir } = options;
  const objectsDir = join(cacheDir, OBJECTS_DIR);
  const objectPath = (key: string) => join(objectsDir, key);
  const { content } = options;

  // A record counts when its objects are at hand: in the local cache, or (remote records) in the store.
  const localRecords = await readJson<MediaRecords>(join(cacheDir, RECORDS_FILE), {});
  const remoteRecords = store.kind === 's3' ? await store.readRecords() : {};
  const usable = (recordKey: string): StageRecord | undefined => {
    if (remoteRecords[recordKey]) return remoteRecords[recordKey] as StageRecord;
    const local = localRecords[recordKey] as StageRecord | undefined;
    if (!local) return undefined;
    return recordedKeys({ local }).every((key) => existsSync(objectPath(key))) ? local : undefined;
  };
  const records: MediaRecords = {};
  const remember = (recordKey: string, record: StageRecord) => {
    records[recordKey] = record;
    return record;
  };
  // The local records keep what other branches' builds made here too, as long as its files are.
  const saveLocalRecords = async () => {
    const kept = Object.entries({ ...localRecords, ...records }).filter(([, record]) => recordedKeys({ record }).every((key) => existsSync(objectPath(key))));
    await writeJsonAtomically(join(cacheDir, RECORDS_FILE), Object.fromEntries(kept));
  };

  const report: MediaStageReport = {
    photos: content.photos.size,
    packs: 0,
    photosEncoded: 0,
    imagesEncoded: 0,
    pressCopiesBuilt: 0,
    zipsBuilt: 0,
    originalsChecked: 0,
    originalsFetched: 0,
    originalBytesFetched: 0,
    downloadedFromStore: 0,
    bytesWritten: { webImages: 0, pressCopies: 0, zips: 0 },
    phaseSeconds: { read: 0, fetch: 0, webImages: 0, pressCopies: 0, zips: 0 },
    seconds: 0,
  };
  const timed = async <T>(phase: keyof MediaStageReport['phaseSeconds'], work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      report.phaseSeconds[phase] += (performance.now() - start) / 1000;
    }
  };

  // 1. Every published photo: its original's hash (from the file or its LFS pointer) and what it needs.
  const photos = [...content.photos.values()].map((photo) => packPhoto(content, photo));
  const sources = new Map<string, OriginalSource>();
  const hashCacheFile = join(cacheDir, ORIGINAL_HASHES_FILE);
  await forEachLimited(photos, 8, async (photo) => {
    sources.set(photo.id, await describeOriginal(photo.source, { hashCacheFile }));
  });
  // Attachments of published releases only (content holds no other): hashed like originals, and
  // published unchanged, so their committed file is the object.
  const attachments: AttachmentFacts[] = content.releases.flatMap((release) =>
    releaseAttachments(release).map((attachment) => ({ ...attachment, slug: release.slug, fileName: attachment.name.slice(attachment.name.indexOf('/') + 1), format: formatByName(attachment.name)!, key: '', bytes: 0, sha256: '' })),
  );
  await forEachLimited(attachments, 8, async (attachment) => {
    const described = await describeOriginal(attachment.source, { hashCacheFile });
    if (described.pointer) await fetchOriginals([attachment.source], { cwd: options.repoDir });
    Object.assign(attachment, { bytes: described.bytes, sha256: described.sha256, key: `media/files/${shortHash(sha256(`${attachment.slug}\n${attachment.fileName}\n${described.sha256}`))}/${attachment.fileName}` });
  });
  await flushHashCaches();
  // Reading the content and every original's hash: the floor of a build that makes nothing.
  report.phaseSeconds.read = (performance.now() - started) / 1000;
  const specs = webImageSpecs();
  const webSettings = webImageSettingsKey();
  // The photo id is part of the key because it names the files: two photos with the same bytes
  // must not share objects, or one's name could show while the other is still embargoed.
  const webKeyOf = (photo: PackPhoto) => `web:${sha256(`${photo.id}\n${sources.get(photo.id)!.sha256}\n${webSettings}\n${JSON.stringify(specs)}`)}`;
  const pressKeyOf = (photo: PackPhoto) =>
    `press:${packInputsKey({
      formatVersion: `press copy ${PRESS_COPY_VERSION}, exiftool-vendored ${exiftoolPackage.version}`,
      files: [{ name: photo.meta.fileName, sha256: sources.get(photo.id)!.sha256 }],
      metadata: photo.meta,
    })}`;

  // Headers of fetched originals were checked with the content; damage, and the size of an
  // original that is only a Git LFS pointer here, are known once its bytes were read.
  const limits: PhotoSizeLimits = { maxPixels: options.maxPixels, minLongSide: options.minLongSide ?? siteConfig.minPhotoLongSide };
  const captionOf = (photo: PackPhoto) => relative(process.cwd(), resolve(content.photos.get(photo.id)!.filePath!));
  const shownImage = (photo: PackPhoto) => `./${relative(dirname(resolve(captionOf(photo))), photo.source)}`;
  const problems: ContentProblem[] = [];
  const refused = new Set<PackPhoto>();
  const refuse = (photo: PackPhoto, found: ContentProblem[]) => {
    if (found.length === 0) return false;
    problems.push(...found);
    refused.add(photo);
    return true;
  };
  const originalKeyOf = (photo: PackPhoto) => `original:${sources.get(photo.id)!.sha256}`;
  const known = new Map<PackPhoto, OriginalRecord>();
  for (const photo of photos) {
    const found = [localRecords[originalKeyOf(photo)], remoteRecords[originalKeyOf(photo)]].find(isCurrentOriginalRecord);
    if (!found) continue;
    known.set(photo, found);
    records[originalKeyOf(photo)] = found;
    if (sources.get(photo.id)!.pointer && !refused.has(photo)) refuse(photo, photoSizeProblems(captionOf(photo), shownImage(photo), found, limits));
  }

  const candidates = photos.filter((photo) => !refused.has(photo));
  const needsWeb = candidates.filter((photo) => !usable(webKeyOf(photo)));
  const needsPress = candidates.filter((photo) => !usable(pressKeyOf(photo)));
  // Originals no build has found whole yet; those whose web images are made now are checked on the way.
  const needsCheck = candidates.filter((photo) => !known.has(photo));
  const needsOriginal = [...new Set([...needsWeb, ...needsPress, ...needsCheck])];

  // 2. Originals that are still LFS pointers are fetched, all in one go, only when something needs them.
  const pointers = needsOriginal.filter((photo) => sources.get(photo.id)!.pointer);
  if (pointers.length > 0) {
    log(`fetching ${pointers.length} original(s) from Git LFS`);
    await timed('fetch', () => fetchOriginals(pointers.map((photo) => photo.source), { cwd: options.repoDir }));
    for (const photo of pointers) {
      const before = sources.get(photo.id)!;
      report.originalsFetched += 1;
      report.originalBytesFetched += before.bytes;
    }
  }

  const makeWebImages = async (photo: PackPhoto, original: Buffer, label: string) => {
    const made = await encodeWebImages(original, specs, { maxPixels: options.maxPixels, label });
    const hash = shortHash(webKeyOf(photo).slice(4));
    const images = new Map<string, ImageFacts>();
    let card: ImageFacts | undefined;
    for (const variant of made) {
      // The card is the one exact crop; a narrow original can give two ladder rungs one width.
      const name = variant.spec.height ? `${photo.id}-card` : `${photo.id}-${variant.width}`;
      const key = `media/img/${hash}/${name}.${extensions[variant.spec.format]}`;
      const facts: ImageFacts = { key, bytes: variant.data.length, sha256: sha256(variant.data), width: variant.width, height: variant.height, format: variant.spec.format };
      if (variant.spec.height) card = facts;
      else if (images.has(key)) continue;
      else images.set(key, facts);
      await writeObject(objectPath(key), variant.data);
    }
    if (!card) throw new Error('Internal: the web image settings make no social card (a spec with a height)');
    report.photosEncoded += 1;
    report.imagesEncoded += images.size + 1;
    report.bytesWritten.webImages += [...images.values(), card].reduce((sum, image) => sum + image.bytes, 0);
    remember(webKeyOf(photo), { kind: 'web', images: [...images.values()], card });
  };

  // 3. Originals checked, web images and press copies. A press copy waits until its original is
  // known whole: exiftool stops on a truncated file with an error of its own, and a copy of a
  // damaged one must not be published.
  const verdicts = new Map<PackPhoto, { whole: Promise<boolean>; settle: (whole: boolean) => void }>();
  for (const photo of needsCheck) {
    let settle!: (whole: boolean) => void;
    const whole = new Promise<boolean>((done) => (settle = done));
    verdicts.set(photo, { whole, settle });
  }
  const webSet = new Set(needsWeb);
  const readThrough = candidates.filter((photo) => webSet.has(photo) || verdicts.has(photo));
  const exiftool = needsPress.length > 0 ? new ExifTool({ maxProcs: availableParallelism() }) : undefined;
  try {
    // The checks run with the web images, one photo per core: a check is a read-through like an encode.
    const encoding = timed('webImages', async () => {
      try {
        await forEachLimited(readThrough, encodingConcurrency(), async (photo) => {
          const label = relative(process.cwd(), photo.source);
          const verdict = verdicts.get(photo);
          try {
            const original = await readFile(photo.source);
            let learnt: OriginalFacts | undefined;
            if (verdict) {
              report.originalsChecked += 1;
              learnt = await checkPictureData(original, label);
              // The header of an original that was a pointer is read only now.
              if (sources.get(photo.id)!.pointer && refuse(photo, photoSizeProblems(captionOf(photo), shownImage(photo), learnt, limits))) {
                verdict.settle(false);
                return;
              }
              // The decode that completes the check is the web-image encoder's, when it runs.
              if (!webSet.has(photo)) await decodeForCheck(original, { maxPixels: options.maxPixels, label });
            }
            if (webSet.has(photo)) await makeWebImages(photo, original, label);
            if (verdict && learnt) {
              remember(originalKeyOf(photo), { kind: 'original', check: INTEGRITY_CHECK_VERSION, width: learnt.width, height: learnt.height });
              verdict.settle(true);
            }
          } catch (error) {
            verdict?.settle(false);
            if (!(error instanceof DamagedImageError)) throw error;
            refuse(photo, [damagedPhotoProblem(captionOf(photo), shownImage(photo), error.damage)]);
          }
        });
      } finally {
        // Photos the loop never reached (it stops at an unexpected error) hold no press copy back.
        for (const verdict of verdicts.values()) verdict.settle(false);
      }
    });
    const pressing = timed('pressCopies', () => forEachLimited(needsPress, availableParallelism(), async (photo) => {
      if (!(await (verdicts.get(photo)?.whole ?? true))) return;
      const recordKey = pressKeyOf(photo);
      const key = `media/originals/${shortHash(recordKey.slice(6))}/${photo.id}.jpg`;
      const path = objectPath(key);
      await mkdir(dirname(path), { recursive: true });
      const made = await writePressCopy(photo.source, path, photo.meta, { exiftool, maxPixels: options.maxPixels });
      report.pressCopiesBuilt += 1;
      report.bytesWritten.pressCopies += made.size;
      remember(recordKey, { kind: 'press', key, bytes: made.size, sha256: made.sha256, width: made.width, height: made.height });
    }));
    await Promise.all([encoding, pressing]);
  } finally {
    await exiftool?.end();
  }
  await warnAboutAuthors(attachments, { usable, remember, log, language: options.authorLanguage ?? 'en' });
  if (problems.length > 0) {
    // What was made for the other photos is kept: the build after the fix makes only what is missing.
    await saveLocalRecords();
    throw new ContentError(problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  }
  const record = <T extends StageRecord>(recordKey: string) => (records[recordKey] ?? usable(recordKey)) as T;
  for (const photo of photos) {
    records[webKeyOf(photo)] ??= record(webKeyOf(photo));
    records[pressKeyOf(photo)] ??= record(pressKeyOf(photo));
  }

  // 4. ZIPs: their keys need only the press copies' hashes; their bytes, the press copies themselves.
  const plans = [
    ...content.releases.map((release) => releasePackPlan(content, release)),
    ...[...content.events.keys()].map((eventId) => eventPackPlan(content, eventId)),
  ].filter((plan): plan is PackPlan => plan !== undefined);
  report.packs = plans.length;
  // A press copy that only the store holds, brought down once however many packs need it, and
  // checked: the pack's SHA256SUMS is written from its record, so a damaged copy must not pass.
  const downloads = new Map<string, Promise<void>>();
  const fromStore = (copy: PressRecord) =>
    memo(downloads, copy.key, async () => {
      const path = objectPath(copy.key);
      if (existsSync(path)) return;
      await store.download(copy.key, path);
      report.downloadedFromStore += 1;
      const actual = await sha256File(path);
      if (actual !== copy.sha256) {
        await rm(path, { force: true });
        throw new Error(`${store.description} holds a damaged ${copy.key} (its SHA-256 is not the one recorded when it was made); delete that object and build again, which makes it anew`);
      }
    });
  const packRecords = new Map<string, ZipRecord>();
  await timed('zips', () => forEachLimited(plans, 2, async (plan) => {
    const copies = plan.photos.map((photo) => record<PressRecord>(pressKeyOf(photo)));
    const texts = plan.texts.map((text) => ({ name: text.name, data: Buffer.from(text.text, 'utf8') }));
    const attached = plan.attachments.map((attachment) => attachments.find((facts) => facts.source === attachment.source)!);
    const listed = [
      ...plan.photos.map((photo, index) => ({ name: photo.meta.fileName, sha256: copies[index]!.sha256 })),
      ...attached.map((attachment) => ({ name: attachment.name, sha256: attachment.sha256 })),
      ...texts.map((text) => ({ name: text.name, sha256: sha256(text.data) })),
    ];
    const sums = Buffer.from(sha256Sums(listed), 'utf8');
    const recordKey = `zip:${packInputsKey({
      // Deflated entries are only reproducible with the same zlib.
      formatVersion: `pack ${PACK_FORMAT_VERSION}, zlib ${process.versions.zlib}`,
      files: [...listed, { name: SUMS_FILE, sha256: sha256(sums) }],
      metadata: { modifiedAt: plan.modifiedAt },
    })}`;
    const known = usable(recordKey) as ZipRecord | undefined;
    if (known) {
      packRecords.set(plan.href, (records[recordKey] = known) as ZipRecord);
      return;
    }
    for (const copy of copies) await fromStore(copy);
    const key = `media/packs/${shortHash(recordKey.slice(4))}/${plan.href.slice(plan.href.lastIndexOf('/') + 1)}`;
    const entries: ZipEntry[] = [
      ...plan.photos.map((photo, index) => ({ name: photo.meta.fileName, source: { path: objectPath(copies[index]!.key) } })),
      ...attached.map((attachment) => ({ name: attachment.name, source: { path: attachment.source } })),
      ...texts.map((text) => ({ name: text.name, source: { data: text.data } })),
      { name: SUMS_FILE, source: { data: sums } },
    ];
    await mkdir(dirname(objectPath(key)), { recursive: true });
    const written = await writeZip(objectPath(key), entries, { modifiedAt: plan.modifiedAt });
    report.zipsBuilt += 1;
    report.bytesWritten.zips += written.size;
    packRecords.set(plan.href, remember(recordKey, { kind: 'zip', key, bytes: written.size, sha256: written.sha256, photoCount: plan.photos.length }) as ZipRecord);
  }));

  const manifest = buildManifest(store, photos, plans, attachments, {
    web: (photo) => records[webKeyOf(photo)] as WebRecord,
    press: (photo) => records[pressKeyOf(photo)] as PressRecord,
    pack: (plan) => packRecords.get(plan.href)!,
    file: objectPath,
  });
  // File times are the machine's, so the real clock here, not the build's PRESS_NOW.
  const clock = new Date();
  await markUsed(recordedKeys(records).map(objectPath), clock);
  const pruned = await pruneUnused(objectsDir, { now: clock, keepDays: options.cacheKeepDays });
  if (pruned.removed > 0) log(`removed ${pruned.removed} cached files no build used in ${options.cacheKeepDays} days (${(pruned.bytes / 1e6).toFixed(1)} MB)`);
  await saveLocalRecords();
  report.seconds = (performance.now() - started) / 1000;
  await writeJsonAtomically(join(cacheDir, MANIFEST_FILE), manifest);
  await writeJsonAtomically(join(cacheDir, REPORT_FILE), report);
  log(
    `${report.photos} photos, ${report.packs} packs: checked ${report.originalsChecked} originals, encoded ${report.photosEncoded} photos (${report.imagesEncoded} images), ` +
      `built ${report.pressCopiesBuilt} press copies and ${report.zipsBuilt} ZIPs, fetched ${report.originalsFetched} originals ` +
      `(${(report.originalBytesFetched / 1e6).toFixed(1)} MB), downloaded ${report.downloadedFromStore} from the store, in ${report.seconds.toFixed(1)} s`,
  );
  return { manifest, report };
}

/** The object keys the records describe. */
function recordedKeys(records: MediaRecords): string[] {
  return Object.values(records).flatMap((value) => {
    const record = value as StageRecord;
    if (record.kind === 'original' || record.kind === 'attachment') return [];
    return record.kind === 'web' ? [...record.images, record.card].map((image) => image.key) : [record.key];
  });
}

async function writeObject(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** A published attachment: where it is committed, its name in packs and on the site, its facts. */
interface AttachmentFacts extends ObjectFacts {
  slug: string;
  /** `files/<file name>`, as in the pack. */
  name: string;
  fileName: string;
  source: string;
  format: AttachmentFormat;
}

/**
 * Prints, as warnings, the names of people found in attachments' metadata (an author, a last
 * editor): often left there by the office software, not always meant to be public. Read once per
 * file: the record under its SHA-256 remembers what was found.
 */
async function warnAboutAuthors(
  attachments: AttachmentFacts[],
  { usable, remember, log, language }: { usable: (key: string) => StageRecord | undefined; remember: (key: string, record: StageRecord) => StageRecord; log: (line: string) => void; language: AuthorLanguage },
): Promise<void> {
  let exiftool: ExifTool | undefined;
  try {
    for (const attachment of attachments) {
      const recordKey = `attachment:${attachment.format}:${attachment.sha256}`;
      let known = usable(recordKey) as AttachmentRecord | undefined;
      if (known?.check !== AUTHOR_CHECK_VERSION) {
        if (attachment.format === 'pdf') exiftool ??= new ExifTool({ maxProcs: 1 });
        known = { kind: 'attachment', check: AUTHOR_CHECK_VERSION, authors: await authorFields(attachment.source, attachment.format, exiftool!) };
      }
      remember(recordKey, known);
      if (known.authors.length > 0) log(`warning: ${formatProblem(authorWarning(relative(process.cwd(), attachment.source), attachment.format, known.authors), language)}`);
    }
  } finally {
    await exiftool?.end();
  }
}

interface RecordLookup {
  web: (photo: PackPhoto) => WebRecord;
  press: (photo: PackPhoto) => PressRecord;
  pack: (plan: PackPlan) => ZipRecord;
  file: (key: string) => string;
}

/**
 * What pages need, with URLs for this store. With the local store, downloads keep their
 * site paths (`/photos/originals/<id>.jpg`) and exist once; with a bucket, pages link the
 * immutable content-addressed objects, and the stable paths are kept current beside them for
 * links already sent around.
 */
function buildManifest(store: MediaStore, photos: PackPhoto[], plans: PackPlan[], attachments: AttachmentFacts[], lookup: RecordLookup): MediaManifest {
  const objects = new Map<string, MediaObject>();
  const add = (facts: ObjectFacts, contentType: string, options: { downloadName?: string; stableKey?: string; file?: string } = {}) => {
    const common = { file: options.file ?? lookup.file(facts.key), sha256: facts.sha256, bytes: facts.bytes, contentType, downloadName: options.downloadName };
    if (store.kind === 'local' && options.stableKey) {
      objects.set(options.stableKey, { ...common, key: options.stableKey, cacheControl: SHORT_CACHED });
      return store.url(options.stableKey);
    }
    objects.set(facts.key, { ...common, key: facts.key, cacheControl: IMMUTABLE });
    if (options.stableKey) objects.set(options.stableKey, { ...common, key: options.stableKey, cacheControl: SHORT_CACHED });
    return store.url(facts.key);
  };
  const image = (facts: ImageFacts): WebImage => ({ url: add(facts, contentTypes[facts.format]), width: facts.width, height: facts.height, format: facts.format, bytes: facts.bytes });
  const download = (facts: ObjectFacts, contentType: string, sitePath: string, file?: string): Download => {
    const fileName = sitePath.slice(sitePath.lastIndexOf('/') + 1);
    return { url: add(facts, contentType, { downloadName: fileName, stableKey: sitePath.slice(1), file }), fileName, bytes: facts.bytes, sha256: facts.sha256 };
  };

  const photoMedia: Record<string, PhotoMedia> = {};
  for (const photo of photos) {
    const web = lookup.web(photo);
    const press = lookup.press(photo);
    photoMedia[photo.id] = {
      images: web.images.map(image),
      card: image(web.card),
      original: { ...download(press, 'image/jpeg', paths.original(photo.id)), width: press.width, height: press.height },
    };
  }
  const packs: Record<string, PackMedia> = {};
  for (const plan of plans) {
    const zip = lookup.pack(plan);
    packs[plan.href] = { ...download(zip, 'application/zip', plan.href), photoCount: zip.photoCount, credits: plan.credits as Record<LocaleCode, string> };
  }
  const attachmentMedia: Record<string, AttachmentMedia> = {};
  for (const attachment of attachments) {
    const sitePath = paths.attachment(attachment.slug, attachment.fileName);
    const { label, contentType } = attachmentFormats[attachment.format];
    attachmentMedia[sitePath] = { ...download(attachment, contentType, sitePath, attachment.source), format: label, contentType };
  }
  return { version: 1, store: store.kind, origin: store.origin, photos: photoMedia, packs, attachments: attachmentMedia, objects: [...objects.values()].sort((a, b) => (a.key < b.key ? -1 : 1)) };
}
