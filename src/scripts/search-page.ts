/**
 * Starts Pagefind's Default UI on the search page. Pagefind's own script (loaded from
 * /pagefind/, written by the build) defines `PagefindUI`; it is deferred, so it has run by
 * DOMContentLoaded. Queries pass through `searchQuery`, which strips Korean particles.
 */
import { searchQuery } from '../lib/after-build/search-terms';

declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => unknown;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const element = document.querySelector<HTMLElement>('[data-search]');
  if (!element || !window.PagefindUI) return;
  new window.PagefindUI({
    element,
    showSubResults: true,
    // Short entity pages that name a city outrank a long release that tells the story; ten results
    // keep the release on the first screen for the queries journalists type.
    pageSize: 10,
    showImages: false,
    translations: JSON.parse(element.dataset.translations ?? '{}'),
    processTerm: searchQuery,
  });
});
