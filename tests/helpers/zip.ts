import yauzl from 'yauzl';

/** One file of a ZIP as read back, with the header fields reproducibility depends on. */
export interface ZipFileEntry {
  name: string;
  compressionMethod: number;
  data: Buffer;
  lastModFileDate: number;
  lastModFileTime: number;
  extraFields: number;
}

/** Opens a ZIP (a file path or the bytes a browser downloaded) and reads every entry in full. */
export async function readZip(source: string | Buffer): Promise<ZipFileEntry[]> {
  const zip = typeof source === 'string' ? await yauzl.openPromise(source) : await yauzl.fromBufferPromise(source);
  const entries: ZipFileEntry[] = [];
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
