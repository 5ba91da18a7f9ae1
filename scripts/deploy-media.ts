/**
 * `npm run deploy:media`: uploads the media of the last build (`npm run build` with
 * PRESS_MEDIA_STORE=s3) to the bucket, checks every upload, and then records what was made, so
 * that the next build, on any machine, can skip it. Run it before the site itself is deployed:
 * the new pages link to these objects.
 *
 *   --delete-unreferenced --grace-days N   also delete objects this build's pages do not link
 *                                          (stable downloads of withdrawn releases included) that
 *                                          every publish of the last N days found unreferenced
 *
 * Set DEBUG=1 to see the stack of an error.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MediaManifest } from '../src/lib/media/manifest';
import { openMediaStore } from '../src/lib/media/open-store';
import { publishMedia, type PublishProgress } from '../src/lib/media/publish';
import { MANIFEST_FILE, RECORDS_FILE } from '../src/lib/media/stage-files';
import type { ListedObject, MediaRecords } from '../src/lib/media/store';
import { mediaSettings, SettingsError } from '../src/settings';

/** Without a terminal, a progress line every this many objects. */
const PLAIN_PROGRESS_EVERY = 100;
/** Unreferenced keys shown by name in the summary. */
const SHOWN_KEYS = 5;

/** A problem the person running the script can fix; shown without a stack. */
class UsageError extends Error {}

const megabytes = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
const objects = (count: number) => `${count.toLocaleString('en-US')} object${count === 1 ? '' : 's'}`;
const total = (items: ListedObject[]) => items.reduce((sum, item) => sum + item.bytes, 0);

function options(): { graceDays?: number } {
  let values;
  try {
    ({ values } = parseArgs({ options: { 'delete-unreferenced': { type: 'boolean' }, 'grace-days': { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: npm run deploy:media [-- --delete-unreferenced --grace-days N]`);
  }
  const days = values['grace-days'];
  if (!values['delete-unreferenced']) {
    if (days !== undefined) throw new UsageError('--grace-days goes with --delete-unreferenced; without it nothing is deleted');
    return {};
  }
  if (days === undefined) throw new UsageError('--delete-unreferenced needs --grace-days N: objects unreferenced for fewer than N days are kept');
  if (!/^\d+$/.test(days) || Number(days) < 1) throw new UsageError(`--grace-days takes a whole number of days, at least 1; got "${days}"`);
  return { graceDays: Number(days) };
}

/**
 * The store keys a record names: every string under a property called `key`, at any depth (the
 * media stage's records name their objects so: `{ key }`, or `{ images: [{ key }], card: { key } }`).
 * Records of objects this run deletes are then dropped before the objects go.
 */
function keysInRecord(record: unknown): string[] {
  const keys: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) {
        if (name === 'key' && typeof inner === 'string') keys.push(inner);
        else visit(inner);
      }
    }
  };
  visit(record);
  return keys;
}

async function readJson<T>(file: string): Promise<T> {
  if (!existsSync(file)) throw new UsageError(`${file} is missing: run npm run build first (with PRESS_MEDIA_STORE=s3)`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    throw new UsageError(`${file} is not valid JSON: run npm run build again`);
  }
}

/** A single line rewritten in place on a terminal; a line every so many objects in a log. */
function progressReporter(): (progress: PublishProgress) => void {
  const tty = process.stdout.isTTY === true;
  let shownAt = 0;
  return ({ done, total: count, bytes }) => {
    if (count === 0) return;
    const line = `uploading: ${done.toLocaleString('en-US')} of ${objects(count)}, ${megabytes(bytes)}`;
    if (tty) {
      // Thousands of small objects would otherwise redraw the line faster than anyone reads it.
      if (done !== count && Date.now() - shownAt < 100) return;
      shownAt = Date.now();
      process.stdout.write(`\r\x1b[2K${line}${done === count ? '\n' : ''}`);
    } else if (done > 0 && (done % PLAIN_PROGRESS_EVERY === 0 || done === count)) {
      console.log(line);
    }
  };
}

async function main(): Promise<void> {
  const { graceDays } = options();
  const settings = mediaSettings();
  if (settings.store === 'local') {
    throw new UsageError(
      'PRESS_MEDIA_STORE is "local": the media travel inside dist/ with the site, so there is nothing to deploy. Set PRESS_MEDIA_STORE=s3 (and its PRESS_MEDIA_S3_* settings) to publish media to a bucket.',
    );
  }
  const manifestFile = join(settings.cacheDir, MANIFEST_FILE);
  const manifest = await readJson<MediaManifest>(manifestFile);
  const localRecords = await readJson<MediaRecords>(join(settings.cacheDir, RECORDS_FILE));
  if (manifest.version !== 1 || !Array.isArray(manifest.objects)) throw new UsageError(`${manifestFile} is not a media manifest this version reads: run npm run build again`);
  if (manifest.store !== 's3') throw new UsageError('the last build made its media for the local store: run npm run build again with PRESS_MEDIA_STORE=s3');

  const store = openMediaStore(settings);
  try {
    if (manifest.origin !== store.origin) {
      throw new UsageError(`the last build links its media at ${manifest.origin ?? 'the site itself'}, but PRESS_MEDIA_URL is at ${store.origin}: run npm run build again`);
    }
    console.log(`media store: ${store.description}`);
    const result = await publishMedia({
      manifest,
      localRecords,
      store,
      deleteUnreferenced: graceDays === undefined ? undefined : { graceDays },
      onProgress: progressReporter(),
      journalFile: join(settings.cacheDir, 'deploy-journal.jsonl'),
      recordKeys: keysInRecord,
    });
    console.log(`uploaded: ${objects(result.uploaded.count)}, ${megabytes(result.uploaded.bytes)}`);
    console.log(`copied in the bucket (stable download addresses, no bytes sent): ${objects(result.copied.count)}, ${megabytes(result.copied.bytes)}`);
    console.log(`already there: ${objects(result.skipped.count)}, ${megabytes(result.skipped.bytes)}`);
    const { unreferenced, deleted } = result;
    if (unreferenced.length === 0) {
      console.log('unreferenced: none');
    } else {
      console.log(`unreferenced (not linked by this build): ${objects(unreferenced.length)}, ${megabytes(total(unreferenced))}`);
      for (const item of unreferenced.slice(0, SHOWN_KEYS)) console.log(`  ${item.key}`);
      if (unreferenced.length > SHOWN_KEYS) console.log(`  … and ${unreferenced.length - SHOWN_KEYS} more`);
      if (graceDays === undefined) console.log('  kept; `npm run deploy:media -- --delete-unreferenced --grace-days N` deletes those unreferenced for more than N days');
      else console.log(`deleted: ${objects(deleted.length)}, ${megabytes(total(deleted))} (unreferenced for more than ${graceDays} days)`);
    }
  } finally {
    (store as { close?: () => void }).close?.();
  }
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`deploy:media: ${message}`);
  if (process.env.DEBUG && error instanceof Error) {
    console.error(error.stack);
    if (error.cause) console.error('caused by:', error.cause);
  } else if (!(error instanceof UsageError) && !(error instanceof SettingsError)) {
    // A failed request or a bug: where it happened is one variable away.
    console.error('(set DEBUG=1 to see where it failed)');
  }
  process.exitCode = 1;
}
