import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { download } from '../helpers/browser';
import { parseDisposition } from '../helpers/bucket-media';
import { contentCopy, projectRoot, runProject } from '../helpers/build-site';
import { writeFixtureJpeg } from '../helpers/fixture-photo';
import { startS3Server, type TestS3Server } from '../helpers/s3-server';
import { useBrowserSession } from '../helpers/served-pages';
import { BUILD_NOW, EMBARGOED_PHOTO } from '../helpers/shared-site';
import { pageLabel, sampleIds, samplePages } from './page-types';

/**
 * The console, CSP and image gates once more on a site whose media live in a bucket (the S3 store
 * on a real S3 server, filled by deploy:media): pages from one origin, every picture and download
 * from another, which the Content-Security-Policy must admit and the browser must actually load.
 */

let s3: TestS3Server;
let scratch: string;
let siteDir: string;
let bucketOrigin: string;
let publicUrl: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(process.env.PRESSROOM_TEST_TEMP ?? tmpdir(), 'bucket-site-'));
  s3 = await startS3Server({ cacheDir: join(scratch, 'media-cache') });
  publicUrl = s3.env.PRESS_MEDIA_URL!;
  bucketOrigin = new URL(publicUrl).origin;
  // The same content as the shared build: the page types list draws on both fixtures.
  const contentDir = await contentCopy([], [`${projectRoot}/tests/fixtures/ko-only-release`, `${projectRoot}/tests/fixtures/embargoed-release`]);
  await writeFixtureJpeg(join(contentDir, EMBARGOED_PHOTO), 'embargoed');
  siteDir = join(scratch, 'dist');
  const env = {
    ...s3.env,
    PRESS_NOW: BUILD_NOW,
    PRESS_CONTENT_DIR: contentDir,
    PRESS_OUT_DIR: siteDir,
    PRESS_CACHE_DIR: join(scratch, 'astro-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const built = await runProject([join(projectRoot, 'scripts/build.ts')], env);
  if (built.code !== 0) throw new Error(`The S3-mode build failed:\n${built.output.slice(-4000)}`);
  const deployed = await runProject(['--import', 'tsx', join(projectRoot, 'scripts/deploy-media.ts')], env);
  if (deployed.code !== 0) throw new Error(`deploy:media failed:\n${deployed.output.slice(-4000)}`);
  await rm(contentDir, { recursive: true, force: true });
}, 600_000);

afterAll(async () => {
  await s3?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The `img-src` sources of the page's Content-Security-Policy (Astro writes it as a meta element). */
async function imageSources(page: Page): Promise<string[] | undefined> {
  const policy = await page.locator('meta[http-equiv="content-security-policy" i]').getAttribute('content');
  const directive = policy
    ?.split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'img-src');
  return directive?.slice(1);
}

interface ImageState {
  src: string | null;
  currentSrc: string;
  complete: boolean;
  naturalWidth: number;
}

/**
 * Every `<img>` after it has been brought into view, as a reader scrolling down would: photos load
 * lazily, and one that never enters the viewport is never requested.
 */
async function loadedImages(page: Page): Promise<ImageState[]> {
  const images = page.locator('img');
  for (let index = 0, count = await images.count(); index < count; index += 1) {
    await images.nth(index).evaluate(
      (image: HTMLImageElement) =>
        new Promise<void>((settle) => {
          image.scrollIntoView({ block: 'center' });
          if (image.complete && image.naturalWidth > 0) return settle();
          image.addEventListener('load', () => settle(), { once: true });
          image.addEventListener('error', () => settle(), { once: true });
          setTimeout(settle, 15_000);
        }),
    );
  }
  return images.evaluateAll((elements) =>
    (elements as HTMLImageElement[]).map((image) => ({ src: image.getAttribute('src'), currentSrc: image.currentSrc, complete: image.complete, naturalWidth: image.naturalWidth })),
  );
}

/** Files of public/, which are part of the pages, not media. */
const siteAssets = new Set(readdirSync(join(projectRoot, 'public')).map((name) => `/${name}`));

const releasePage = (path: string) => path.endsWith(`/releases/${sampleIds.release}/`);

describe('the site with its media in a bucket, in Chromium', () => {
  const session = useBrowserSession(() => siteDir);
  const imagesSeen = new Map<string, number>();

  test.each(samplePages().map((sample) => [pageLabel(sample), sample.path]))('%s: no console error or CSP violation; every image loads from the bucket', async (_, path) => {
    const { page, problems, close } = await session.visit(path);
    try {
      expect(await imageSources(page), 'the CSP admits the bucket').toContain(bucketOrigin);
      const images = await loadedImages(page);
      imagesSeen.set(path, images.length);
      // The site's own drawings (public/: the logo mark) stay with the pages; every photo is the bucket's.
      const wrong = images.filter((image) => !(image.complete && image.naturalWidth > 0 && (image.currentSrc.startsWith(`${publicUrl}/`) || siteAssets.has(image.src ?? ''))));
      expect(wrong, 'images not loaded, or not from the bucket').toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  test('the photos were there to check: the release pages and the media library show them', () => {
    const withPhotos = [...imagesSeen].filter(([path]) => releasePage(path) || path.endsWith('/photos/'));
    expect(withPhotos.length).toBeGreaterThanOrEqual(6);
    expect(withPhotos.filter(([, count]) => count < 4)).toEqual([]);
  });

  test.each(samplePages().filter((sample) => sample.type === 'release' && releasePage(sample.path)).map((sample) => [pageLabel(sample), sample.path]))(
    '%s: the pack and every original download from the bucket as attachments',
    async (_, path) => {
      const { page, problems, close } = await session.visit(path);
      try {
        // Each file once: the pack is linked under the title and in the downloads block, an original
        // in the downloads block and under its photo.
        const links = [
          ...new Set(
            await page.locator('a[href]').evaluateAll((anchors) =>
              (anchors as HTMLAnchorElement[]).filter((anchor) => /\.(zip|jpe?g|pdf)$/i.test(new URL(anchor.href).pathname)).map((anchor) => anchor.href),
            ),
          ),
        ];
        const packs = links.filter((href) => href.endsWith('.zip'));
        const originals = links.filter((href) => /\.jpe?g$/i.test(href));
        expect(packs).toHaveLength(1);
        expect(originals).toHaveLength(4);
        expect(links.filter((href) => href.endsWith('.pdf')), 'the attachment').toHaveLength(1);
        for (const href of links) {
          expect(href.startsWith(`${publicUrl}/`), href).toBe(true);
          const response = await fetch(href, { method: 'HEAD' });
          const name = decodeURIComponent(new URL(href).pathname.split('/').pop()!);
          expect({ status: response.status, disposition: parseDisposition(response.headers.get('content-disposition') ?? undefined) }, href).toEqual({
            status: 200,
            disposition: { type: 'attachment', fileName: name },
          });
        }
        // The `download` attribute does nothing across origins: only the bucket's headers make
        // Chromium save these files instead of opening them.
        for (const href of [packs[0]!, originals[0]!]) {
          const saved = await download(page, page.locator(`a[href="${href}"]`).filter({ visible: true }).first());
          expect(saved.name).toBe(decodeURIComponent(new URL(href).pathname.split('/').pop()!));
          expect(saved.data.length).toBe(Number((await fetch(href, { method: 'HEAD' })).headers.get('content-length')));
        }
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    },
  );
});
