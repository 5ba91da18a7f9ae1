/**
 * `npm run build`: builds the site into a staging folder and replaces dist/ only when everything
 * succeeded. The output folder can be changed with PRESS_OUT_DIR.
 */
import { buildAtomically } from './lib/atomic-output.ts';
import { astro } from './lib/run.ts';

const target = process.env.PRESS_OUT_DIR ?? 'dist';
const ok = await buildAtomically(target, async (staging) => (await astro(['build'], { PRESS_OUT_DIR: staging })) === 0);
if (!ok) {
  console.error(`\nThe build failed; ${target}/ still holds the last good site.`);
  process.exit(1);
}
console.log(`\nThe site is in ${target}/.`);
