/**
 * `npm run build`: builds the site into a staging folder and replaces dist/ only when everything
 * succeeded. The output folder can be changed with PRESS_OUT_DIR. Runs on Node's own TypeScript
 * support, without tsx, so no loader process sits in memory beside Astro's during the build.
 */
import { buildAtomically } from './lib/atomic-output.ts';
import { buildSite } from './lib/site-build.ts';

const target = process.env.PRESS_OUT_DIR ?? 'dist';
const ok = await buildAtomically(target, buildSite);
if (!ok) {
  console.error(`\nThe build failed; ${target}/ still holds the last good site.`);
  process.exit(1);
}
console.log(`\nThe site is in ${target}/.`);
