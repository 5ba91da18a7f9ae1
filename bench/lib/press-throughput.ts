/**
 * How fast the media stage writes press copies and ZIPs, counted by the bytes it writes, against
 * `cp` of the same originals (each once) on the same disk. Both figures come from the stage's own
 * report (`last-stage.json`: bytes written and the wall time of each phase):
 *
 * - in the cold build, where press copies are written while web images are encoded on the same
 *   two cores, so their phase is as long as the share of the CPU they got;
 * - in a run of the stage alone that finds every web image already made (their records and files
 *   from the cold build, nothing else), so that it writes only press copies and ZIPs; its time
 *   includes flushing them to disk, as `cp`'s does. This is the figure the target is judged on.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MediaStageReport } from '../../src/lib/media/stage.ts';
import { OBJECTS_DIR, ORIGINAL_HASHES_FILE, RECORDS_FILE, REPORT_FILE } from '../../src/lib/media/stage-files.ts';
import { runCommand, type CommandRun } from './run-command.ts';

const exec = promisify(execFile);

export interface Throughput {
  /** Press copies and ZIPs made, and the bytes written for them. */
  pressCopies: number;
  zips: number;
  bytesWritten: number;
  /** Wall seconds of the press-copy and ZIP phases (and of flushing, where measured). */
  pressCopySeconds: number;
  zipSeconds: number;
  syncSeconds: number;
  seconds: number;
  /** Bytes written per second over `cp`'s original bytes per second. */
  ratioToCp: number;
}

export interface PressThroughput {
  inBuild: Throughput;
  alone: Throughput & { wallSeconds: number; peakPssBytes: number };
  cp: { seconds: number; bytes: number };
}

export function throughput(report: MediaStageReport, cp: { seconds: number; bytes: number }, syncSeconds = 0): Throughput {
  const bytesWritten = report.bytesWritten.pressCopies + report.bytesWritten.zips;
  const seconds = report.phaseSeconds.pressCopies + report.phaseSeconds.zips + syncSeconds;
  return {
    pressCopies: report.pressCopiesBuilt,
    zips: report.zipsBuilt,
    bytesWritten,
    pressCopySeconds: report.phaseSeconds.pressCopies,
    zipSeconds: report.phaseSeconds.zips,
    syncSeconds,
    seconds,
    ratioToCp: bytesWritten / seconds / (cp.bytes / cp.seconds),
  };
}

/** Seconds `cp` takes to copy `files` to a fresh folder and flush them to disk. */
export async function copyBaseline(files: string[], dest: string): Promise<number> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  execFileSync('sync', ['-f', dest]);
  const started = performance.now();
  // One cp per batch keeps the argument list within the system's limit.
  for (let index = 0; index < files.length; index += 500) {
    execFileSync('cp', ['--reflink=never', ...files.slice(index, index + 500), dest]);
  }
  execFileSync('sync', ['-f', dest]);
  const seconds = (performance.now() - started) / 1000;
  await rm(dest, { recursive: true, force: true });
  return seconds;
}

/**
 * A media cache holding only what the cold build made of web images and learnt of the originals
 * (their integrity): their records and (hard linked) files, and the originals' hashes, so the stage's reading phase does not hash them again.
 */
async function webImagesOnly(from: string, to: string): Promise<void> {
  await mkdir(join(to, OBJECTS_DIR, 'media'), { recursive: true });
  const records = JSON.parse(await readFile(join(from, RECORDS_FILE), 'utf8')) as Record<string, unknown>;
  await writeFile(join(to, RECORDS_FILE), JSON.stringify(Object.fromEntries(Object.entries(records).filter(([key]) => key.startsWith('web:') || key.startsWith('original:')))));
  const images = join(from, OBJECTS_DIR, 'media', 'img');
  if (existsSync(images)) await exec('cp', ['-al', images, join(to, OBJECTS_DIR, 'media', 'img')]);
  if (existsSync(join(from, ORIGINAL_HASHES_FILE))) await copyFile(join(from, ORIGINAL_HASHES_FILE), join(to, ORIGINAL_HASHES_FILE));
}

export interface AloneOptions {
  projectRoot: string;
  contentDir: string;
  /** The cold build's media cache. */
  coldMediaCache: string;
  workDir: string;
  logFile: string;
  cp: { seconds: number; bytes: number };
  /** Settings the corpus needs (e.g. the smallest photo it accepts). */
  env?: Record<string, string>;
}

/** Runs the media stage alone on the local store with the web images made; removes what it wrote. */
export async function pressAndZipsAlone(options: AloneOptions): Promise<{ run: CommandRun; throughput: PressThroughput['alone'] }> {
  const cache = join(options.workDir, 'media-cache');
  await rm(cache, { recursive: true, force: true });
  await webImagesOnly(options.coldMediaCache, cache);
  execFileSync('sync', ['-f', options.workDir]);
  const run = await runCommand(process.execPath, ['--import', 'tsx', join(options.projectRoot, 'scripts/media-stage.ts'), 'make'], {
    cwd: options.projectRoot,
    logFile: options.logFile,
    env: { ...options.env, PRESS_MEDIA_STORE: 'local', PRESS_MEDIA_CACHE_DIR: cache, PRESS_CONTENT_DIR: options.contentDir },
  });
  if (run.code !== 0) throw new Error(`the media stage alone failed (exit ${run.code}):\n${run.lines.slice(-30).map((line) => line.text).join('\n')}`);
  const syncStarted = performance.now();
  execFileSync('sync', ['-f', cache]);
  const syncSeconds = (performance.now() - syncStarted) / 1000;
  const report = JSON.parse(await readFile(join(cache, REPORT_FILE), 'utf8')) as MediaStageReport;
  await rm(cache, { recursive: true, force: true });
  if (report.imagesEncoded > 0) throw new Error(`the media stage alone encoded ${report.imagesEncoded} web images: the cold build's records did not cover them`);
  return { run, throughput: { ...throughput(report, options.cp, syncSeconds), wallSeconds: run.wallSeconds, peakPssBytes: run.peakBytes } };
}
