import { LinkChecker, LinkState, type LinkResult } from 'linkinator';

/**
 * Broken internal links and images in a built site. Only links into the site are followed: the
 * check must work without a network, and absolute links to the published origin are the site's
 * own canonical/hreflang URLs, which the build tests check against the pages.
 */
export async function brokenInternalLinks(siteDir: string): Promise<{ checked: number; broken: LinkResult[] }> {
  const checker = new LinkChecker();
  const result = await checker.check({
    path: siteDir,
    recurse: true,
    concurrency: 20,
    linksToSkip: async (link) => /^(?:https?:)?\/\//.test(link) && !/^https?:\/\/(?:localhost|127\.0\.0\.1)[:/]/.test(link) || /^(?:mailto|tel):/.test(link),
  });
  return { checked: result.links.filter((link) => link.state !== LinkState.SKIPPED).length, broken: result.links.filter((link) => link.state === LinkState.BROKEN) };
}
