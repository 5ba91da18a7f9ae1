import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * What stops a build from using `outDir` as its output folder, or undefined when it may. The build
 * replaces the output folder as a whole (renames it away and deletes it once the new site is in
 * place), so a wrong PRESS_OUT_DIR would delete whatever was there: the content, the project, or
 * someone's unrelated files. Checked before anything is built, written or deleted.
 */
export function outputDirProblem(outDir: string, where: { contentDir: string; cwd: string }): string | undefined {
  const out = canonical(resolve(where.cwd, outDir));
  const content = canonical(resolve(where.cwd, where.contentDir));
  const project = canonical(resolve(where.cwd));
  const named = `The output folder ${outDir} (PRESS_OUT_DIR)`;
  const fix = 'Set PRESS_OUT_DIR to a folder of its own, e.g. PRESS_OUT_DIR=dist (the default), and build again.';

  if (out === content) return `${named} is the content folder (PRESS_CONTENT_DIR): the build replaces its output folder whole, so it would delete every release. ${fix}`;
  if (isInside(out, content)) return `${named} is inside the content folder ${where.contentDir} (PRESS_CONTENT_DIR): the build would write the site into your content. ${fix}`;
  if (out === project) return `${named} is the project folder itself: the build replaces its output folder whole, so it would delete the project. ${fix}`;
  if (isInside(project, out)) return `${named} contains the project folder ${project}: the build replaces its output folder whole, so it would delete the project and everything beside it. ${fix}`;
  if (isInside(content, out)) return `${named} contains the content folder ${where.contentDir} (PRESS_CONTENT_DIR): the build replaces its output folder whole, so it would delete every release. ${fix}`;

  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return `${named} is a file, not a folder. ${fix}`;
  if (readdirSync(out).length === 0 || looksLikeBuiltSite(out)) return undefined;
  return (
    `${named} holds files that are not a built site (a built site has index.html and _astro/ at its top): ` +
    'the build replaces its output folder whole, so they would be deleted. ' +
    'Set PRESS_OUT_DIR to an empty or new folder, or to the folder of an earlier build, and build again.'
  );
}

/** A site this build made earlier: the only non-empty folder it may replace. */
function looksLikeBuiltSite(dir: string): boolean {
  const index = join(dir, 'index.html');
  const assets = join(dir, '_astro');
  return existsSync(index) && statSync(index).isFile() && existsSync(assets) && statSync(assets).isDirectory();
}

/** `child` lies strictly below `parent`. */
function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

/**
 * The path with symbolic links resolved as far as it exists, so that a link to the content folder
 * (or /tmp being a link, as on macOS) is recognised as what it points to.
 */
function canonical(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    rest.unshift(basename(existing));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}
