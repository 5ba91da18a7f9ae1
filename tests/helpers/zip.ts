import yauzl from 'yauzl';

export interface ReadEntry {
  name: string;
  compressionMethod: number;
  data: Buffer;
  lastModFileDate: number;
  lastModFileTime: number;
  /** Number of extra fields (timestamps, Unicode paths…) in the central directory record. */
  extraFields: number;
}

/** Every entry of a ZIP with its bytes, in archive order, read with yauzl (not by our writer). */
export async function readZip(path: string): Promise<ReadEntry[]> {
  const zip = await yauzl.openPromise(path);
  const entries: ReadEntry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.push({
        name: entry.fileName,
        compressionMethod: entry.compressionMethod,
        data: Buffer.concat(chunks),
        lastModFileDate: entry.lastModFileDate,
        lastModFileTime: entry.lastModFileTime,
        extraFields: entry.extraFields.length,
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}

/** `sha256sum` lines as name → hash. */
export function parseSums(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)]));
}
