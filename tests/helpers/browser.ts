import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { readZip, type ZipFileEntry } from './zip';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A working Chromium binary (scripts/find-chromium.ts). */
    chromiumPath: string;
    /** A working Java 17+ binary, for vnu.jar. */
    javaPath: string;
  }
}

/**
 * Flags that work on these machines: root without a sandbox, no GPU, and nothing that talks to
 * the network behind the tests' back (updates, sync, field trials).
 */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts the system's Chromium; Playwright gives every launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: chromiumFlags });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed requests, as readable lines. */
  problems: string[];
  close: () => Promise<void>;
}

/**
 * A page in a fresh context that records everything a reader's console would show as an error.
 * CSP violations are also reported through the `securitypolicyviolation` event, so one the
 * console phrases differently (or a report-only one) is still caught.
 */
export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    const where = message.location().url;
    if (message.type() === 'error') problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // The browser cancelled it: the reader followed a link while images were still loading, or
    // a link led to a file that is saved rather than shown (download() checks that one arrived).
    // Blocked or broken requests fail otherwise (ERR_BLOCKED_BY_CSP, an HTTP error status).
    if (reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return { page, problems, close: () => context.close() };
}

export interface KeyboardReach {
  /** Elements a keyboard user must be able to reach, in document order, described. */
  focusable: string[];
  /** Elements that received focus while tabbing through the page, in order, described alike. */
  reached: string[];
  /** Focusable elements that Tab never reached. */
  missed: string[];
}

/**
 * Tabs through the page from the top, as a keyboard user does, and lists what received focus
 * beside what should be focusable (links, buttons, form fields, summaries, non-negative tabindex;
 * rendered, enabled, not inert). Elements are told apart by a marker attribute, so two links with
 * the same text are not confused.
 */
export async function tabThrough(page: Page): Promise<KeyboardReach> {
  const marker = 'data-keyboard-check';
  const focusable = await page.evaluate((marker) => {
    const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, audio[controls], video[controls], [contenteditable]:not([contenteditable="false"]), [tabindex]';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.tabIndex >= 0 && !element.matches(':disabled') && !element.closest('[inert]') && element.checkVisibility({ visibilityProperty: true }))
      .map((element, index) => {
        element.setAttribute(marker, String(index));
        const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
        return `<${element.tagName.toLowerCase()}> "${text}" ${element.getAttribute('href') ?? ''}`.trim();
      });
  }, marker);
  const reached: string[] = [];
  const reachedIndices = new Set<number>();
  let first: string | null | undefined;
  for (let press = 0; press < focusable.length + 3; press += 1) {
    await page.keyboard.press('Tab');
    const current = await page.evaluate((marker) => {
      const element = document.activeElement;
      if (!element || element === document.body) return undefined;
      return { index: element.getAttribute(marker), html: element.outerHTML.slice(0, 120) };
    }, marker);
    // Past the last element, focus leaves the document (or wraps round to the first element).
    if (current === undefined) break;
    if (first !== undefined && current.index !== null && current.index === first) break;
    first ??= current.index;
    if (current.index !== null) reachedIndices.add(Number(current.index));
    reached.push(current.index === null ? `(not in the focusable list) ${current.html}` : focusable[Number(current.index)]!);
  }
  return { focusable, reached, missed: focusable.filter((_, index) => !reachedIndices.has(index)) };
}

/** Clicks a download link and returns the file the browser received, with its suggested name. */
export async function download(page: Page, link: Locator): Promise<{ name: string; data: Buffer }> {
  const [received] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const failure = await received.failure();
  if (failure) throw new Error(`The download from ${received.url()} failed: ${failure}`);
  const path = await received.path();
  return { name: received.suggestedFilename(), data: await readFile(path) };
}

/** Clicks a download link and opens what the browser received as a ZIP. */
export async function downloadZip(page: Page, link: Locator): Promise<{ name: string; entries: ZipFileEntry[] }> {
  const file = await download(page, link);
  return { name: file.name, entries: await readZip(file.data) };
}
