import { LinkChecker, LinkState } from 'linkinator';

export interface LinkReport {
  /** Pages linkinator opened and scanned for links. */
  pages: number;
  /** Distinct links and image sources checked on the served site. */
  checked: number;
  /** Links skipped because they leave the served site (no network here). */
  skipped: number;
  broken: string[];
}

/**
 * Crawls the served site with linkinator from the given pages (every built page, so pages that
 * nothing links to are scanned too), checking links, images, srcsets and #fragments. Links to
 * other hosts are skipped: the tests have no network.
 */
export async function checkLinks(siteUrl: string, startPaths: string[]): Promise<LinkReport> {
  const origin = new URL(siteUrl).origin;
  const checker = new LinkChecker();
  let pages = 0;
  checker.on('pagestart', () => (pages += 1));
  const result = await checker.check({
    path: startPaths.map((path) => new URL(path, siteUrl).href),
    recurse: true,
    checkFragments: true,
    concurrency: 8,
    linksToSkip: async (link) => !link.startsWith(`${origin}/`) && link !== origin,
  });
  const checked = result.links.filter((link) => link.state !== LinkState.SKIPPED);
  // linkinator also lists a broken URL as its own parent once it has read the 404 page it got.
  const broken = Map.groupBy(
    result.links.filter((link) => link.state === LinkState.BROKEN),
    (link) => `${link.url} (HTTP ${link.status ?? 'no response'})`,
  );
  return {
    pages,
    checked: checked.length,
    skipped: result.links.length - checked.length,
    broken: [...broken].map(([link, found]) => {
      const parents = [...new Set(found.map((item) => item.parent ?? 'the start list'))].filter((parent) => !link.startsWith(`${parent} `));
      return `${link} linked from ${parents.join(', ') || 'the start list'}`;
    }),
  };
}
