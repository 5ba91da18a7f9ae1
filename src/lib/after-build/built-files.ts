/**
 * The pages of a built site as files and as the URL paths a static host serves them under. Used
 * after the build by the search index, and by the link check and the tests, which must all see
 * the same list of pages.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML file under the output folder, in a stable order. */
export function htmlFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile() && item.name.endsWith('.html'))
    .map((item) => join(item.parentPath, item.name))
    .sort();
}

/** `/ko/releases/x/` for `<root>/ko/releases/x/index.html`, as the site serves it. */
export function pageUrlPath(root: string, file: string): string {
  const path = `/${relative(root, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The URL path of every built page, sorted. */
export function builtPagePaths(root: string): string[] {
  return htmlFiles(root)
    .map((file) => pageUrlPath(root, file))
    .sort();
}
