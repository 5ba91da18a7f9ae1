import { resolve } from 'node:path';
import { astro, run } from './run.ts';

/**
 * The whole site build into `outDir`: `astro build`, then the search index over its output in a
 * process of its own, once Astro's memory is released (the two together were the build's peak).
 * Resolves true when both succeeded.
 */
export async function buildSite(outDir: string): Promise<boolean> {
  if ((await astro(['build'], { PRESS_OUT_DIR: outDir })) !== 0) return false;
  const indexer = resolve(import.meta.dirname, '../search-index.ts');
  return (await run(process.execPath, ['--import', 'tsx', indexer, outDir])) === 0;
}
