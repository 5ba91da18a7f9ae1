/**
 * A real S3-compatible server on this machine, for the tests and the benchmark: s3rver, on
 * 127.0.0.1 at a random port, storing under a folder of the caller's, with one bucket made before
 * it answers. It runs in a child process: s3rver encrypts ListObjectsV2 continuation tokens with
 * DES, which OpenSSL 3 keeps in its legacy provider (without --openssl-legacy-provider any listing
 * longer than one page, 1,000 keys, fails with HTTP 500); its logger installs uncaught-exception
 * handlers, which have no place in a test worker; and its CPU and memory are then not counted as a
 * build's by the benchmark.
 *
 * What s3rver does not do, and callers must not rely on: it checks no SigV4 signature (only that
 * the access key id is its own, `S3RVER`), it stores aws-chunked request bodies as they come
 * (hence the client's WHEN_REQUIRED checksums), it keeps only Cache-Control, Content-Disposition,
 * Content-Encoding, Content-Language, Content-Type, Expires and `x-amz-meta-*` of an object's
 * headers, it cannot abort a multipart upload, and its Last-Modified is the stored file's mtime,
 * to the second. An object is the file `<directory>/<bucket>/<key>._S3rver_object`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MediaSettings } from '../../src/settings.ts';

/** Runs in the child: starts s3rver, prints its address as one JSON line, stops when stdin closes. */
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
process.stdin.on('end', () => {
  // The SDK's keep-alive sockets would hold close() until they time out.
  if (server.httpServer) server.httpServer.closeAllConnections();
  server.close().then(() => process.exit(0), () => process.exit(0));
});
`;

/** The only credentials s3rver accepts: its built-in account's key pair. */
export const S3RVER_ACCESS_KEY = 'S3RVER';

export interface LocalS3ServerOptions {
  /** Where s3rver keeps its buckets. */
  directory: string;
  /** Bucket name (default `press-media`). */
  bucket?: string;
  /** Key prefix inside the bucket (`PRESS_MEDIA_S3_PREFIX`). */
  prefix?: string;
  /** The media stage's cache (`PRESS_MEDIA_CACHE_DIR`) for `settings` and `env`; `<directory>/../cache` when unset. */
  cacheDir?: string;
}

export interface LocalS3Server {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** The bucket made at start. */
  bucket: string;
  /** Where s3rver keeps its buckets. */
  directory: string;
  /** Media settings for the s3 store on this server: path-style, public URL `${endpoint}/${bucket}[/${prefix}]`. */
  settings: MediaSettings;
  /** The same settings as `PRESS_MEDIA_*` variables, with s3rver's `AWS_*` credentials, for child processes. */
  env: Record<string, string>;
  /** Stops the server (its files stay). */
  stop(): Promise<void>;
}

export async function startLocalS3Server(options: LocalS3ServerOptions): Promise<LocalS3Server> {
  const bucket = options.bucket ?? 'press-media';
  const prefix = options.prefix ?? '';
  const { directory } = options;
  const serverOptions = {
    // s3rver's default is `localhost`, which may resolve to ::1 as well; only 127.0.0.1 is reached.
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    resetOnClose: false,
    // With vhost buckets on, a host name other than an IP or `localhost` is read as `<bucket>.<host>`.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  };
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD], {
    env: { ...process.env, S3RVER_MODULE: createRequire(import.meta.url).resolve('s3rver'), S3RVER_OPTIONS: JSON.stringify(serverOptions) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
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
    await stop();
    throw new Error(`s3rver listens on ${address}, not 127.0.0.1`);
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const publicUrl = `${endpoint}/${bucket}${prefix ? `/${prefix}` : ''}`;
  const cacheDir = options.cacheDir ?? join(directory, '..', 'cache');
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
    AWS_SECRET_ACCESS_KEY: S3RVER_ACCESS_KEY,
    // Keep the SDK from reading a developer's ~/.aws files or asking an instance-metadata address.
    AWS_CONFIG_FILE: join(directory, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(directory, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { endpoint, bucket, directory, settings, env, stop };
}
