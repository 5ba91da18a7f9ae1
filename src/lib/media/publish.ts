/**
 * Publishing media: make the store hold every object the manifest lists, with the right bytes and
 * headers, then record what was made. It is safe to stop at any moment and run again: the store's
 * listing says what is already there, and the records are written only once every object they can
 * describe is in place and checked.
 */
import { appendFile, readFile, rm } from 'node:fs/promises';
import type { MediaManifest } from './manifest';
import { RECORDS_KEY, UNREFERENCED_KEY, attachmentDisposition, isBookkeeping, type ListedObject, type MediaObject, type MediaRecords, type MediaStore, type ObjectHead } from './store';
import { forEachLimited } from './each-limited';

/** Keys under this prefix are content-addressed: the key names the bytes, so they never change. */
const CONTENT_ADDRESSED_PREFIX = 'media/';

/** Whether `key` is content-addressed (trusted by key and size) rather than stable (compared by hash). */
const isContentAddressed = (key: string) => key.startsWith(CONTENT_ADDRESSED_PREFIX);

/**
 * Objects uploaded at once unless `batchSize` says otherwise. Each object costs two round trips
 * (upload, then check), so against a distant bucket throughput grows almost linearly with this
 * (40 ms RTT: 10 objects/s at 1, 37 at 4, 73 at 8, 115 at 16); memory is bounded by the store's
 * buffering, at most about 16 MiB (whole uploads) or 4 × 8 MiB (parts) per object in flight.
 */
const UPLOAD_CONCURRENCY = 8;

export interface PublishProgress {
  /** Objects uploaded or copied (and checked) so far. */
  done: number;
  /** Objects this run has to upload. */
  total: number;
  /** Bytes sent so far. */
  bytes: number;
}

export interface PublishOptions {
  /** What this build made; its `objects` are what the store must hold. */
  manifest: MediaManifest;
  /**
   * The records of the build's cache (`<cacheDir>/records.json`), merged over the store's own. The
   * cache also remembers what other branches' builds made; with `recordKeys`, a record is merged
   * only when every object it names is in the store.
   */
  localRecords: MediaRecords;
  store: MediaStore;
  /** Delete objects that publishes have found unreferenced for more than `graceDays` whole days before `now`. */
  deleteUnreferenced?: { graceDays: number };
  /** The moment the grace period is counted back from (default: the clock). */
  now?: Date;
  /** Objects uploaded at once (default UPLOAD_CONCURRENCY). */
  batchSize?: number;
  /** Called once before the first upload and after each one. */
  onProgress?: (progress: PublishProgress) => void;
  /**
   * A file to note each checked upload in. After a crash, the next run trusts stable keys noted
   * there (with the same hash and size) without asking the store for their headers. It is removed
   * once a run has finished.
   */
  journalFile?: string;
  /**
   * The keys of the objects a record describes. When given, the merged records leave out local
   * records whose objects the store lacks and records of objects this run deletes, so that no
   * record claims an object that is not there. Without it, every record is merged.
   */
  recordKeys?: (record: unknown) => Iterable<string>;
}

export interface PublishCount {
  /** Objects. */
  count: number;
  /** Their bytes. */
  bytes: number;
}

export interface PublishResult {
  /** Objects this run uploaded: their bytes were sent. */
  uploaded: PublishCount;
  /** Stable keys this run made by copying their content-addressed twin inside the store: no bytes sent. */
  copied: PublishCount;
  /** Objects the store already held. */
  skipped: PublishCount;
  /** Objects the manifest does not list (content-addressed and stable keys), by key. */
  unreferenced: ListedObject[];
  /** The unreferenced objects this run deleted. */
  deleted: ListedObject[];
}

/** One header (or the size) of an uploaded object that differs from what was sent. */
export interface Mismatch {
  /** The object's key. */
  key: string;
  /** `bytes`, `sha256`, `contentType`, `cacheControl`, `contentDisposition`, or `missing` when the store does not have it. */
  field: keyof ObjectHead | 'missing';
  /** What was sent. */
  expected?: string | number;
  /** What the store reports. */
  actual?: string | number;
}

/** Uploaded objects that the store reports differently from how they were sent. */
export class PublishVerificationError extends Error {
  override name = 'PublishVerificationError';
  /** Every difference found. */
  readonly mismatches: Mismatch[];

  constructor(mismatches: Mismatch[]) {
    const keys = new Set(mismatches.map((mismatch) => mismatch.key));
    const lines = mismatches
      .slice(0, 20)
      .map((m) => (m.field === 'missing' ? `  ${m.key}: not in the store after its upload` : `  ${m.key}: ${m.field} is ${show(m.actual)}, expected ${show(m.expected)}`));
    super(
      `${keys.size} uploaded object(s) do not read back as they were sent; the media records were not updated:\n${lines.join('\n')}` +
        (mismatches.length > 20 ? `\n  … and ${mismatches.length - 20} more` : ''),
    );
    this.mismatches = mismatches;
  }
}

const show = (value: string | number | undefined) => (value === undefined ? '(none)' : JSON.stringify(value));

/** What the store should report for `object`. */
function expectedHead(object: MediaObject): Required<Omit<ObjectHead, 'contentDisposition'>> & Pick<ObjectHead, 'contentDisposition'> {
  return {
    bytes: object.bytes,
    sha256: object.sha256.toLowerCase(),
    contentType: object.contentType,
    cacheControl: object.cacheControl,
    contentDisposition: object.downloadName ? attachmentDisposition(object.downloadName) : undefined,
  };
}

/** The differences between `head` and `object`; fields the store does not keep count only when it says it keeps them. */
function compareHead(object: MediaObject, head: ObjectHead | undefined, keepsHeaders: boolean): Mismatch[] {
  if (!head) return [{ key: object.key, field: 'missing' }];
  const expected = expectedHead(object);
  const fields: (keyof ObjectHead)[] = keepsHeaders ? ['bytes', 'sha256', 'contentType', 'cacheControl', 'contentDisposition'] : ['bytes', 'sha256'];
  const mismatches: Mismatch[] = [];
  for (const field of fields) {
    const actual = field === 'sha256' ? head.sha256?.toLowerCase() : head[field];
    // A store that keeps no hash cannot contradict one.
    if (field === 'sha256' && !keepsHeaders && actual === undefined) continue;
    if (actual !== expected[field]) mismatches.push({ key: object.key, field, expected: expected[field], actual });
  }
  return mismatches;
}

interface JournalEntry {
  key: string;
  sha256: string;
  bytes: number;
}

async function readJournal(file: string | undefined): Promise<Map<string, JournalEntry>> {
  const entries = new Map<string, JournalEntry>();
  if (!file) return entries;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return entries;
    throw error;
  }
  for (const line of text.split('\n')) {
    // A crash can cut the last line short; such a line is simply not trusted.
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.key === 'string' && typeof entry.sha256 === 'string' && typeof entry.bytes === 'number') entries.set(entry.key, entry);
    } catch {
      continue;
    }
  }
  return entries;
}

/** The manifest's objects, one per key; two different objects under one key are a bug in the media stage. */
function uniqueObjects(manifest: MediaManifest): MediaObject[] {
  const byKey = new Map<string, MediaObject>();
  for (const object of manifest.objects) {
    if (object.key === RECORDS_KEY) throw new Error(`the media manifest lists ${RECORDS_KEY}, the store's own records file, as an object`);
    const seen = byKey.get(object.key);
    if (seen && (seen.sha256 !== object.sha256 || seen.bytes !== object.bytes)) {
      throw new Error(`the media manifest lists ${object.key} twice with different contents (${seen.file} and ${object.file}); run npm run build again`);
    }
    byKey.set(object.key, object);
  }
  return [...byKey.values()];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long to wait between reads of an upload that does not yet read back as sent. */
const READ_BACK_DELAYS_MS = [50, 200, 800, 2000];

/**
 * The differences between `object` and what the store reports for it once it has settled. Some
 * stores answer an upload before the object can be read whole: s3rver responds to a PUT while it
 * is still writing the file (1 object in 24,100 read back short in a benchmark run), and some
 * S3-compatible services are only eventually consistent after an overwrite. So a mismatch is read
 * again a few times, for about three seconds in all, before it counts.
 */
async function readBack(store: MediaStore, object: MediaObject): Promise<Mismatch[]> {
  let found = compareHead(object, await store.head(object.key), store.keepsHeaders);
  for (const delay of READ_BACK_DELAYS_MS) {
    if (found.length === 0) break;
    await new Promise((done) => setTimeout(done, delay));
    found = compareHead(object, await store.head(object.key), store.keepsHeaders);
  }
  return found;
}


/** Uploads what the store lacks, checks it, writes the merged records, and lists (or deletes) unreferenced objects. */
export async function publishMedia(options: PublishOptions): Promise<PublishResult> {
  const { store, manifest } = options;
  const concurrency = options.batchSize ?? UPLOAD_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`batchSize must be a whole number of at least 1, not ${concurrency}`);
  const graceDays = options.deleteUnreferenced?.graceDays;
  if (graceDays !== undefined && (!Number.isInteger(graceDays) || graceDays < 1)) {
    throw new Error(`the grace period must be a whole number of days, at least 1, not ${graceDays}`);
  }
  const objects = uniqueObjects(manifest);

  const listing = new Map<string, ListedObject>();
  for await (const item of store.list()) listing.set(item.key, item);
  const remoteRecords = await store.readRecords();
  const journal = await readJournal(options.journalFile);

  // Which objects the store already holds, as far as the cheapest sufficient evidence shows.
  const toUpload: MediaObject[] = [];
  const toCompare: MediaObject[] = [];
  let skipped: PublishCount = { count: 0, bytes: 0 };
  const skip = (object: MediaObject) => {
    skipped = { count: skipped.count + 1, bytes: skipped.bytes + object.bytes };
  };
  for (const object of objects) {
    const listed = listing.get(object.key);
    const noted = journal.get(object.key);
    if (!listed || listed.bytes !== object.bytes) toUpload.push(object);
    else if (isContentAddressed(object.key)) skip(object);
    else if (noted && noted.sha256 === object.sha256 && noted.bytes === object.bytes) skip(object);
    else toCompare.push(object);
  }
  // Stable keys keep their name when their bytes change, and a new version may well have the same
  // size, so their headers (and hash) decide.
  await forEachLimited(toCompare, concurrency, async (object) => {
    const head = await store.head(object.key);
    const stale = compareHead(object, head, store.keepsHeaders).length > 0 || (!store.keepsHeaders && head?.sha256 === undefined);
    if (stale) toUpload.push(object);
    else skip(object);
  });

  // A stable key holds the same bytes as a content-addressed twin: once the twin is in the store,
  // the store copies it (no bytes sent twice, and a fresh clone that made nothing needs no file).
  const inStoreByHash = new Map<string, string>();
  const noteInStore = (object: MediaObject) => {
    if (isContentAddressed(object.key)) inStoreByHash.set(`${object.sha256}/${object.bytes}`, object.key);
  };
  for (const object of objects) if (listing.get(object.key)?.bytes === object.bytes) noteInStore(object);

  let uploaded: PublishCount = { count: 0, bytes: 0 };
  let copied: PublishCount = { count: 0, bytes: 0 };
  const mismatches: Mismatch[] = [];
  options.onProgress?.({ done: 0, total: toUpload.length, bytes: 0 });
  const send = async (object: MediaObject) => {
    const twin = isContentAddressed(object.key) ? undefined : inStoreByHash.get(`${object.sha256}/${object.bytes}`);
    try {
      if (twin) await store.copy(twin, object);
      else await store.put(object);
    } catch (error) {
      throw error instanceof Error && error.message.includes(object.key)
        ? error
        : new Error(`uploading ${object.key} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const found = await readBack(store, object);
    mismatches.push(...found);
    if (found.length === 0) noteInStore(object);
    if (found.length === 0 && options.journalFile) {
      await appendFile(options.journalFile, `${JSON.stringify({ key: object.key, sha256: object.sha256, bytes: object.bytes } satisfies JournalEntry)}\n`);
    }
    if (twin) copied = { count: copied.count + 1, bytes: copied.bytes + object.bytes };
    else uploaded = { count: uploaded.count + 1, bytes: uploaded.bytes + object.bytes };
    options.onProgress?.({ done: uploaded.count + copied.count, total: toUpload.length, bytes: uploaded.bytes });
  };
  await forEachLimited(toUpload.filter((object) => isContentAddressed(object.key)), concurrency, send);
  await forEachLimited(toUpload.filter((object) => !isContentAddressed(object.key)), concurrency, send);
  if (mismatches.length > 0) throw new PublishVerificationError(mismatches);

  // Unreferenced: what this build's pages do not link, stable keys of withdrawn releases included.
  // The grace period counts from the first publish that found an object unreferenced, not from its
  // upload: the pages still live when this runs (they are deployed after it) may link it.
  const wanted = new Set(objects.map((object) => object.key));
  const unreferenced = [...listing.values()]
    .filter((item) => !isBookkeeping(item.key) && !wanted.has(item.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const now = options.now ?? new Date();
  const previousSince = (await store.readRecords(UNREFERENCED_KEY)) as Record<string, string>;
  const since = Object.fromEntries(unreferenced.map((item) => [item.key, previousSince[item.key] ?? now.toISOString()]));
  const toDelete = graceDays === undefined ? [] : unreferenced.filter((item) => now.getTime() - Date.parse(since[item.key]!) > graceDays * DAY_MS);

  // Records go last, once every object they may describe is in place; and before any deletion,
  // without the records of what is about to go.
  const merged: MediaRecords = { ...remoteRecords };
  const recordKeys = options.recordKeys;
  const inStore = new Set([...listing.keys(), ...wanted]);
  for (const [inputHash, record] of Object.entries(options.localRecords)) {
    // A record of another branch's build whose objects were never published stays local.
    if (!recordKeys || [...recordKeys(record)].every((key) => inStore.has(key))) merged[inputHash] = record;
  }
  if (toDelete.length > 0 && recordKeys) {
    const going = new Set(toDelete.map((item) => item.key));
    for (const [inputHash, record] of Object.entries(merged)) {
      if ([...recordKeys(record)].some((key) => going.has(key))) delete merged[inputHash];
    }
  }
  if (JSON.stringify(merged) !== JSON.stringify(remoteRecords)) await store.writeRecords(merged);

  if (toDelete.length > 0) await store.remove(toDelete.map((item) => item.key));
  for (const item of toDelete) delete since[item.key];
  if (JSON.stringify(since) !== JSON.stringify(previousSince)) await store.writeRecords(since, UNREFERENCED_KEY);
  if (options.journalFile) await rm(options.journalFile, { force: true });

  return { uploaded, copied, skipped, unreferenced, deleted: toDelete };
}
