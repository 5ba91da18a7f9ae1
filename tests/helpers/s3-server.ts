/**
 * A real S3-compatible server for tests (scripts/lib/local-s3-server.ts: s3rver on 127.0.0.1 at a
 * random port), storing into a fresh folder under the run's temporary folder, removed on stop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3RVER_ACCESS_KEY, startLocalS3Server, type LocalS3Server } from '../../scripts/lib/local-s3-server';

export { S3RVER_ACCESS_KEY };

export type TestS3Server = LocalS3Server;

export interface TestS3ServerOptions {
  /** Bucket name (default `press-media`). */
  bucket?: string;
  /** Key prefix inside the bucket (`PRESS_MEDIA_S3_PREFIX`). */
  prefix?: string;
  /** Where the media stage's cache lives (`PRESS_MEDIA_CACHE_DIR`); a folder beside the server's when unset. */
  cacheDir?: string;
}

/**
 * Starts s3rver. Tests may start several at once: each has its own port and folder. The SDK reads
 * credentials from the environment, so callers put `env`'s `AWS_*` variables into `process.env`
 * (or pass `env` to a child) before they send a request.
 */
export async function startS3Server(options: TestS3ServerOptions = {}): Promise<TestS3Server> {
  const root = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 's3rver-'));
  const server = await startLocalS3Server({ ...options, directory: join(root, 'buckets'), cacheDir: options.cacheDir ?? join(root, 'cache') });
  return {
    ...server,
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
