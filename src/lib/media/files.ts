/** Files the media stage keeps and hands on: hashed by content, placed by hard link where possible. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Lower-case hex SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Puts a made file at `destPath`: a hard link (no copy of the bytes) when both are on one file
 * system, else a copy. Linking is safe because nothing rewrites a placed file in place; `link:
 * false` always copies.
 */
export async function placeFile(madePath: string, destPath: string, options: { link?: boolean } = {}): Promise<void> {
  await mkdir(dirname(destPath), { recursive: true });
  await rm(destPath, { force: true });
  if (options.link ?? true) {
    try {
      await link(madePath, destPath);
      return;
    } catch (error) {
      // Across file systems, or where links are not allowed, a copy does the same job.
      if (!(error instanceof Error && ['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? ''))) throw error;
    }
  }
  await copyFile(madePath, destPath);
}
