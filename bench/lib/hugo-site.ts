/**
 * The Hugo anchor: the same corpus as plain Markdown (MDX components stripped), every language
 * version a page with hreflang links to its translations, the entity pages and a paginated
 * archive, through a minimal template. Hugo comes from Debian's `hugo` package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { defaultLocale, locales } from '../../src/i18n/locales.ts';
import { splitMdx } from './corpus.ts';

export function hugoVersion(): string | undefined {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Installs Debian's hugo when it is missing and we may (root, apt); otherwise says how. */
export function ensureHugo(log: (line: string) => void): string {
  const found = hugoVersion();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error('Hugo is not installed: install it (Debian/Ubuntu: sudo apt-get install hugo), or run the benchmark with --skip-hugo');
  }
  log('hugo is missing: installing Debian’s hugo package with apt-get');
  execFileSync('apt-get', ['update'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'hugo'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = hugoVersion();
  if (!installed) throw new Error('apt-get installed hugo but `hugo version` still fails');
  return installed;
}

/** Markdown without MDX: component lines (`<Photo … />`) removed. */
export function plainMarkdown(mdxBody: string): string {
  return mdxBody
    .split('\n')
    .filter((line) => !/^\s*<[A-Z][\w.]*[^>]*\/>\s*$/.test(line))
    .join('\n');
}

const ARCHIVE_PAGE_SIZE = 20;

const config = (siteUrl: string) => `baseURL = "${siteUrl}/"
defaultContentLanguage = "${localePath(defaultLocale)}"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
paginate = ${ARCHIVE_PAGE_SIZE}
${locales
  .map(
    (locale, index) => `
[languages.${locale.path}]
languageCode = "${locale.code}"
contentDir = "content/${locale.path}"
weight = ${index + 1}`,
  )
  .join('\n')}
`;

const localePath = (code: string) => locales.find((locale) => locale.code === code)!.path;

const head = `<head><meta charset="utf-8"><title>{{ .Title }}</title>{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">{{ end }}</head>`;

const LAYOUTS: Record<string, string> = {
  '_default/single.html': `<!doctype html><html lang="{{ .Site.LanguageCode }}">${head}<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n`,
  '_default/list.html': `<!doctype html><html lang="{{ .Site.LanguageCode }}">${head}<body><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n`,
  'index.html': `<!doctype html><html lang="{{ .Site.LanguageCode }}">${head}<body><ul>{{ range first 10 (where .Site.RegularPages "Section" "releases") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n`,
};

async function writePage(file: string, frontmatter: Record<string, unknown>, body: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `---\n${stringifyYaml(frontmatter, { lineWidth: 0 })}---\n${body}\n`);
}

/** Writes a Hugo site for the corpus in `corpusDir` into `siteDir`. */
export async function writeHugoSite(corpusDir: string, siteDir: string, siteUrl: string): Promise<void> {
  await writeFile(join(siteDir, 'hugo.toml'), config(siteUrl));
  for (const [path, text] of Object.entries(LAYOUTS)) {
    await mkdir(join(siteDir, 'layouts', path, '..'), { recursive: true });
    await writeFile(join(siteDir, 'layouts', path), text);
  }
  const releasesDir = join(corpusDir, 'releases');
  for (const slug of await readdir(releasesDir)) {
    const original = splitMdx(await readFile(join(releasesDir, slug, `${localePath(defaultLocale)}.mdx`), 'utf8'));
    for (const locale of locales) {
      const file = join(releasesDir, slug, `${locale.path}.mdx`);
      if (!existsSync(file)) continue;
      const { frontmatter, body } = splitMdx(await readFile(file, 'utf8'), file);
      await writePage(
        join(siteDir, 'content', locale.path, 'releases', `${slug}.md`),
        { title: frontmatter.title, date: original.frontmatter.date, summary: frontmatter.summary },
        plainMarkdown(body),
      );
    }
  }
  for (const [folder, titleField] of [['events', 'name'], ['mous', 'title'], ['organizations', 'name']] as const) {
    for (const name of await readdir(join(corpusDir, folder))) {
      const data = parseYaml(await readFile(join(corpusDir, folder, name), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const locale of locales) {
        const id = name.replace(/\.ya?ml$/, '');
        await writePage(join(siteDir, 'content', locale.path, folder, `${id}.md`), { title: data[titleField]?.[locale.code] ?? id }, data.description?.[locale.code] ?? '');
      }
    }
  }
}
