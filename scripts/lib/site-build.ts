import { resolve } from 'node:path';
import { astro, run } from './run.ts';

const script = (name: string) => resolve(import.meta.dirname, `../${name}`);
/** A project script under tsx, which it needs for `src/` (extensionless imports, JSON modules). */
const tsx = (name: string, args: string[]) => run(process.execPath, ['--import', 'tsx', script(name), ...args]);

/**
 * The whole site build into `outDir`, each step in a process of its own so their memory never
 * adds up: the media stage (web images, press copies, ZIPs and the manifest pages read), then
 * `astro build`, then the local store's media placed into the site, then the search index over
 * the output. Resolves true when every step succeeded.
 */
export async function buildSite(outDir: string): Promise<boolean> {
  if ((await tsx('media-stage.ts', ['make'])) !== 0) return false;
  if ((await astro(['build'], { PRESS_OUT_DIR: outDir })) !== 0) return false;
  if ((await tsx('media-stage.ts', ['place', outDir])) !== 0) return false;
  return (await tsx('search-index.ts', [outDir])) === 0;
}
