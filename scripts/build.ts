/**
 * `npm run build`: builds the site into a staging folder and replaces dist/ only when everything
 * succeeded. The output folder can be changed with PRESS_OUT_DIR. `npm run build:preview` runs it
 * with PRESS_PREVIEW=1: the embargoed preview, into dist-preview/ (docs/decisions/0071). Runs on Node's own TypeScript
 * support, without tsx, so no loader process sits in memory beside Astro's during the build.
 * SIGINT or SIGTERM stop every step's processes and leave dist/ as it was (exit 130 / 143); a
 * second build of the same checkout stops at once unless PRESS_BUILD_WAIT lets it wait.
 */
import { outDir, SettingsError } from '../src/settings.ts';
import { buildAtomically, stoppedMessage, type BuildOutcome } from './lib/atomic-output.ts';
import { exitCodeFor, stopRequested } from './lib/run.ts';
import { buildSite } from './lib/site-build.ts';

let target = '';
let outcome: BuildOutcome;
try {
  // Inside the try: in a preview build (PRESS_PREVIEW) the output folder's setting is where the
  // preview's own checks run, and their message must be printed alone.
  target = outDir();
  outcome = await buildAtomically(target, buildSite);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // The message names the variable, its value and the fix; a stack trace would only bury it.
  console.error(error.message);
  process.exit(1);
}
const stop = stopRequested();
if (stop) {
  console.error(`\n${stoppedMessage(outcome, target)}`);
  process.exit(exitCodeFor(stop));
}
if (outcome === 'refused') process.exit(1);
if (outcome !== 'built') {
  console.error(`\nThe build failed; ${target}/ still holds the last good site.`);
  process.exit(1);
}
console.log(`\nThe site is in ${target}/.`);
