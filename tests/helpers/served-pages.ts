import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium, watchedPage, type WatchedPage } from './browser';
import { serveSite, type ServedSite } from '../../scripts/lib/static-server';

export interface ServedSession {
  site: ServedSite;
}

export interface BrowserSession extends ServedSession {
  browser: Browser;
  /** Opens a site path in a fresh watched page; fails unless the server answers with `status`. */
  visit: (path: string, status?: number) => Promise<WatchedPage>;
}

/**
 * Serves a built site (the shared test build unless told otherwise) for the test file, on a free
 * port, and stops it after its last test. Read the returned object inside tests only.
 */
export function useServedSite(siteDir: () => string = () => inject('siteDir')): ServedSession {
  const session = {} as ServedSession;
  beforeAll(async () => {
    session.site = await serveSite(siteDir());
  });
  afterAll(() => session.site?.close());
  return session;
}

/** A served site and a Chromium for the test file, both closed after its last test. */
export function useBrowserSession(siteDir?: () => string): BrowserSession {
  const session = useServedSite(siteDir) as BrowserSession;
  beforeAll(async () => {
    session.browser = await launchChromium();
    session.visit = async (path, status = 200) => {
      const watched = await watchedPage(session.browser);
      const response = await watched.page.goto(new URL(path, session.site.url).href, { waitUntil: 'load' });
      if (response?.status() !== status) {
        await watched.close();
        throw new Error(`${path} answered HTTP ${response?.status() ?? 'nothing'}, expected ${status}: is the page type built?`);
      }
      return watched;
    };
  });
  afterAll(() => session.browser?.close());
  return session;
}
