import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderSize, pageWeight } from '../../lib/site-weight';

describe('pageWeight', () => {
  let site: string;
  const html =
    '<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"><style>p{color:red}</style>' +
    '<script type="application/ld+json">{"@type":"NewsArticle"}</script><script type="module" src="../../app.js"></script></head><body><p>x</p></body></html>';
  const css = "@font-face{font-family:a;src:url('./a.woff2')}body{margin:0}";

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'pressroom-weight-'));
    await mkdir(join(site, 'ko/releases/a'), { recursive: true });
    await mkdir(join(site, '_astro'), { recursive: true });
    await writeFile(join(site, 'ko/releases/a/index.html'), html);
    await writeFile(join(site, '_astro/site.css'), css);
    await writeFile(join(site, '_astro/a.woff2'), Buffer.alloc(1000, 7));
    await writeFile(join(site, 'ko/app.js'), 'console.log(1)');
    await writeFile(join(site, '_astro/photo.avif'), Buffer.alloc(5000));
  });
  afterAll(() => rm(site, { recursive: true, force: true }));

  it('adds up the HTML, its stylesheets, the fonts they load and its scripts, raw and gzipped', () => {
    const weight = pageWeight(site, '/ko/releases/a/');
    expect(weight.html).toEqual({ bytes: Buffer.byteLength(html), gzip: gzipSync(html).length });
    expect(weight.inlineCss).toBe('p{color:red}'.length);
    expect(weight.css.bytes).toBe(css.length);
    expect(weight.fonts.bytes).toBe(1000);
    expect(weight.js.bytes).toBe('console.log(1)'.length);
    expect(weight.total.bytes).toBe(Buffer.byteLength(html) + css.length + 1000 + 14);
  });

  it('counts scripts a browser runs, not JSON-LD', () => {
    expect(pageWeight(site, '/ko/releases/a/').scripts).toBe(1);
  });

  it('sizes a folder by kind of file', () => {
    const size = folderSize(site);
    expect(size.files).toBe(5);
    expect(size.byKind.image).toBe(5000);
    expect(size.byKind.font).toBe(1000);
    expect(size).toMatchObject({ largestFile: '_astro/photo.avif', largestFileBytes: 5000 });
  });
});
