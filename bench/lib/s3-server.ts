/**
 * The benchmark's own bucket: s3rver on 127.0.0.1 at a random port (scripts/lib/local-s3-server.ts),
 * in a child process of its own, so that neither its CPU nor its memory is counted as the build's
 * (the memory sampler follows the build's process tree only), and so that serving gigabytes of
 * uploads never delays the bench's own sampling timers. What was uploaded, and when, is read from
 * the files s3rver stores each object in (`<key>._S3rver_object` under `<directory>/<bucket>/`).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { startLocalS3Server } from '../../scripts/lib/local-s3-server.ts';

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

/** Starts the bucket's server (in a child process); resolves once it accepts requests. */
export async function startBucket(directory: string, bucket = 'press-media'): Promise<BenchBucket> {
  const server = await startLocalS3Server({ directory, bucket });
  // The cache folder is the scenario's to choose.
  const { PRESS_MEDIA_CACHE_DIR: _cache, ...env } = server.env;
  return { endpoint: server.endpoint, bucket, directory, env, stop: server.stop };
}
