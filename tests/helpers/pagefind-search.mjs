// Runs Pagefind's own browser search (dist/pagefind/pagefind.js and its WebAssembly) in Node, over
// a built site, in its own process so the browser globals it needs stay out of the test runner.
// Usage: node pagefind-search.mjs <siteDir> <html lang> <query>... → JSON { query: [urls] } on stdout.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [siteDir, lang, ...queries] = process.argv.slice(2);

// pagefind.js picks the index by <html lang>, as on the search page, and fetches its files.
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
globalThis.fetch = async (input) => {
  try {
    return new Response(await readFile(fileURLToPath(new URL(String(input)))));
  } catch {
    return new Response('', { status: 404 });
  }
};

const bundle = pathToFileURL(`${siteDir}/pagefind/`).href;
const pagefind = await import(`${bundle}pagefind.js`);
await pagefind.options({ basePath: bundle, baseUrl: '/' });

const found = {};
for (const query of queries) {
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.map((result) => result.data()));
  found[query] = results.map((result) => result.url);
}
process.stdout.write(JSON.stringify(found));
