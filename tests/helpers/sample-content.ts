/**
 * The sample content as `SiteContent`, read by the same reader the media stage uses
 * (src/lib/content/reader.ts: the real schemas, the real rules for what is public), for unit tests
 * of modules that take content as an argument. Every release counts as published whatever its
 * embargo; drafts are left out as in a production build.
 */
import { join } from 'node:path';
import { readSiteContent } from '../../src/lib/content/reader';
import type { SiteContent } from '../../src/lib/content/public-content';
import { projectRoot } from './build-site';

export const sampleContentDir = join(projectRoot, 'content');

/** Reads `root` (the sample content by default). */
export function loadSampleContent(root: string = sampleContentDir): SiteContent {
  return readSiteContent(root, { now: new Date('9999-12-31T00:00:00Z'), includeDrafts: false });
}
