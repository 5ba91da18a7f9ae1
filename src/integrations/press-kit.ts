import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { MANIFEST_ENV, outputSummary, readManifest, type OutputRecord } from '../lib/packs/handoff';
import { markUsed, pruneUnused } from '../lib/packs/cache-pruning';
import { packCacheDir } from '../lib/paths';
import { siteConfig } from '../site.config';
import { placeFile } from '../lib/zip-pack';

export interface PressKitOptions {
  /** Where packs and press copies are cached; `PRESS_PACK_CACHE_DIR` or `<cacheDir>/packs`. */
  cacheDir?: string;
  /**
   * Hard-link cached files into the output instead of copying them (the default; falls back to a
   * copy across file systems). Set false when something edits the output in place after the build.
   */
  link?: boolean;
}

/**
 * Puts photo packs and single press copies into the output folder. The pages build them into the
 * cache while rendering (they print each file's size) and list them in a manifest; this hook runs
 * after Astro has written and cleaned the output folder, so nothing removes them afterwards.
 */
export function pressKit(options: PressKitOptions = {}): AstroIntegration {
  const cacheDir = options.cacheDir ?? packCacheDir;
  let manifest: string | undefined;
  const startManifest = () => {
    manifest = join(cacheDir, 'manifests', `${process.pid}-${randomBytes(6).toString('hex')}.json`);
    process.env[MANIFEST_ENV] = manifest;
    return manifest;
  };
  return {
    name: 'pressroom:press-kit',
    hooks: {
      // `astro dev` renders in this process too: serve each download from the cache once a page has made it.
      'astro:server:setup': ({ server }) => {
        const devManifest = startManifest();
        server.middlewares.use((request, response, next) => {
          serveDownload(devManifest, request.url ?? '', response).then((served) => served || next(), next);
        });
      },
      'astro:build:start': () => {
        startManifest();
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!manifest) return;
        const records = await readManifest(manifest);
        const started = performance.now();
        await placeOutputs(records, fileURLToPath(dir), options.link ?? true);
        logger.info(outputSummary(records, performance.now() - started));
        await rm(manifest, { force: true });
        delete process.env[MANIFEST_ENV];
        // File times are the machine's, so the real clock here, not the build's PRESS_NOW.
        const now = new Date();
        await markUsed(records.map((record) => record.cachedPath), now);
        const pruned = await pruneUnused(cacheDir, { now, keepDays: siteConfig.packCacheKeepDays });
        if (pruned.removed > 0) {
          logger.info(`removed ${pruned.removed} cached files no build used in ${siteConfig.packCacheKeepDays} days (${(pruned.bytes / 1e6).toFixed(1)} MB)`);
        }
      },
    },
  };
}

async function serveDownload(manifest: string, url: string, response: ServerResponse): Promise<boolean> {
  const path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  if (!/^\/(packs|photos\/originals)\//.test(path)) return false;
  const record = (await readManifest(manifest)).find((candidate) => candidate.href === path);
  if (!record) return false;
  response.setHeader('Content-Type', record.href.endsWith('.zip') ? 'application/zip' : 'image/jpeg');
  createReadStream(record.cachedPath).pipe(response);
  return true;
}

async function placeOutputs(records: OutputRecord[], outDir: string, link: boolean): Promise<void> {
  for (const record of records) {
    try {
      await placeFile(record.cachedPath, join(outDir, record.href), { link });
    } catch (error) {
      throw new Error(`Could not put ${record.href} into the output from the pack cache (${record.cachedPath}): ${(error as Error).message}`);
    }
  }
}
