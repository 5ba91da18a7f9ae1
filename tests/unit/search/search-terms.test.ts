import { describe, expect, it } from 'vitest';
import { searchQuery, variantWords, withoutParticle } from '../../../src/lib/after-build/search-terms';

describe('withoutParticle', () => {
  it.each([
    ['타이베이에서', '타이베이'],
    ['타이베이의', '타이베이'],
    ['업무협약을', '업무협약'],
    ['업무협약으로', '업무협약'],
    ['서울디지털재단은', '서울디지털재단'],
    ['재단과의', '재단'],
    ['SCSE에서는', 'SCSE'],
    ['MoU를', 'MoU'],
  ])('%s → %s', (word, stem) => {
    expect(withoutParticle(word)).toBe(stem);
  });

  it.each(['회의', '사이', '서울', 'Taipei', '臺北'])('leaves %s alone (no particle, or too short to tell)', (word) => {
    expect(withoutParticle(word)).toBe(word);
  });

  it('may cut a final 이 that belongs to the word: the shorter prefix still finds it', () => {
    expect(withoutParticle('타이베이')).toBe('타이베');
    expect('타이베이에서'.startsWith(withoutParticle('타이베이'))).toBe(true);
  });
});

describe('searchQuery', () => {
  it('strips particles word by word and keeps the spacing', () => {
    expect(searchQuery('타이베이에서  업무협약을 MoU')).toBe('타이베이  업무협약 MoU');
    expect(searchQuery('合作備忘錄')).toBe('合作備忘錄');
  });
});

describe('variantWords', () => {
  it('adds the other form of 臺/台 for each word that has one', () => {
    expect(variantWords('臺北市政府資訊局')).toEqual(['台北市']);
    expect(variantWords('台北市電腦商業同業公會')).toEqual(['臺北市']);
    expect(variantWords('在臺灣臺北舉行')).toEqual(['台灣', '台北']);
  });

  it('adds nothing when both forms are already there, or there is no variant', () => {
    expect(variantWords('臺北市政府與台北市電腦商業同業公會')).toEqual([]);
    expect(variantWords('首爾數位基金會')).toEqual([]);
  });
});
