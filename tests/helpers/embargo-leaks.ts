import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readZip } from './zip';

/**
 * Every place in a folder where one of `needles` occurs: in a file's path, in its bytes, inside
 * the entries (names and data) of a ZIP, or inside a gzip-compressed file once decompressed, as
 * Pagefind stores its index fragments. For proving that nothing of an embargoed release (its
 * slug, its words, its photo's image data) left the build.
 */
export async function leaksIn(dir: string, needles: ReadonlyArray<string | Buffer>): Promise<string[]> {
  const found: string[] = [];
  const search = (where: string, bytes: Buffer) => {
    for (const needle of needles) {
      if (bytes.includes(needle)) found.push(`${where} holds ${typeof needle === 'string' ? `"${needle}"` : `${needle.length} bytes of image data`}`);
    }
  };
  const files = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((item) => item.isFile());
  for (const item of files) {
    const path = join(item.parentPath, item.name);
    const shown = relative(dir, path);
    search(`the path ${shown}`, Buffer.from(shown));
    const bytes = readFileSync(path);
    search(shown, bytes);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) search(`${shown} (decompressed)`, gunzipSync(bytes));
    if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      for (const entry of await readZip(path)) {
        search(`${shown} › entry name ${entry.name}`, Buffer.from(entry.name));
        search(`${shown} › ${entry.name}`, entry.data);
      }
    }
  }
  return found;
}

/** A run of image data from the middle of a JPEG's compressed scan: present in any copy of its picture. */
export function scanDataSample(jpeg: Buffer, length = 256): Buffer {
  const start = jpeg.lastIndexOf(Buffer.from([0xff, 0xda]));
  const from = start + Math.floor((jpeg.length - start) / 2);
  return jpeg.subarray(from, from + length);
}
