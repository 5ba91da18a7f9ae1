/**
 * Takes apart what the media stage's press copies and ZIPs cost, one component at a time on the
 * sample photos: press copies (exiftool, one at a time), SHA-256 (the hash every key is made of),
 * writing a stored ZIP with writeZip against plain `cp` of the same bytes, and the process's peak
 * memory while zipping, to show the pack is streamed. `npm run bench` measures the stage as a
 * whole (its press copies and ZIPs against `cp`); this says which part of it to work on.
 *
 * Usage (from the repository root):
 *   npm run bench:packs -- [copies per photo, default 10] [rounds, default 3]
 *
 * It copies the sample photos into a temporary folder, so the content is never touched.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeExiftool, writePressCopy, type PhotoMetadata } from '../src/lib/packs/press-copy.ts';
import { sha256File } from '../src/lib/media/files.ts';
import { writeZip } from '../src/lib/packs/zip-writer.ts';

const copies = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 3);
const photosDir = resolve(import.meta.dirname, '../content/releases/scse-2023-taipei/photos');
const work = mkdtempSync(join(tmpdir(), 'pressroom-packs-bench-'));

const meta = (fileName: string): PhotoMetadata => ({
  fileName,
  originalLocale: 'ko',
  captions: { ko: '신베이컴퓨터협회 방문', en: 'Visit to the New Taipei Computer Association', 'zh-Hant': '新北市電腦商業同業公會參訪' },
  altTexts: { ko: '두 사람', en: 'Two people', 'zh-Hant': '兩人' },
  creator: 'Sisa Times',
  credit: '(c) Sisa Times',
  copyright: '© Sisa Times',
  webStatement: 'https://press.sdf.example.org/ko/usage-terms/',
  people: ['Kang Yo-sik', 'Chi-Yuan Chin'],
  city: 'Taipei',
  country: 'Taiwan',
  countryCode: 'TW',
  keywords: ['SCSE 2023'],
  englishDescription: 'Visit to the New Taipei Computer Association',
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

try {
  const sources = readdirSync(photosDir).filter((name) => name.endsWith('.jpg'));
  const originals = join(work, 'originals');
  mkdirSync(originals);
  for (let copy = 0; copy < copies; copy++) {
    for (const name of sources) copyFileSync(join(photosDir, name), join(originals, `${copy}-${name}`));
  }
  const files = readdirSync(originals).map((name) => join(originals, name));
  const megabytes = files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6;
  console.log(`${files.length} photos, ${megabytes.toFixed(1)} MB, ${rounds} rounds, Node ${process.version}, zlib ${process.versions.zlib}`);

  const pressCopies = join(work, 'press');
  mkdirSync(pressCopies);
  const pressTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    pressTimes.push(
      await timed(async () => {
        for (const file of files) await writePressCopy(file, join(pressCopies, `${round}-${file.split('/').at(-1)}`), meta('photo.jpg'));
      }),
    );
  }
  await closeExiftool();
  const pressSeconds = median(pressTimes);
  console.log(`press copies (exiftool, one at a time): ${pressSeconds.toFixed(2)} s, ${((pressSeconds / files.length) * 1000).toFixed(0)} ms per photo, ${(megabytes / pressSeconds).toFixed(0)} MB/s`);

  const hashTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    hashTimes.push(
      await timed(async () => {
        for (const file of files) await sha256File(file);
      }),
    );
  }
  const hashSeconds = median(hashTimes);
  console.log(`SHA-256 of the originals (cache keys): ${hashSeconds.toFixed(2)} s, ${(megabytes / hashSeconds).toFixed(0)} MB/s`);

  const zipTimes: number[] = [];
  const cpTimes: number[] = [];
  let peakRss = 0;
  const rssBefore = process.memoryUsage().rss;
  for (let round = 0; round < rounds; round++) {
    const zipPath = join(work, `pack-${round}.zip`);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    zipTimes.push(await timed(() => writeZip(zipPath, files.map((file) => ({ name: file.split('/').at(-1)!, source: { path: file } })))));
    clearInterval(sampler);
    rmSync(zipPath);
    const target = join(work, `cp-${round}`);
    cpTimes.push(await timed(() => execFileSync('cp', ['-r', originals, target])));
    rmSync(target, { recursive: true });
  }
  const zipSeconds = median(zipTimes);
  const cpSeconds = median(cpTimes);
  console.log(`writeZip, JPEGs stored: ${zipSeconds.toFixed(2)} s, ${(megabytes / zipSeconds).toFixed(0)} MB/s`);
  console.log(`cp -r of the same files: ${cpSeconds.toFixed(2)} s, ${(megabytes / cpSeconds).toFixed(0)} MB/s`);
  console.log(`peak RSS while zipping: ${(peakRss / 1e6).toFixed(0)} MB (${((peakRss - rssBefore) / 1e6).toFixed(0)} MB above the start) for a ${megabytes.toFixed(0)} MB pack`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
