import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { MediaManifest } from '../../../src/lib/media/manifest';
import { LocalStore } from '../../../src/lib/media/local-store';
import { PublishVerificationError, publishMedia, type PublishOptions } from '../../../src/lib/media/publish';
import { S3Store } from '../../../src/lib/media/s3-store';
import { IMMUTABLE, RECORDS_KEY, SHORT_CACHED, UNREFERENCED_KEY, attachmentDisposition, type ListedObject, type MediaObject, type MediaStore } from '../../../src/lib/media/store';
import { startS3Server, type TestS3Server } from '../../helpers/s3-server';

const projectRoot = resolve(import.meta.dirname, '../../..');
const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let server: TestS3Server;
const savedEnv = { ...process.env };
const stores: S3Store[] = [];
let bucketCount = 0;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fileObject(key: string, bytes: Buffer, extra: Partial<MediaObject> = {}): Promise<MediaObject> {
  const file = join(dir, 'files', `${randomBytes(6).toString('hex')}-${key.split('/').pop()}`);
  await mkdir(join(dir, 'files'), { recursive: true });
  await writeFile(file, bytes);
  return { key, file, sha256: sha256(bytes), bytes: bytes.length, contentType: 'image/jpeg', cacheControl: IMMUTABLE, ...extra };
}

/** What a release with one photo publishes in S3 mode: web images, a press copy, a ZIP and their stable copies. */
async function releaseObjects(): Promise<MediaObject[]> {
  const original = randomBytes(40_000);
  const zip = randomBytes(60_000);
  return [
    await fileObject('media/img/1a2b/ntca-visit-480.webp', randomBytes(3_000), { contentType: 'image/webp' }),
    await fileObject('media/img/1a2b/ntca-visit-960.webp', randomBytes(9_000), { contentType: 'image/webp' }),
    await fileObject('media/originals/3c4d/ntca-visit.jpg', original, { downloadName: '서울디지털재단-타이베이.jpg' }),
    await fileObject('media/packs/5e6f/scse-2023-taipei.zip', zip, { contentType: 'application/zip', downloadName: 'scse-2023 보도사진.zip' }),
    await fileObject('photos/originals/ntca-visit.jpg', original, { cacheControl: SHORT_CACHED, downloadName: '서울디지털재단-타이베이.jpg' }),
    await fileObject('packs/releases/scse-2023-taipei.zip', zip, { contentType: 'application/zip', cacheControl: SHORT_CACHED, downloadName: 'scse-2023 보도사진.zip' }),
  ];
}

const manifestOf = (objects: MediaObject[], origin?: string): MediaManifest => ({ version: 1, store: 's3', origin, photos: {}, packs: {}, objects });

/** A store on a bucket of its own, so tests do not see each other's objects. */
async function freshS3Store(): Promise<S3Store> {
  const bucket = `publish-${++bucketCount}`;
  const probe = new S3Store({ s3: server.settings.s3!, publicUrl: server.settings.publicUrl! });
  await probe.client.send(new CreateBucketCommand({ Bucket: bucket }));
  probe.close();
  const store = new S3Store({ s3: { ...server.settings.s3!, bucket }, publicUrl: `${server.endpoint}/${bucket}` });
  stores.push(store);
  return store;
}

async function listAll(store: MediaStore): Promise<Map<string, ListedObject>> {
  const found = new Map<string, ListedObject>();
  for await (const item of store.list()) found.set(item.key, item);
  return found;
}

/** What a reader gets from the object's URL. */
async function fetched(url: string) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  return {
    sha256: sha256(body),
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    contentDisposition: response.headers.get('content-disposition'),
  };
}

/** Wraps a store to log the calls that change it, and to fail or lie on request. */
function watched(store: MediaStore, options: { failAfterPuts?: number; lieAbout?: string; shortReadsOf?: string } = {}) {
  let shortReads = 1;
  const calls: string[] = [];
  let puts = 0;
  const wrapper: MediaStore = {
    kind: store.kind,
    keepsHeaders: store.keepsHeaders,
    description: store.description,
    origin: store.origin,
    url: (key) => store.url(key),
    list: (prefix) => store.list(prefix),
    async head(key) {
      calls.push(`head ${key}`);
      const head = await store.head(key);
      // A store that answers the upload before the whole object can be read (as s3rver does).
      if (head && key === options.shortReadsOf && shortReads-- > 0) return { ...head, bytes: head.bytes - 4096 };
      return head && key === options.lieAbout ? { ...head, cacheControl: 'no-cache' } : head;
    },
    async put(object) {
      if (options.failAfterPuts !== undefined && puts >= options.failAfterPuts) throw new Error('the network went away');
      puts++;
      calls.push(`put ${object.key}`);
      await store.put(object);
    },
    async copy(sourceKey, object) {
      if (options.failAfterPuts !== undefined && puts >= options.failAfterPuts) throw new Error('the network went away');
      puts++;
      calls.push(`copy ${sourceKey} ${object.key}`);
      await store.copy(sourceKey, object);
    },
    download: (key, file) => store.download(key, file),
    async remove(keys) {
      calls.push(`remove ${keys.join(',')}`);
      await store.remove(keys);
    },
    readRecords: (key) => store.readRecords(key),
    async writeRecords(records, key) {
      calls.push(key && key !== RECORDS_KEY ? `writeRecords ${key}` : 'writeRecords');
      await store.writeRecords(records, key);
    },
  };
  return { store: wrapper, calls };
}

beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'media-publish-'));
  server = await startS3Server();
  Object.assign(process.env, server.env);
});

afterAll(async () => {
  for (const store of stores) store.close();
  await server?.stop();
  process.env = savedEnv;
  await rm(dir, { recursive: true, force: true });
});

describe('publishMedia to s3rver', () => {
  test('uploads everything, checks it, records last; a second run uploads nothing', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    const manifest = manifestOf(objects, s3.origin);
    const { store, calls } = watched(s3);
    const progress: number[] = [];
    const first = await publishMedia({ manifest, localRecords: { h1: { keys: ['media/img/1a2b/ntca-visit-480.webp'] } }, store, onProgress: (p) => progress.push(p.done) });

    const totalBytes = objects.reduce((sum, object) => sum + object.bytes, 0);
    // The two stable keys are copied from their twins in the bucket: their bytes are not sent again.
    const stableBytes = objects.filter((object) => !object.key.startsWith('media/')).reduce((sum, object) => sum + object.bytes, 0);
    expect(first.uploaded).toEqual({ count: 4, bytes: totalBytes - stableBytes });
    expect(first.copied).toEqual({ count: 2, bytes: stableBytes });
    expect(first.skipped).toEqual({ count: 0, bytes: 0 });
    expect(first.unreferenced).toEqual([]);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Every object is checked after its upload, and the records come after all of them. A stable
    // key is copied in the store from its content-addressed twin, not sent again.
    const sentAt = (key: string) => calls.findIndex((call) => call === `put ${key}` || (call.startsWith('copy ') && call.endsWith(` ${key}`)));
    for (const object of objects) expect(calls.indexOf(`head ${object.key}`)).toBeGreaterThan(sentAt(object.key));
    expect(calls.filter((call) => call.startsWith('copy ')).sort()).toEqual([
      'copy media/originals/3c4d/ntca-visit.jpg photos/originals/ntca-visit.jpg',
      'copy media/packs/5e6f/scse-2023-taipei.zip packs/releases/scse-2023-taipei.zip',
    ]);
    expect(calls.at(-1)).toBe('writeRecords');
    expect(await s3.readRecords()).toEqual({ h1: { keys: ['media/img/1a2b/ntca-visit-480.webp'] } });

    for (const object of objects) {
      expect(await fetched(s3.url(object.key))).toEqual({
        sha256: object.sha256,
        contentType: object.contentType,
        cacheControl: object.cacheControl,
        contentDisposition: object.downloadName ? attachmentDisposition(object.downloadName) : null,
      });
    }

    const again = watched(s3);
    const second = await publishMedia({ manifest, localRecords: { h1: { keys: ['media/img/1a2b/ntca-visit-480.webp'] } }, store: again.store });
    expect(second.uploaded).toEqual({ count: 0, bytes: 0 });
    expect(second.skipped).toEqual({ count: 6, bytes: totalBytes });
    // Content-addressed keys are trusted from the listing; only the two stable keys are asked about.
    expect(again.calls.sort()).toEqual(['head packs/releases/scse-2023-taipei.zip', 'head photos/originals/ntca-visit.jpg']);
  });

  test('a changed object under a stable key is replaced, even at the same size', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    await publishMedia({ manifest: manifestOf(objects), localRecords: {}, store: s3 });

    const stable = objects.find((object) => object.key === 'packs/releases/scse-2023-taipei.zip')!;
    const changedZip = await fileObject(stable.key, randomBytes(stable.bytes), { contentType: 'application/zip', cacheControl: SHORT_CACHED, downloadName: stable.downloadName });
    const changedPack = await fileObject('media/packs/7a8b/scse-2023-taipei.zip', await readFile(changedZip.file), { contentType: 'application/zip', downloadName: stable.downloadName });
    const next = [...objects.filter((object) => object !== stable && !object.key.startsWith('media/packs/')), changedPack, changedZip];
    const result = await publishMedia({ manifest: manifestOf(next), localRecords: {}, store: s3 });

    expect([result.uploaded.count, result.copied.count]).toEqual([1, 1]);
    expect((await fetched(s3.url(stable.key))).sha256).toBe(changedZip.sha256);
    expect((await s3.head(stable.key))?.sha256).toBe(changedZip.sha256);
    // The old pack is no longer referenced, and is kept.
    expect(result.unreferenced.map((item) => item.key)).toEqual(['media/packs/5e6f/scse-2023-taipei.zip']);
    expect(result.deleted).toEqual([]);
    expect(await s3.head('media/packs/5e6f/scse-2023-taipei.zip')).toBeDefined();
  });

  test('a stable key that must change back is copied from its twin in the store when its file is not at hand', async () => {
    const s3 = await freshS3Store();
    const v1 = await releaseObjects();
    await publishMedia({ manifest: manifestOf(v1), localRecords: {}, store: s3 });
    const v2 = await fileObject('photos/originals/ntca-visit.jpg', randomBytes(40_000), { cacheControl: SHORT_CACHED, downloadName: '서울디지털재단-타이베이.jpg' });
    await s3.put(v2);

    // A fresh clone building v1 again trusts the records and makes nothing: no files here.
    const missing = join(dir, 'fresh-clone', 'media/originals/3c4d/ntca-visit.jpg');
    const fresh = v1.map((object) => (object.key.endsWith('ntca-visit.jpg') ? { ...object, file: missing } : object));
    const result = await publishMedia({ manifest: manifestOf(fresh), localRecords: {}, store: s3 });
    expect([result.uploaded.count, result.copied.count]).toEqual([0, 1]);
    const v1Original = v1.find((object) => object.key === 'photos/originals/ntca-visit.jpg')!;
    expect(await fetched(s3.url('photos/originals/ntca-visit.jpg'))).toEqual({
      sha256: v1Original.sha256,
      contentType: v1Original.contentType,
      cacheControl: SHORT_CACHED,
      contentDisposition: attachmentDisposition(v1Original.downloadName!),
    });
    expect(existsSync(missing)).toBe(false);
  });

  test('a stable key whose headers changed is written again', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    await publishMedia({ manifest: manifestOf(objects), localRecords: {}, store: s3 });
    const renamed = objects.map((object) => (object.key === 'photos/originals/ntca-visit.jpg' ? { ...object, downloadName: 'new-name.jpg' } : object));
    const result = await publishMedia({ manifest: manifestOf(renamed), localRecords: {}, store: s3 });
    expect([result.uploaded.count, result.copied.count]).toEqual([0, 1]);
    expect((await s3.head('photos/originals/ntca-visit.jpg'))?.contentDisposition).toBe(attachmentDisposition('new-name.jpg'));
  });

  test('after a crash, a second run uploads only what is missing, and only then writes the records', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    const manifest = manifestOf(objects);
    const journalFile = join(dir, `journal-${bucketCount}.jsonl`);
    const crashing = watched(s3, { failAfterPuts: 3 });
    await expect(publishMedia({ manifest, localRecords: { h: 1 }, store: crashing.store, batchSize: 1, journalFile })).rejects.toThrow(/the network went away/);
    expect(crashing.calls).not.toContain('writeRecords');
    expect(await s3.readRecords()).toEqual({});
    expect((await listAll(s3)).size).toBe(3);
    expect((await readFile(journalFile, 'utf8')).trim().split('\n')).toHaveLength(3);

    const resumed = watched(s3);
    const result = await publishMedia({ manifest, localRecords: { h: 1 }, store: resumed.store, journalFile });
    expect(result.uploaded.count + result.copied.count).toBe(3);
    expect(result.skipped.count).toBe(3);
    const sentKeys = resumed.calls.filter((call) => call.startsWith('put ') || call.startsWith('copy ')).map((call) => call.split(' ').at(-1));
    expect(sentKeys.sort()).toEqual(objects.slice(3).map((object) => object.key).sort());
    expect(await s3.readRecords()).toEqual({ h: 1 });
    expect(existsSync(journalFile)).toBe(false);
  });

  test('an object that reads back differently fails the run, names the header, and writes no records', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    const { store, calls } = watched(s3, { lieAbout: 'media/originals/3c4d/ntca-visit.jpg' });
    const error = await publishMedia({ manifest: manifestOf(objects), localRecords: { h: 1 }, store }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishVerificationError);
    expect((error as Error).message).toContain(`media/originals/3c4d/ntca-visit.jpg: cacheControl is "no-cache", expected "${IMMUTABLE}"`);
    expect((error as Error).message).toContain('the media records were not updated');
    expect(calls).not.toContain('writeRecords');
    expect(await s3.readRecords()).toEqual({});
  });

  test('an upload that reads back short at first, then whole, counts as uploaded', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    const { store, calls } = watched(s3, { shortReadsOf: 'media/packs/5e6f/scse-2023-taipei.zip' });
    const result = await publishMedia({ manifest: manifestOf(objects), localRecords: { h: 1 }, store });
    expect(result.uploaded.count + result.copied.count).toBe(objects.length);
    expect(calls.filter((call) => call === 'head media/packs/5e6f/scse-2023-taipei.zip')).toHaveLength(2);
    expect(await s3.readRecords()).toEqual({ h: 1 });
  });

  test('records merge the store’s with this build’s, this build winning', async () => {
    const s3 = await freshS3Store();
    await s3.writeRecords({ old: { width: 480 }, shared: { width: 1 } });
    await publishMedia({ manifest: manifestOf(await releaseObjects()), localRecords: { shared: { width: 2 }, fresh: { width: 960 } }, store: s3 });
    expect(await s3.readRecords()).toEqual({ old: { width: 480 }, shared: { width: 2 }, fresh: { width: 960 } });
  });

  test('a local record of objects the store lacks (another branch’s build) is not published', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    await s3.put(await fileObject('media/img/aaaa/earlier-480.webp', randomBytes(100)));
    const localRecords = {
      thisBuild: { key: 'media/originals/3c4d/ntca-visit.jpg' },
      earlierDeploy: { images: [{ key: 'media/img/aaaa/earlier-480.webp' }] },
      otherBranch: { images: [{ key: 'media/img/bbbb/unpublished-480.webp' }], card: { key: 'media/img/bbbb/unpublished-card.jpg' } },
    };
    const keysOf = (record: unknown) => JSON.stringify(record).match(/media\/[^"]+/g) ?? [];
    await publishMedia({ manifest: manifestOf(objects), localRecords, store: s3, recordKeys: keysOf });
    expect(Object.keys(await s3.readRecords()).sort()).toEqual(['earlierDeploy', 'thisBuild']);
  });

  test('unreferenced objects are listed, kept without the flag, and deleted with it only a grace period after a publish first found them unreferenced', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    const strays = [
      await fileObject('media/img/9999/gone-480.webp', randomBytes(1_000)),
      await fileObject('media/originals/9999/gone.jpg', randomBytes(2_000)),
    ];
    const oldStable = await fileObject('packs/releases/withdrawn.zip', randomBytes(500), { cacheControl: SHORT_CACHED });
    for (const object of [...strays, oldStable]) await s3.put(object);
    await s3.writeRecords({ stray: { keys: ['media/img/9999/gone-480.webp'] }, kept: { keys: ['media/img/1a2b/ntca-visit-480.webp'] } });
    const manifest = manifestOf(objects);

    // Uploaded long ago, but the live pages may still link them until this build's pages are up:
    // the grace period starts now, when a publish first finds them unreferenced.
    const listed = await publishMedia({ manifest, localRecords: {}, store: s3, deleteUnreferenced: { graceDays: 30 }, now: new Date(Date.now() + 400 * DAY) });
    expect(listed.unreferenced.map((item) => item.key)).toEqual(['media/img/9999/gone-480.webp', 'media/originals/9999/gone.jpg', 'packs/releases/withdrawn.zip']);
    expect(listed.unreferenced.map((item) => item.bytes)).toEqual([1_000, 2_000, 500]);
    expect(listed.deleted).toEqual([]);

    const recent = await publishMedia({ manifest, localRecords: {}, store: s3, deleteUnreferenced: { graceDays: 30 }, now: new Date(Date.now() + 420 * DAY) });
    expect(recent.unreferenced).toHaveLength(3);
    expect(recent.deleted).toEqual([]);
    expect((await listAll(s3)).has('media/img/9999/gone-480.webp')).toBe(true);

    const { store, calls } = watched(s3);
    const later = await publishMedia({
      manifest,
      localRecords: {},
      store,
      deleteUnreferenced: { graceDays: 30 },
      now: new Date(Date.now() + 431 * DAY),
      recordKeys: (record) => (record as { keys: string[] }).keys,
    });
    expect(later.deleted.map((item) => item.key)).toEqual(['media/img/9999/gone-480.webp', 'media/originals/9999/gone.jpg', 'packs/releases/withdrawn.zip']);
    const remaining = await listAll(s3);
    expect(remaining.has('media/img/9999/gone-480.webp')).toBe(false);
    expect(remaining.has('media/originals/9999/gone.jpg')).toBe(false);
    // A withdrawn release's stable download goes too; the records and everything the manifest lists stay.
    expect(remaining.has('packs/releases/withdrawn.zip')).toBe(false);
    expect(remaining.has(RECORDS_KEY)).toBe(true);
    expect(await s3.readRecords(UNREFERENCED_KEY)).toEqual({});
    for (const object of objects) expect(remaining.has(object.key)).toBe(true);
    // The records lose the deleted object's record before it goes.
    expect(await s3.readRecords()).toEqual({ kept: { keys: ['media/img/1a2b/ntca-visit-480.webp'] } });
    expect(calls.indexOf('writeRecords')).toBeLessThan(calls.findIndex((call) => call.startsWith('remove ')));
  });

  test('rejects a grace period that is not a whole number of days, and a manifest with one key twice', async () => {
    const s3 = await freshS3Store();
    const objects = await releaseObjects();
    for (const graceDays of [0, 1.5, -1, Number.NaN]) {
      await expect(publishMedia({ manifest: manifestOf(objects), localRecords: {}, store: s3, deleteUnreferenced: { graceDays } })).rejects.toThrow(/whole number of days, at least 1/);
    }
    const twice = [...objects, { ...objects[0]!, sha256: '0'.repeat(64) }];
    await expect(publishMedia({ manifest: manifestOf(twice), localRecords: {}, store: s3 })).rejects.toThrow(/lists media\/img\/1a2b\/ntca-visit-480\.webp twice/);
  });
});

describe('publishMedia to a LocalStore', () => {
  test('links the objects in; a second run copies nothing; unreferenced objects are found the same way', async () => {
    const root = join(dir, 'local-publish');
    const store = new LocalStore(root);
    const objects = (await releaseObjects()).filter((object) => object.key.startsWith('media/'));
    const options: PublishOptions = { manifest: { ...manifestOf(objects), store: 'local' }, localRecords: { h: 1 }, store };
    const first = await publishMedia(options);
    expect(first.uploaded.count).toBe(4);
    for (const object of objects) expect(sha256(await readFile(join(root, object.key)))).toBe(object.sha256);
    expect(JSON.parse(await readFile(join(root, RECORDS_KEY), 'utf8'))).toEqual({ h: 1 });

    const second = await publishMedia(options);
    expect(second.uploaded).toEqual({ count: 0, bytes: 0 });
    expect(second.skipped.count).toBe(4);

    const fewer = await publishMedia({ ...options, manifest: { ...options.manifest, objects: objects.slice(1) } });
    expect(fewer.unreferenced.map((item) => item.key)).toEqual([objects[0]!.key]);
    // The run above found it unreferenced; a day's grace later it may go.
    const deleted = await publishMedia({ ...options, manifest: { ...options.manifest, objects: objects.slice(1) }, deleteUnreferenced: { graceDays: 1 }, now: new Date(Date.now() + 2 * DAY) });
    expect(deleted.deleted.map((item) => item.key)).toEqual([objects[0]!.key]);
    expect(existsSync(join(root, objects[0]!.key))).toBe(false);
  });
});

describe('npm run deploy:media', () => {
  let cacheDir: string;

  /** Runs the script as `npm run deploy:media` does (tsx on this Node), with only the given settings. */
  async function deploy(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PRESS_MEDIA_') && !name.startsWith('AWS_')));
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/deploy-media.ts'), ...args], {
      cwd: projectRoot,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? 1)));
    return { code, output };
  }

  beforeEach(async () => {
    cacheDir = await mkdtemp(join(dir, 'deploy-cache-'));
  });

  test('uploads the last build’s media and says what it did; a second run uploads nothing', { timeout: 60_000 }, async () => {
    const s3 = await freshS3Store();
    const env = { ...server.env, PRESS_MEDIA_CACHE_DIR: cacheDir, PRESS_MEDIA_S3_BUCKET: `publish-${bucketCount}`, PRESS_MEDIA_URL: `${server.endpoint}/publish-${bucketCount}` };
    const objects = await releaseObjects();
    await writeFile(join(cacheDir, 'manifest.json'), JSON.stringify(manifestOf(objects, server.endpoint)));
    await writeFile(join(cacheDir, 'records.json'), JSON.stringify({ h: 1 }));
    await s3.put(await fileObject('media/img/dead/old-480.webp', randomBytes(1_500_000)));

    const first = await deploy([], env);
    expect(first.output).toContain('uploaded: 4 objects, 0.1 MB');
    expect(first.output).toContain('copied in the bucket (stable download addresses, no bytes sent): 2 objects, 0.1 MB');
    expect(first.output).toContain('already there: 0 objects, 0.0 MB');
    expect(first.output).toContain('unreferenced (not linked by this build): 1 object, 1.5 MB');
    expect(first.output).toContain('  media/img/dead/old-480.webp');
    expect(first.output).toMatch(/^uploading: 6 of 6 objects, 0\.1 MB$/m);
    expect(first.code).toBe(0);
    expect(await s3.readRecords()).toEqual({ h: 1 });

    const second = await deploy(['--delete-unreferenced', '--grace-days', '7'], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('uploaded: 0 objects, 0.0 MB');
    expect(second.output).toContain('already there: 6 objects, 0.2 MB');
    expect(second.output).toContain('deleted: 0 objects, 0.0 MB (unreferenced for more than 7 days)');
  });

  test('refuses the local store and a missing build', { timeout: 60_000 }, async () => {
    const local = await deploy([], { PRESS_MEDIA_STORE: 'local', PRESS_MEDIA_CACHE_DIR: cacheDir });
    expect(local.code).not.toBe(0);
    expect(local.output).toMatch(/the media travel inside dist\/ with the site, so there is nothing to deploy/);

    const missing = await deploy([], { ...server.env, PRESS_MEDIA_CACHE_DIR: cacheDir });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/manifest\.json is missing: run npm run build first/);
  });

  test('refuses flags it does not understand', { timeout: 60_000 }, async () => {
    const env = { ...server.env, PRESS_MEDIA_CACHE_DIR: cacheDir };
    for (const [args, message] of [
      [['--delete-unreferenced'], /--delete-unreferenced needs --grace-days N/],
      [['--delete-unreferenced', '--grace-days', '0'], /--grace-days takes a whole number of days, at least 1; got "0"/],
      [['--delete-unreferenced', '--grace-days', '2.5'], /got "2\.5"/],
      [['--grace-days', '3'], /--grace-days goes with --delete-unreferenced/],
      [['--delete-everything'], /Unknown option '--delete-everything'/],
    ] as const) {
      const result = await deploy([...args], env);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.output).toMatch(message);
    }
  });

  test('says plainly when the credentials, the bucket or the media address are wrong', { timeout: 60_000 }, async () => {
    const env = { ...server.env, PRESS_MEDIA_CACHE_DIR: cacheDir };
    await writeFile(join(cacheDir, 'manifest.json'), JSON.stringify(manifestOf([], server.endpoint)));
    await writeFile(join(cacheDir, 'records.json'), '{}');
    const badKey = await deploy([], { ...env, AWS_ACCESS_KEY_ID: 'WRONG-KEY' });
    expect(badKey.code).not.toBe(0);
    expect(badKey.output).toMatch(/deploy:media: .* does not know the access key id in AWS_ACCESS_KEY_ID/);
    expect(badKey.output).not.toMatch(/\n\s+at /);
    const debug = await deploy([], { ...env, AWS_ACCESS_KEY_ID: 'WRONG-KEY', DEBUG: '1' });
    expect(debug.code).not.toBe(0);
    expect(debug.output).toMatch(/\n\s+at /);

    const noBucket = await deploy([], { ...env, PRESS_MEDIA_S3_BUCKET: 'no-such-bucket' });
    expect(noBucket.code).not.toBe(0);
    expect(noBucket.output).toMatch(/bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ does not exist/);

    const elsewhere = await deploy([], { ...env, PRESS_MEDIA_URL: 'https://media.example.org' });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.output).toMatch(/the last build links its media at http:\/\/127\.0\.0\.1:\d+, but PRESS_MEDIA_URL is at https:\/\/media\.example\.org: run npm run build again/);
  });
});
