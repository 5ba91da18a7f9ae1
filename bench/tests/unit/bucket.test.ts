import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBucket, startBucket, writtenBetween, type BenchBucket } from '../../lib/s3-server';

describe('the benchmark’s bucket', () => {
  let dir: string;
  let bucket: BenchBucket;

  beforeAll(async () => {
    dir = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'bench-bucket-'));
    bucket = await startBucket(join(dir, 's3'));
  });
  afterAll(async () => {
    await bucket?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 and gives the settings of a build against it', async () => {
    expect(bucket.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bucket.env).toMatchObject({ PRESS_MEDIA_STORE: 's3', PRESS_MEDIA_URL: `${bucket.endpoint}/press-media`, PRESS_MEDIA_S3_PATH_STYLE: 'true' });
    const response = await fetch(`${bucket.endpoint}/press-media?list-type=2`);
    expect(response.status).toBe(200);
  });

  const client = () =>
    new S3Client({
      endpoint: bucket.endpoint,
      region: 'auto',
      forcePathStyle: true,
      credentials: { accessKeyId: bucket.env.AWS_ACCESS_KEY_ID!, secretAccessKey: bucket.env.AWS_SECRET_ACCESS_KEY! },
      // s3rver stores aws-chunked bodies as they come, frames and all.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });

  it('lists what is stored from the server’s files, by key', async () => {
    const s3 = client();
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket.bucket, Key: 'media/packs/abc/a.zip', Body: 'zip bytes', ContentType: 'application/zip' }));
    } finally {
      s3.destroy();
    }
    expect([...listBucket(bucket)]).toEqual([['media/packs/abc/a.zip', { bytes: 9, modifiedMs: expect.any(Number) }]]);
  });

  it('lists a bucket longer than one page, as a full-size run’s is', async () => {
    const s3 = client();
    try {
      for (const name of ['b', 'c']) await s3.send(new PutObjectCommand({ Bucket: bucket.bucket, Key: `media/img/x/${name}.avif`, Body: name }));
      const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket.bucket, MaxKeys: 2 }));
      expect(first.IsTruncated).toBe(true);
      const rest = await s3.send(new ListObjectsV2Command({ Bucket: bucket.bucket, MaxKeys: 2, ContinuationToken: first.NextContinuationToken }));
      expect([...(first.Contents ?? []), ...(rest.Contents ?? [])].map((object) => object.Key)).toHaveLength(3);
    } finally {
      s3.destroy();
    }
  });
});

describe('writtenBetween', () => {
  let root: string;
  const bucket = (directory: string) => ({ endpoint: '', bucket: 'b', directory, env: {}, stop: async () => undefined });
  const put = async (key: string, bytes: string, seconds: number) => {
    const file = join(root, 'b', `${key}._S3rver_object`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    await writeFile(join(root, 'b', `${key}._S3rver_metadata.json`), '{}');
    await utimes(file, seconds, seconds);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'bench-listing-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds new objects and objects written again, not the ones left alone', async () => {
    await put('media/img/x/a-400.avif', 'a', 1000);
    await put('packs/releases/a.zip', 'zip', 1000);
    const before = listBucket(bucket(root));
    expect([...before.keys()].sort()).toEqual(['media/img/x/a-400.avif', 'packs/releases/a.zip']);
    await put('packs/releases/a.zip', 'zip', 2000);
    await put('media/packs/y/a.zip', 'new zip', 2000);
    expect(writtenBetween(before, listBucket(bucket(root)))).toEqual(['media/packs/y/a.zip', 'packs/releases/a.zip']);
  });

  it('lists an empty bucket that has no folder yet', () => {
    expect(listBucket(bucket(join(root, 'missing'))).size).toBe(0);
  });
});
