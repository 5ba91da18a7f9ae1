/**
 * The benchmark's own bucket: s3rver on 127.0.0.1 at a random port, storing into a folder of the
 * working directory. It runs in a child process of its own, so that neither its CPU nor its memory
 * is counted as the build's (the memory sampler follows the build's process tree only), and so
 * that serving gigabytes of uploads never delays the bench's own sampling timers.
 *
 * s3rver checks no signature and stores each object as a file `<key>._S3rver_object` under
 * `<directory>/<bucket>/`: what was uploaded, and when, is read from those files.
 *
 * Run directly (`node scripts/bench/s3-server.ts <directory> <bucket>`), it prints one JSON line
 * with the port and serves until it is sent SIGTERM.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';

/** The part of s3rver's API used here (it ships no types). */
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  httpServer?: { closeAllConnections(): void };
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  resetOnClose: boolean;
  vhostBuckets: boolean;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

const OBJECT_SUFFIX = '._S3rver_object';

export interface BenchBucket {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's files. */
  directory: string;
  /** The `PRESS_MEDIA_*` and `AWS_*` variables of a build or deploy against this bucket (all but the cache folder). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** One object as the server's files show it. */
export interface StoredObject {
  bytes: number;
  modifiedMs: number;
}

/** Every object in the bucket, by key. */
export function listBucket(bucket: BenchBucket): Map<string, StoredObject> {
  const root = join(bucket.directory, bucket.bucket);
  const objects = new Map<string, StoredObject>();
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return objects;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(OBJECT_SUFFIX)) continue;
    const file = join(entry.parentPath, entry.name);
    const info = statSync(file);
    const key = relative(root, file).split(sep).join('/').slice(0, -OBJECT_SUFFIX.length);
    objects.set(key, { bytes: info.size, modifiedMs: info.mtimeMs });
  }
  return objects;
}

/** Keys that are new in `after`, or whose object was written again (new time or size). */
export function writtenBetween(before: Map<string, StoredObject>, after: Map<string, StoredObject>): string[] {
  return [...after]
    .filter(([key, object]) => {
      const earlier = before.get(key);
      return !earlier || earlier.bytes !== object.bytes || earlier.modifiedMs !== object.modifiedMs;
    })
    .map(([key]) => key)
    .sort();
}

/** Starts the server in a child process; resolves once it accepts requests. */
export async function startBucket(directory: string, bucket = 'press-media'): Promise<BenchBucket> {
  // s3rver makes the continuation token of a listing longer than one page (1,000 keys) with DES,
  // which OpenSSL 3 keeps in its legacy provider; without it, listing a full-size bucket fails.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', import.meta.filename, directory, bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`the benchmark's S3 server (s3rver) exited with code ${code} before it started`)));
    lines.once('line', (line) => {
      try {
        done((JSON.parse(line) as { port: number }).port);
      } catch {
        fail(new Error(`the benchmark's S3 server said "${line}" instead of its port`));
      }
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PRESS_MEDIA_STORE: 's3',
    PRESS_MEDIA_URL: `${endpoint}/${bucket}`,
    PRESS_MEDIA_S3_BUCKET: bucket,
    PRESS_MEDIA_S3_ENDPOINT: endpoint,
    PRESS_MEDIA_S3_REGION: 'auto',
    PRESS_MEDIA_S3_PREFIX: '',
    PRESS_MEDIA_S3_PATH_STYLE: 'true',
    // s3rver accepts only its own built-in key pair.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // Keep the SDK from reading the developer's ~/.aws files or asking an instance-metadata address.
    AWS_CONFIG_FILE: join(directory, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(directory, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    endpoint,
    bucket,
    directory,
    env,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function serve(directory: string, bucket: string): Promise<void> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const server = new S3rver({
    // Nothing but 127.0.0.1: s3rver's default, `localhost`, may also mean ::1.
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    resetOnClose: false,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', () => {
    // The SDK's keep-alive sockets would hold close() until they time out.
    server.httpServer?.closeAllConnections();
    void server.close().then(() => process.exit(0));
  });
}

if (process.argv[1] === import.meta.filename) {
  const [directory, bucket] = process.argv.slice(2);
  if (!directory || !bucket) {
    process.stderr.write('usage: node scripts/bench/s3-server.ts <directory> <bucket>\n');
    process.exit(2);
  }
  await serve(directory, bucket);
}
