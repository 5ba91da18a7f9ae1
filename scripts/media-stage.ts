/**
 * `tsx scripts/media-stage.ts make`: the media stage (src/lib/media/stage.ts), run by
 * `npm run build` before `astro build`, in a process of its own.
 * `tsx scripts/media-stage.ts place <site folder>`: after `astro build`, puts the media the pages
 * link into the site folder when the store is local (a bucket is filled by `npm run deploy:media`).
 *
 * `--drafts` (used by `npm run dev`) includes drafts, as the dev server shows them.
 */
import { resolve } from 'node:path';
import { ContentError, formatProblems } from '../src/lib/content/problems';
import { buildVisibility } from '../src/lib/content/clock';
import { openMediaStore } from '../src/lib/media/open-store';
import { placeLocalMedia, readManifest } from '../src/lib/media/site-media';
import { OriginalNotFetchedError } from '../src/lib/media/lfs';
import { authorLanguage, contentDir, mediaSettings, photoSizeSettings, SettingsError, signupUrl } from '../src/settings';

const stamp = () => new Date().toTimeString().slice(0, 8);
// In the shape of Astro's own log lines, which the benchmark reads stage times from.
const log = (line: string) => console.log(`${stamp()} [pressroom:media] ${line}`);

async function main(): Promise<number> {
  const [command, outDir] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const settings = mediaSettings();
  authorLanguage(); // a bad PRESS_AUTHOR_LANG is reported before the work, not after the first problem
  signupUrl(); // read by astro.config.mjs, which only loads after the media stage's work
  const cacheDir = resolve(settings.cacheDir);
  if (command === 'make') {
    const content = contentDir();
    const photoSizes = photoSizeSettings();
    const visibility = buildVisibility({ includeDrafts: process.argv.includes('--drafts') });
    // Loaded here, inside the try below, because they read settings as they load (site.config.ts):
    // a bad value thrown by a static import would end the stage with a stack trace, not its message.
    const { checkSiteContent } = await import('../src/lib/content/reader');
    const { runMediaStage } = await import('../src/lib/media/stage');
    const checked = await checkSiteContent(content, visibility, photoSizes);
    const store = openMediaStore(settings);
    log(`media store: ${store.description}`);
    await runMediaStage({
      content: checked,
      cacheDir,
      store,
      maxPixels: photoSizes.maxPixels,
      minLongSide: photoSizes.minLongSide,
      // git lfs pull runs in the checkout that holds the content, which need not be this one.
      repoDir: resolve(content),
      cacheKeepDays: settings.cacheKeepDays,
      log,
      authorLanguage: authorLanguage(),
    });
    return 0;
  }
  if (command === 'place' && outDir) {
    if (settings.store !== 'local') return 0;
    const placed = await placeLocalMedia(await readManifest(cacheDir), resolve(outDir));
    log(`placed ${placed.files} media files (${(placed.bytes / 1e6).toFixed(1)} MB) into the site`);
    return 0;
  }
  console.error('usage: tsx scripts/media-stage.ts make [--drafts] | place <site folder>');
  return 2;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Mistakes in content or settings are the author's to fix: the message says how. A stack trace
  // would only bury it; it is printed with --verbose or DEBUG set, for bugs.
  if (error instanceof ContentError || error instanceof SettingsError || error instanceof OriginalNotFetchedError) {
    console.error(`\n${error instanceof ContentError ? formatProblems(error.problems, authorLanguageOrEnglish()) : error.message}`);
    if (process.env.DEBUG || process.argv.includes('--verbose')) console.error(error.stack);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}

function authorLanguageOrEnglish(): 'en' | 'ko' {
  try {
    return authorLanguage();
  } catch {
    return 'en';
  }
}
