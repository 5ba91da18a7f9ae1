/**
 * A real S3-compatible server for tests: s3rver, on 127.0.0.1 at a random port, storing into a
 * fresh folder under the run's temporary folder, with one bucket made before it answers.
 *
 * What s3rver does not do, and tests must not rely on: it checks no SigV4 signature (only that the
 * access key id is its own, `S3RVER`, so a wrong key id does fail with InvalidAccessKeyId), it
 * stores aws-chunked request bodies as they come (signature frames included), it keeps only
 * Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Content-Type, Expires
 * and `x-amz-meta-*` of an object's headers, it cannot abort a multipart upload, and its
 * Last-Modified is the stored file's mtime, to the second.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MediaSettings } from '../../src/settings';

/**
 * Runs in the child: starts s3rver with the options from the environment, prints its address as
 * one JSON line, and stops when its standard input closes, so that a test process that dies takes
 * it along.
 */
const CHILD = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver(JSON.parse(process.env.S3RVER_OPTIONS));
server.run().then(
  (address) => process.stdout.write(JSON.stringify(address) + '\\n'),
  (error) => {
    process.stderr.write(String((error && error.stack) || error));
    process.exit(1);
  },
);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/** The only credentials s3rver accepts: its built-in account's key pair. */
export const S3RVER_ACCESS_KEY = 'S3RVER';

export interface TestS3Server {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** The bucket made at start. */
  bucket: string;
  /** The folder s3rver keeps buckets in (an object is the file `<bucket>/<key>._S3rver_object`). */
  directory: string;
  /** Media settings for the s3 store on this server: path-style, public URL `${endpoint}/${bucket}[/${prefix}]`. */
  settings: MediaSettings;
  /** The same settings as `PRESS_MEDIA_*` variables, with s3rver's `AWS_*` credentials, for child processes. */
  env: Record<string, string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

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
  const bucket = options.bucket ?? 'press-media';
  const prefix = options.prefix ?? '';
  const root = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 's3rver-'));
  const directory = join(root, 'buckets');
  const serverOptions = {
    // s3rver's default is `localhost`, which may resolve to ::1 as well; tests reach 127.0.0.1 only.
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    resetOnClose: false,
    // With vhost buckets on, a request to a host name other than an IP or `localhost` is read as
    // `<bucket>.<host>`; path-style requests never need that guess.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  };
  // A process of its own, for two reasons. s3rver encrypts ListObjectsV2 continuation tokens with
  // DES, which OpenSSL 3 keeps in its legacy provider: without --openssl-legacy-provider every
  // listing longer than one page fails with HTTP 500. And its logger installs uncaught-exception
  // handlers, which have no place in a test worker.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD], {
    env: { ...process.env, S3RVER_MODULE: createRequire(import.meta.url).resolve('s3rver'), S3RVER_OPTIONS: JSON.stringify(serverOptions) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  const stopChild = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      await exited;
    }
  };
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    exited.then(([code]) => reject(new Error(`s3rver exited with code ${code} before it listened:\n${stderr}`)), reject);
  });
  const { address, port } = JSON.parse(firstLine) as { address: string; port: number };
  if (address !== '127.0.0.1') {
    await stopChild();
    throw new Error(`s3rver listens on ${address}, not 127.0.0.1`);
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const publicUrl = `${endpoint}/${bucket}${prefix ? `/${prefix}` : ''}`;
  const cacheDir = options.cacheDir ?? join(root, 'cache');
  const settings: MediaSettings = {
    store: 's3',
    cacheDir,
    cacheKeepDays: 30,
    publicUrl,
    s3: { bucket, endpoint, region: 'auto', prefix, forcePathStyle: true },
  };
  const env: Record<string, string> = {
    PRESS_MEDIA_STORE: 's3',
    PRESS_MEDIA_URL: publicUrl,
    PRESS_MEDIA_CACHE_DIR: cacheDir,
    PRESS_MEDIA_S3_BUCKET: bucket,
    PRESS_MEDIA_S3_ENDPOINT: endpoint,
    PRESS_MEDIA_S3_REGION: 'auto',
    PRESS_MEDIA_S3_PREFIX: prefix,
    PRESS_MEDIA_S3_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: S3RVER_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // Keep the SDK from reading a developer's ~/.aws files or asking an instance-metadata address.
    AWS_CONFIG_FILE: join(root, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    endpoint,
    bucket,
    directory,
    settings,
    env,
    async stop() {
      await stopChild();
      await rm(root, { recursive: true, force: true });
    },
  };
}
