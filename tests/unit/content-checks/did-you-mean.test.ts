import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from '../../../src/lib/content/did-you-mean';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'draft', 5],
    ['draft', '', 5],
    ['draft', 'draft', 0],
    ['embarg0', 'embargo', 1], // one letter replaced
    ['tgas', 'tags', 1], // two neighbours swapped count as one edit
    ['summry', 'summary', 1], // one letter missing
    ['summmary', 'summary', 1], // one letter too many
    ['kitten', 'sitting', 3],
    ['organisation', 'organization', 1],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('is case-sensitive (closestWord is the one that ignores case)', () => {
    expect(editDistance('Draft', 'draft')).toBe(1);
  });

  it('counts a swap only of neighbouring letters, and not a swap followed by another edit of the same letters', () => {
    // Optimal string alignment: "ca" → "abc" needs three edits, not the two of unrestricted Damerau–Levenshtein.
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('abcd', 'acbd')).toBe(1);
    expect(editDistance('abcd', 'dbca')).toBe(2);
  });
});

describe('closestWord', () => {
  const releaseFields = ['title', 'subtitle', 'summary', 'date', 'updated', 'category', 'tags', 'draft', 'embargo', 'translatedFrom'];

  it('finds the field a slip was meant to be', () => {
    expect(closestWord('embarg0', releaseFields)).toBe('embargo');
    expect(closestWord('sumary', releaseFields)).toBe('summary');
    expect(closestWord('translatedFom', releaseFields)).toBe('translatedFrom');
  });

  it('ignores case, and gives the candidate as it is spelt', () => {
    expect(closestWord('Draft', releaseFields)).toBe('draft');
    expect(closestWord('TITLE', releaseFields)).toBe('title');
    expect(closestWord('zh-hant', ['ko', 'en', 'zh-Hant'])).toBe('zh-Hant');
    expect(closestWord('translatedfrom', releaseFields)).toBe('translatedFrom');
  });

  it('allows one edit in words of up to seven letters', () => {
    expect(closestWord('tgs', releaseFields)).toBe('tags'); // 3 letters, 1 edit
    expect(closestWord('tg', releaseFields)).toBeUndefined(); // 2 edits
    expect(closestWord('drafts', releaseFields)).toBe('draft');
    expect(closestWord('drfts', releaseFields)).toBeUndefined(); // 5 letters, 2 edits
  });

  it('allows one edit per four letters of the word as written, at most three', () => {
    // 7 letters: one edit; 8 letters: two.
    expect(closestWord('catgory', releaseFields)).toBe('category'); // 7 letters, 1 edit
    expect(closestWord('cattgory', releaseFields)).toBe('category'); // 8 letters, 1 edit
    expect(closestWord('katgory', releaseFields)).toBeUndefined(); // 7 letters, 2 edits
    expect(closestWord('kattgory', releaseFields)).toBe('category'); // 8 letters, 2 edits
    // 11 letters: two edits; 12 letters: three; 20 letters: still three.
    expect(closestWord('abcdefghijk', ['abcdefghXYZ'])).toBeUndefined(); // 11 letters, 3 edits
    expect(closestWord('abcdefghijk', ['abcdefghiYZ'])).toBe('abcdefghiYZ'); // 11 letters, 2 edits
    expect(closestWord('abcdefghijkl', ['abcdefghiXYZ'])).toBe('abcdefghiXYZ'); // 12 letters, 3 edits
    expect(closestWord('intrnatonl', ['international'])).toBeUndefined(); // 10 letters, 3 edits
    expect(closestWord('xxxxxxxxxxxxxxxxxxxx', ['xxxxxxxxxxxxxxxxyyyy'])).toBeUndefined(); // 20 letters, 4 edits
    expect(closestWord('xxxxxxxxxxxxxxxxxxxx', ['xxxxxxxxxxxxxxxxxyyy'])).toBe('xxxxxxxxxxxxxxxxxyyy'); // 20 letters, 3 edits
  });

  it('suggests nothing for a word that is not a slip of any candidate', () => {
    expect(closestWord('photographer', releaseFields)).toBeUndefined();
    expect(closestWord('sprots', ['announcement', 'partnership', 'international', 'event', 'policy', 'research'])).toBeUndefined();
    expect(closestWord('fr', ['ko', 'en', 'zh-Hant'])).toBeUndefined();
  });

  it('suggests nothing when there are no candidates', () => {
    expect(closestWord('draft', [])).toBeUndefined();
  });

  it('gives the closest of several near candidates, and the first of equally close ones', () => {
    expect(closestWord('titel', ['subtitle', 'title'])).toBe('title');
    expect(closestWord('cat', ['car', 'cut'])).toBe('car');
    expect(closestWord('cat', ['cut', 'car'])).toBe('cut');
  });
});
