/**
 * Components a release body may use. The release page maps each name to its component; the
 * content check (mdx-checks.ts) rejects any other tag, because MDX only notices a missing
 * component while rendering, and then without naming the file.
 */
export const releaseComponentNames = ['Photo'] as const;
export type ReleaseComponentName = (typeof releaseComponentNames)[number];
