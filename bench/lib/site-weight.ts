/**
 * What a built site weighs: the whole output folder by kind of file, and what one page makes a
 * reader download before any image (HTML, CSS, JavaScript, fonts), raw and gzipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

export interface FolderSize {
  bytes: number;
  files: number;
  /** Bytes per kind: html, css, js, font, image, zip, other. */
  byKind: Record<string, number>;
  /** The largest file, relative to the folder: static hosts cap the size of one file. */
  largestFile: string;
  largestFileBytes: number;
}

const KINDS: Record<string, string> = {
  '.html': 'html',
  '.css': 'css',
  '.js': 'js',
  '.mjs': 'js',
  '.woff': 'font',
  '.woff2': 'font',
  '.ttf': 'font',
  '.otf': 'font',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.webp': 'image',
  '.avif': 'image',
  '.svg': 'image',
  '.zip': 'zip',
};

const kindOf = (file: string) => KINDS[extname(file).toLowerCase()] ?? 'other';

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Apparent sizes, each file counted once even where a cache hard-links it. */
export function folderSize(dir: string): FolderSize {
  const byKind: Record<string, number> = {};
  let bytes = 0;
  let largest = { file: '', bytes: 0 };
  const files = listFiles(dir);
  for (const file of files) {
    const size = statSync(file).size;
    bytes += size;
    byKind[kindOf(file)] = (byKind[kindOf(file)] ?? 0) + size;
    if (size > largest.bytes) largest = { file: relative(dir, file), bytes: size };
  }
  return { bytes, files: files.length, byKind, largestFile: largest.file, largestFileBytes: largest.bytes };
}

export interface Weight {
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  page: string;
  /** The HTML file, inline `<style>` included. */
  html: Weight;
  /** Bytes of CSS inlined in `<style>` elements (part of `html`). */
  inlineCss: number;
  /** Stylesheets loaded with `<link>`. */
  css: Weight;
  js: Weight;
  fonts: Weight;
  /** HTML + CSS + JS + fonts. */
  total: Weight;
  /** `<script>` elements a browser runs, inline or not (JSON-LD and other data blocks are not). */
  scripts: number;
}

/** Types of `<script>` that hold data, not code: structured data, import maps' JSON and the like. */
const DATA_SCRIPT = /^application\/(?:ld\+)?json$/i;

const weigh = (data: Buffer): Weight => ({ bytes: data.length, gzip: gzipSync(data).length });
const add = (a: Weight, b: Weight): Weight => ({ bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip });
const none: Weight = { bytes: 0, gzip: 0 };

/** The site-local file an URL points to, or undefined for other origins. */
function localFile(siteDir: string, pageUrl: string, href: string): string | undefined {
  if (/^[a-z]+:/i.test(href) || href.startsWith('//')) return undefined;
  const path = href.startsWith('/') ? href : posix.join(posix.dirname(pageUrl.endsWith('/') ? `${pageUrl}x` : pageUrl), href);
  return join(siteDir, decodeURI(path.split(/[?#]/)[0]!));
}

/** Fonts a stylesheet loads with `url(…)`. */
function fontUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*['"]?([^'")]+\.(?:woff2?|ttf|otf))(?:[?#][^'")]*)?['"]?\s*\)/gi)].map((match) => match[1]!);
}

/** Weight of `page` (an URL path such as `/ko/releases/x/`) before images. */
export function pageWeight(siteDir: string, page: string): PageWeight {
  const htmlFile = join(siteDir, page.endsWith('.html') ? page : join(page, 'index.html'));
  const htmlBytes = readFileSync(htmlFile);
  const $ = cheerio.load(htmlBytes.toString('utf8'));
  const seen = new Set<string>();
  const fetchOnce = (href: string | undefined) => {
    const file = href ? localFile(siteDir, page, href) : undefined;
    if (!file || seen.has(file)) return undefined;
    seen.add(file);
    return readFileSync(file);
  };
  let css = none;
  let fonts = none;
  for (const link of $('link[rel="stylesheet"]').toArray()) {
    const href = $(link).attr('href');
    const data = fetchOnce(href);
    if (!data) continue;
    css = add(css, weigh(data));
    const base = localFile(siteDir, page, href!)!.slice(siteDir.length);
    for (const font of fontUrls(data.toString('utf8'))) {
      const fontData = fetchOnce(font.startsWith('/') ? font : posix.join(posix.dirname(base), font));
      if (fontData) fonts = add(fonts, weigh(fontData));
    }
  }
  let inlineCss = 0;
  for (const style of $('style').toArray()) {
    const text = $(style).text();
    inlineCss += Buffer.byteLength(text);
    for (const font of fontUrls(text)) {
      const fontData = fetchOnce(font);
      if (fontData) fonts = add(fonts, weigh(fontData));
    }
  }
  for (const link of $('link[rel="preload"][as="font"]').toArray()) {
    const fontData = fetchOnce($(link).attr('href'));
    if (fontData) fonts = add(fonts, weigh(fontData));
  }
  let js = none;
  for (const script of $('script[src]').toArray()) {
    const data = fetchOnce($(script).attr('src'));
    if (data) js = add(js, weigh(data));
  }
  const html = weigh(htmlBytes);
  const scripts = $('script')
    .toArray()
    .filter((script) => !DATA_SCRIPT.test(($(script).attr('type') ?? '').trim())).length;
  return { page, html, inlineCss, css, js, fonts, total: [html, css, js, fonts].reduce(add), scripts };
}
