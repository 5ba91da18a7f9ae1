/**
 * URL segment of a tag: lower case, runs of anything but letters and digits become one hyphen.
 * Letters of every script are kept, so Korean and Chinese tags stay readable (스마트시티, 臺北).
 */
export function tagSlug(tag: string): string {
  return tag.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}
