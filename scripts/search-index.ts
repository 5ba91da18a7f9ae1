/**
 * `tsx scripts/search-index.ts <site folder>`: writes the search index of a built site. Run by
 * the build (scripts/lib/site-build.ts) once `astro build` has exited; see src/lib/after-build/search-index.ts.
 */
import { writeSearchIndex } from '../src/lib/after-build/search-index';

const root = process.argv[2];
if (!root) {
  console.error('usage: tsx scripts/search-index.ts <built site folder>');
  process.exit(2);
}
const { perLanguage, milliseconds } = await writeSearchIndex(root);
const pages = [...perLanguage].map(([language, count]) => `${count} ${language}`).join(', ');
// In the shape of Astro's own log lines, which the benchmark reads stage times from.
console.log(`${new Date().toTimeString().slice(0, 8)} [pressroom:search-index] indexed ${pages || 'no'} pages for search in ${milliseconds} ms`);
