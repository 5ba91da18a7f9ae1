import { watchedPage, type WatchedPage } from './browser';
import type { BrowserSession } from './served-pages';

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

/** The two screens the first-screen gates and screenshots use: a laptop and a phone. */
export const viewports: Viewport[] = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * Opens a site path in a fresh watched page whose viewport is set BEFORE the page loads, so the
 * page lays out (and chooses its images) for that screen from the start, as a reader's browser does.
 */
export async function visitAtSize(session: BrowserSession, path: string, viewport: Viewport, status = 200): Promise<WatchedPage> {
  const watched = await watchedPage(session.browser);
  await watched.page.setViewportSize({ width: viewport.width, height: viewport.height });
  const response = await watched.page.goto(new URL(path, session.site.url).href, { waitUntil: 'load' });
  if (response?.status() !== status) {
    await watched.close();
    throw new Error(`${path} answered HTTP ${response?.status() ?? 'nothing'}, expected ${status}: is the page type built?`);
  }
  return watched;
}

/** Width and height of a PNG, from its signature and IHDR chunk; throws if it is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 33 || !data.subarray(0, 8).equals(signature)) throw new Error('not a PNG: wrong signature');
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: the first chunk is not IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
