import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LocalStore } from '../../../src/lib/media/local-store';
import { openMediaStore } from '../../../src/lib/media/open-store';
import { S3Store, S3StoreError } from '../../../src/lib/media/s3-store';
import { IMMUTABLE, RECORDS_KEY, SHORT_CACHED, attachmentDisposition, type ListedObject, type MediaObject } from '../../../src/lib/media/store';
import { startS3Server, type TestS3Server } from '../../helpers/s3-server';

const KOREAN_NAME = '서울디지털재단 SCSE 2023 (타이베이).jpg';
let dir: string;
let server: TestS3Server;
const savedEnv = { ...process.env };
const stores: S3Store[] = [];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A local file of `bytes` random bytes (or the given bytes), described as a media object under `key`. */
async function mediaObject(key: string, content: number | Buffer, extra: Partial<MediaObject> = {}): Promise<MediaObject> {
  const bytes = typeof content === 'number' ? randomBytes(content) : content;
  const file = join(dir, 'files', `${randomBytes(6).toString('hex')}.bin`);
  await mkdir(join(dir, 'files'), { recursive: true });
  await writeFile(file, bytes);
  return { key, file, sha256: sha256(bytes), bytes: bytes.length, contentType: 'image/jpeg', cacheControl: IMMUTABLE, ...extra };
}

function s3Store(options: { prefix?: string; bucket?: string; multipartThreshold?: number; pageSize?: number } = {}): S3Store {
  const { settings } = server;
  const prefix = options.prefix ?? '';
  const store = new S3Store({
    s3: { ...settings.s3!, prefix, bucket: options.bucket ?? settings.s3!.bucket },
    publicUrl: `${server.endpoint}/${options.bucket ?? server.bucket}${prefix ? `/${prefix}` : ''}`,
    multipartThreshold: options.multipartThreshold,
    pageSize: options.pageSize,
  });
  stores.push(store);
  return store;
}

/** Names of the S3 commands the store's client sends from now on. */
function recordCommands(store: S3Store): string[] {
  const names: string[] = [];
  store.client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize' },
  );
  return names;
}

/** What a reader gets from the object's public URL. */
async function fetched(url: string) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    sha256: sha256(body),
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    contentDisposition: response.headers.get('content-disposition'),
  };
}

async function all(items: AsyncIterable<ListedObject>): Promise<ListedObject[]> {
  const list: ListedObject[] = [];
  for await (const item of items) list.push(item);
  return list;
}

/** The name RFC 8187's `filename*` gives, decoded. */
const starName = (disposition: string | null) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1] ?? '');

beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'media-store-'));
  server = await startS3Server();
  Object.assign(process.env, server.env);
});

afterAll(async () => {
  for (const store of stores) store.close();
  await server?.stop();
  process.env = savedEnv;
  await rm(dir, { recursive: true, force: true });
});

describe('S3Store against s3rver', () => {
  test('put stores the bytes and the headers a reader gets, with a Korean download name', async () => {
    const store = s3Store();
    const object = await mediaObject('media/originals/abc123/ntca-visit.jpg', 200_000, { downloadName: KOREAN_NAME });
    await store.put(object);

    const read = await fetched(store.url(object.key));
    expect(read).toEqual({
      status: 200,
      sha256: object.sha256,
      contentType: 'image/jpeg',
      cacheControl: IMMUTABLE,
      contentDisposition: attachmentDisposition(KOREAN_NAME),
    });
    expect(starName(read.contentDisposition)).toBe(KOREAN_NAME);
    expect(read.contentDisposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(await store.head(object.key)).toEqual({
      bytes: object.bytes,
      contentType: 'image/jpeg',
      cacheControl: IMMUTABLE,
      contentDisposition: attachmentDisposition(KOREAN_NAME),
      sha256: object.sha256,
    });
    // What s3rver wrote to its disk is the object, not an aws-chunked body.
    const onDisk = await readFile(join(server.directory, server.bucket, 'media/originals/abc123/ntca-visit.jpg._S3rver_object'));
    expect(sha256(onDisk)).toBe(object.sha256);
  });

  test('an inline image has no Content-Disposition', async () => {
    const store = s3Store();
    const object = await mediaObject('media/img/abc123/ntca-visit-960.webp', 5_000, { contentType: 'image/webp' });
    await store.put(object);
    const head = await store.head(object.key);
    expect(head?.contentDisposition).toBeUndefined();
    expect(head?.contentType).toBe('image/webp');
  });

  test('a large object goes up in parts, with the same bytes and headers', async () => {
    const store = s3Store({ multipartThreshold: 1024 * 1024 });
    const commands = recordCommands(store);
    const object = await mediaObject('media/packs/abc123/scse-2023.zip', 11 * 1024 * 1024 + 17, {
      contentType: 'application/zip',
      downloadName: 'scse-2023 사진.zip',
    });
    await store.put(object);
    expect(commands.filter((name) => name === 'UploadPartCommand')).toHaveLength(2);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    const read = await fetched(store.url(object.key));
    expect(read.sha256).toBe(object.sha256);
    expect(read.contentType).toBe('application/zip');
    expect(starName(read.contentDisposition)).toBe('scse-2023 사진.zip');
    expect((await store.head(object.key))?.sha256).toBe(object.sha256);
  });

  test('put replaces an object under a stable key', async () => {
    const store = s3Store();
    const first = await mediaObject('packs/releases/scse-2023.zip', 4_000, { cacheControl: SHORT_CACHED, contentType: 'application/zip' });
    const second = await mediaObject('packs/releases/scse-2023.zip', 4_000, { cacheControl: SHORT_CACHED, contentType: 'application/zip' });
    await store.put(first);
    await store.put(second);
    expect((await fetched(store.url(second.key))).sha256).toBe(second.sha256);
    expect((await store.head(second.key))?.sha256).toBe(second.sha256);
  });

  test('put refuses a file whose bytes are not what the manifest says, and keeps the stored object', async () => {
    const store = s3Store({ multipartThreshold: 1024 * 1024 });
    const good = await mediaObject('photos/originals/refused.jpg', 6 * 1024 * 1024);
    await store.put(good);
    for (const size of [3_000, 6 * 1024 * 1024]) {
      const bad = { ...(await mediaObject('photos/originals/refused.jpg', size)), sha256: 'f'.repeat(64) };
      await expect(store.put(bad)).rejects.toThrow(/cannot upload photos\/originals\/refused\.jpg: .* the manifest says .*run npm run build again/);
    }
    await expect(store.put({ ...good, file: join(dir, 'no-such-file') })).rejects.toThrow(/does not exist; run npm run build again/);
    expect((await fetched(store.url(good.key))).sha256).toBe(good.sha256);
  });

  test('head of a missing key is undefined', async () => {
    expect(await s3Store().head('media/img/none/missing.webp')).toBeUndefined();
  });

  test('download writes the stored bytes to a file, making its folder', async () => {
    const store = s3Store();
    const object = await mediaObject('media/originals/def456/download-me.jpg', 300_000);
    await store.put(object);
    const target = join(dir, 'downloads', 'deep', 'download-me.jpg');
    await store.download(object.key, target);
    expect(sha256(await readFile(target))).toBe(object.sha256);
    await expect(store.download('media/originals/none/missing.jpg', join(dir, 'downloads', 'missing.jpg'))).rejects.toThrow(
      /there is no media\/originals\/none\/missing\.jpg in s3:\/\//,
    );
    expect(existsSync(join(dir, 'downloads', 'missing.jpg'))).toBe(false);
  });

  test('list pages through the bucket and strips the store prefix; url and records live under it', async () => {
    const bucket = 'prefixed';
    const other = await startS3Server({ bucket });
    try {
      const inner = new S3Store({ s3: { ...other.settings.s3!, prefix: 'press/media' }, publicUrl: `${other.endpoint}/${bucket}/press/media`, pageSize: 2 });
      const outer = new S3Store({ s3: { ...other.settings.s3!, prefix: '' }, publicUrl: `${other.endpoint}/${bucket}`, pageSize: 2 });
      stores.push(inner, outer);
      const keys = ['media/img/a/one-480.webp', 'media/img/a/one-960.webp', 'media/img/b/two-480.webp', 'media/packs/c/pack.zip', 'packs/releases/pack.zip'];
      for (const key of keys) await inner.put(await mediaObject(key, 100));
      // Not `press/media-old/`: s3rver walks its folders in name order, so across pages it lists
      // a key with a character below '/' after the keys of the folder it prefixes, and skips it.
      await outer.put(await mediaObject('press/mediaz/stray.jpg', 100));
      await outer.put(await mediaObject('elsewhere.jpg', 100));

      const listed = await all(inner.list());
      expect(listed.map((item) => item.key).sort()).toEqual([...keys].sort());
      expect(listed.every((item) => item.bytes === 100 && item.lastModified instanceof Date && !Number.isNaN(item.lastModified.getTime()))).toBe(true);
      expect((await all(inner.list('media/img/'))).map((item) => item.key).sort()).toEqual(keys.slice(0, 3));
      expect((await all(inner.list('media/img/a/one-9'))).map((item) => item.key)).toEqual(['media/img/a/one-960.webp']);
      expect((await all(outer.list('press/'))).map((item) => item.key).sort()).toEqual([...keys.map((key) => `press/media/${key}`), 'press/mediaz/stray.jpg'].sort());

      expect(inner.url('media/img/a/one-480.webp')).toBe(`${other.endpoint}/${bucket}/press/media/media/img/a/one-480.webp`);
      expect((await fetched(inner.url('media/img/a/one-480.webp'))).status).toBe(200);
      expect(inner.origin).toBe(other.endpoint);

      await inner.writeRecords({ hash1: { width: 960 } });
      expect(await inner.readRecords()).toEqual({ hash1: { width: 960 } });
      expect(await outer.readRecords()).toEqual({});
      expect((await outer.head(`press/media/${RECORDS_KEY}`))?.contentType).toBe('application/json');
    } finally {
      await other.stop();
    }
  });

  test('remove deletes in batches of 1,000 and ignores missing keys', async () => {
    const store = s3Store();
    const kept = await mediaObject('media/img/keep/kept-480.webp', 50);
    const gone = [await mediaObject('media/img/gone/one-480.webp', 50), await mediaObject('media/img/gone/two-480.webp', 50)];
    for (const object of [kept, ...gone]) await store.put(object);
    const commands = recordCommands(store);
    const sentHeaders: Record<string, string>[] = [];
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'DeleteObjectsCommand') sentHeaders.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const missing = Array.from({ length: 1_000 }, (_, index) => `media/img/none/${index}.webp`);
    await store.remove([...missing, ...gone.map((object) => object.key)]);
    expect(commands.filter((name) => name === 'DeleteObjectsCommand')).toHaveLength(2);
    // Content-MD5, which every S3-compatible service takes, and no CRC headers, which some refuse.
    for (const headers of sentHeaders) {
      expect(headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Object.keys(headers).filter((name) => /checksum/i.test(name))).toEqual([]);
    }
    for (const object of gone) expect(await store.head(object.key)).toBeUndefined();
    expect(await store.head(kept.key)).toBeDefined();
    await store.remove([]);
  });

  test('records: none at first, then what was written', async () => {
    const bucket = 'records';
    const other = await startS3Server({ bucket });
    try {
      const store = openMediaStore(other.settings) as S3Store;
      stores.push(store);
      expect(store).toBeInstanceOf(S3Store);
      expect(await store.readRecords()).toEqual({});
      const records = { ['a'.repeat(64)]: { bytes: 1, keys: ['media/img/a/x-480.webp'] }, b: 2 };
      await store.writeRecords(records);
      expect(await store.readRecords()).toEqual(records);
    } finally {
      await other.stop();
    }
  });

  test('keys that could leave the store are refused', async () => {
    const store = s3Store();
    for (const key of ['', '/media/x.jpg', 'media/../x.jpg', 'media//x.jpg']) {
      await expect(store.head(key)).rejects.toThrow(/is not a media key/);
    }
  });

  describe('errors say what to fix', () => {
    afterEach(() => {
      Object.assign(process.env, server.env);
    });

    test('an access key id the server does not know', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'NOT-THE-KEY';
      const store = s3Store();
      const error = await all(store.list()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(S3StoreError);
      expect((error as S3StoreError).code).toBe('InvalidAccessKeyId');
      expect((error as Error).message).toMatch(/does not know the access key id in AWS_ACCESS_KEY_ID/);
    });

    test('a bucket that does not exist', async () => {
      const store = s3Store({ bucket: 'no-such-bucket' });
      await expect(all(store.list())).rejects.toThrow(/bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ does not exist; check PRESS_MEDIA_S3_BUCKET/);
      await expect(store.readRecords()).rejects.toThrow(/does not exist/);
    });

    test('an endpoint nobody answers at', async () => {
      const closed = createServer();
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
      const { port } = closed.address() as { port: number };
      await new Promise((done) => closed.close(done));
      const store = new S3Store({ s3: { ...server.settings.s3!, endpoint: `http://127.0.0.1:${port}` }, publicUrl: `http://127.0.0.1:${port}/media` });
      stores.push(store);
      await expect(store.readRecords()).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    });
  });
});

describe('LocalStore', () => {
  let root: string;
  let store: LocalStore;

  beforeAll(async () => {
    root = join(dir, 'local-store');
    store = new LocalStore(root);
  });

  test('put links the file in; head, url, list, download and remove work on it', async () => {
    const object = await mediaObject('media/img/abc/photo-960.webp', 2_000, { contentType: 'image/webp' });
    await store.put(object);
    const target = join(root, 'media/img/abc/photo-960.webp');
    expect((await stat(target)).ino).toBe((await stat(object.file)).ino);
    expect(sha256(await readFile(target))).toBe(object.sha256);
    expect(await store.head(object.key)).toEqual({ bytes: 2_000 });
    expect(await store.head('media/img/abc/none.webp')).toBeUndefined();
    expect(store.url(object.key)).toBe('/media/img/abc/photo-960.webp');
    expect(store.url('media/img/abc/사진 1.webp')).toBe(`/media/img/abc/${encodeURIComponent('사진 1.webp')}`);
    expect(store.origin).toBeUndefined();
    expect(store.keepsHeaders).toBe(false);

    const other = await mediaObject('media/packs/def/pack.zip', 10);
    const stable = await mediaObject('packs/releases/pack.zip', 10);
    await store.put(other);
    await store.put(stable);
    await store.put(other);
    const listed = await all(store.list());
    expect(listed.map((item) => item.key).sort()).toEqual(['media/img/abc/photo-960.webp', 'media/packs/def/pack.zip', 'packs/releases/pack.zip']);
    expect((await all(store.list('media/'))).map((item) => item.key).sort()).toEqual(['media/img/abc/photo-960.webp', 'media/packs/def/pack.zip']);
    expect((await all(store.list('media/img/abc/photo'))).map((item) => item.key)).toEqual(['media/img/abc/photo-960.webp']);
    expect(await all(store.list('nothing/'))).toEqual([]);

    await store.download(object.key, join(dir, 'local-downloads', 'x.webp'));
    expect(sha256(await readFile(join(dir, 'local-downloads', 'x.webp')))).toBe(object.sha256);
    await expect(store.download('media/none.webp', join(dir, 'local-downloads', 'y.webp'))).rejects.toThrow(/there is no media\/none\.webp/);

    await store.remove([other.key, 'media/never/there.zip']);
    expect(existsSync(join(root, 'media/packs'))).toBe(false);
    expect(existsSync(join(root, 'media/img/abc/photo-960.webp'))).toBe(true);
  });

  test('put replaces a stable key atomically and leaves no temporary files', async () => {
    const first = await mediaObject('photos/originals/p.jpg', 30);
    const second = await mediaObject('photos/originals/p.jpg', 30);
    await store.put(first);
    await store.put(second);
    await store.put(second);
    expect(sha256(await readFile(join(root, 'photos/originals/p.jpg')))).toBe(second.sha256);
    expect((await all(store.list())).some((item) => item.key.startsWith('_pressroom/tmp'))).toBe(false);
  });

  test('put of a file that already is the stored one does nothing', async () => {
    const inPlace = join(root, 'media/img/made/in-place-480.webp');
    await mkdir(join(root, 'media/img/made'), { recursive: true });
    const bytes = randomBytes(64);
    await writeFile(inPlace, bytes);
    await store.put({ key: 'media/img/made/in-place-480.webp', file: inPlace, sha256: sha256(bytes), bytes: 64, contentType: 'image/webp', cacheControl: IMMUTABLE });
    expect(sha256(await readFile(inPlace))).toBe(sha256(bytes));
  });

  test('put refuses a file of another size than the manifest says', async () => {
    const object = await mediaObject('media/img/x/y-480.webp', 10);
    await expect(store.put({ ...object, bytes: 11 })).rejects.toThrow(/has 10 bytes where the manifest says 11; run npm run build again/);
  });

  test('put copies a file from another file system', async () => {
    // /dev/shm is a tmpfs where there is one, so link() fails with EXDEV and the copy is taken.
    const shm = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'pressroom-media-'));
    try {
      const bytes = randomBytes(100);
      const file = join(shm, 'elsewhere.jpg');
      await writeFile(file, bytes);
      await store.put({ key: 'media/originals/x/elsewhere.jpg', file, sha256: sha256(bytes), bytes: 100, contentType: 'image/jpeg', cacheControl: IMMUTABLE });
      expect(sha256(await readFile(join(root, 'media/originals/x/elsewhere.jpg')))).toBe(sha256(bytes));
    } finally {
      await rm(shm, { recursive: true, force: true });
    }
  });

  test('records live in _pressroom/records.json under the root', async () => {
    const fresh = new LocalStore(join(dir, 'local-records'));
    expect(await fresh.readRecords()).toEqual({});
    await fresh.writeRecords({ h: { width: 960 } });
    expect(JSON.parse(await readFile(join(dir, 'local-records', '_pressroom', 'records.json'), 'utf8'))).toEqual({ h: { width: 960 } });
    expect(await fresh.readRecords()).toEqual({ h: { width: 960 } });
    await writeFile(join(dir, 'local-records', '_pressroom', 'records.json'), '[1, 2');
    await expect(fresh.readRecords()).rejects.toThrow(/are not valid JSON; delete the file and run npm run build again/);
  });

  test('openMediaStore opens <cacheDir>/objects for the local store', () => {
    const local = openMediaStore({ store: 'local', cacheDir: join(dir, 'cache'), cacheKeepDays: 30 });
    expect(local).toBeInstanceOf(LocalStore);
    expect((local as LocalStore).root).toBe(join(dir, 'cache', 'objects'));
  });

  test('keys that could leave the folder are refused', async () => {
    for (const key of ['../outside.jpg', 'media/../../x', '', 'a//b']) {
      await expect(store.head(key)).rejects.toThrow(/is not a media key/);
    }
  });
});

describe('attachmentDisposition', () => {
  test('gives an ASCII fallback and the exact name in UTF-8', () => {
    expect(attachmentDisposition('plain.zip')).toBe(`attachment; filename="plain.zip"; filename*=UTF-8''plain.zip`);
    expect(attachmentDisposition('사진 "1".jpg')).toBe(`attachment; filename="__ _1_.jpg"; filename*=UTF-8''%EC%82%AC%EC%A7%84%20%221%22.jpg`);
    expect(attachmentDisposition("it's (1).jpg")).toBe(`attachment; filename="it's (1).jpg"; filename*=UTF-8''it%27s%20%281%29.jpg`);
  });
});
