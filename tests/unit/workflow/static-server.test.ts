import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentTypeOf, serveSite, type ServedSite } from '../../../scripts/lib/static-server';

let root: string;
let site: ServedSite;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-served-'));
  await mkdir(join(root, 'en/releases/x'), { recursive: true });
  await mkdir(join(root, 'en/404'), { recursive: true });
  await writeFile(join(root, '404.html'), '<h1>not found, every language</h1>');
  await writeFile(join(root, 'en/404/index.html'), '<h1>Page not found</h1>');
  await writeFile(join(root, 'en/releases/x/index.html'), '<h1>x</h1>');
  await writeFile(join(root, 'en/releases/x/pack.zip'), 'PK');
  site = await serveSite(root);
});
afterAll(async () => {
  await site.close();
  await rm(root, { recursive: true, force: true });
});

const get = (path: string) => fetch(new URL(path, site.url), { redirect: 'manual' });

describe('the test server', () => {
  test('sends the content types browsers act on', () => {
    expect(contentTypeOf('a/pack.zip')).toBe('application/zip');
    expect(contentTypeOf('event.ics')).toBe('text/calendar; charset=utf-8');
    expect(contentTypeOf('pagefind/wasm.en.pagefind')).toBe('application/octet-stream');
    expect(contentTypeOf('pagefind/pagefind.wasm')).toBe('application/wasm');
    expect(contentTypeOf('photo.AVIF')).toBe('image/avif');
  });

  test('serves directory indexes, and files with their type', async () => {
    const page = await get('/en/releases/x/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<h1>x</h1>');
    const zip = await get('/en/releases/x/pack.zip');
    expect(zip.headers.get('content-type')).toBe('application/zip');
  });

  test('redirects a directory URL without its slash', async () => {
    const response = await get('/en/releases/x');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/en/releases/x/');
  });

  test('answers 404 with the language’s 404 page under a locale, the shared one elsewhere', async () => {
    const localized = await get('/en/nothing/');
    expect([localized.status, await localized.text()]).toEqual([404, '<h1>Page not found</h1>']);
    const shared = await get('/nothing/');
    expect([shared.status, await shared.text()]).toEqual([404, '<h1>not found, every language</h1>']);
  });

  test('never serves files outside the site', async () => {
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/..%2f..%2f..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(404);
  });
});
