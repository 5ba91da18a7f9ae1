import { describe, expect, it } from 'vitest';
import { tagSlug } from '../../../src/lib/view/tags';

describe('tagSlug', () => {
  it.each([
    ['smart city', 'smart-city'],
    ['MoU', 'mou'],
    ['  Smart   City! ', 'smart-city'],
    ['스마트시티', '스마트시티'],
    ['합작 備忘錄', '합작-備忘錄'],
    ['臺北', '臺北'],
    ['!!!', ''],
  ])('%s → %s', (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug);
  });
});
