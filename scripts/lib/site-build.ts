import { resolve } from 'node:path';
import { isPreview } from '../../src/settings.ts';
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
  // The staging folder reaches Astro as the output folder: in a preview build that is
  // PRESS_PREVIEW_OUT_DIR (settings.ts), and PRESS_OUT_DIR stays the public site's.
  const out = isPreview() ? { PRESS_PREVIEW_OUT_DIR: outDir } : { PRESS_OUT_DIR: outDir };
  if ((await tsx('media-stage.ts', ['make'])) !== 0) return false;
  if ((await astro(['build'], out)) !== 0) return false;
  if ((await tsx('media-stage.ts', ['place', outDir])) !== 0) return false;
  // No search index in the embargoed preview: its pages are all noindex, so it would be empty,
  // and a search over embargoed text is one more thing that could be copied out of the host.
  if (isPreview()) return true;
  return (await tsx('search-index.ts', [outDir])) === 0;
}
