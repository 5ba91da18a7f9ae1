import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeFile, sha256File } from '../../../src/lib/media/files';

let dir: string;
let made: string;
const bytes = Buffer.from('신베이컴퓨터협회 방문 — a made file\n'.repeat(5000));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-files-'));
  made = join(dir, 'made.bin');
  await writeFile(made, bytes);
});

describe('the media stage’s files', () => {
  it('hashes a file as SHA-256 of its bytes, streamed', async () => {
    expect(await sha256File(made)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('places a made file by hard link, into folders it creates, replacing what was there', async () => {
    const fresh = join(dir, 'site/media/img/a.bin');
    await placeFile(made, fresh);
    expect((await stat(fresh)).ino).toBe((await stat(made)).ino);
    // A file already at the destination (a last build's) is replaced, not written through.
    const dest = join(dir, 'site/media/img/b.bin');
    await writeFile(dest, 'stale');
    await placeFile(made, dest);
    const [source, placed] = await Promise.all([stat(made), stat(dest)]);
    expect(placed.ino).toBe(source.ino);
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });

  it('copies instead of linking when asked', async () => {
    const dest = join(dir, 'copied.bin');
    await placeFile(made, dest, { link: false });
    const [source, placed] = await Promise.all([stat(made), stat(dest)]);
    expect(placed.ino).not.toBe(source.ino);
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });
});
