import { describe, expect, it } from 'vitest';
import { pickText, textIn } from '../../../src/lib/view/localized-text';

describe('pickText / textIn', () => {
  const full = { ko: '서울관', en: 'Seoul Pavilion', 'zh-Hant': '首爾館' };
  const koOnly = { ko: '서울관' };
  const koAndEn = { ko: '서울관', en: 'Seoul Pavilion' };

  it("gives the reader's language when it is there", () => {
    expect(pickText(full, 'ko')).toEqual({ text: '서울관', locale: 'ko', isFallback: false });
    expect(pickText(full, 'en')).toEqual({ text: 'Seoul Pavilion', locale: 'en', isFallback: false });
    expect(pickText(full, 'zh-Hant')).toEqual({ text: '首爾館', locale: 'zh-Hant', isFallback: false });
  });

  it('falls back to the Korean original, marked as a fallback in Korean', () => {
    expect(pickText(koOnly, 'en')).toEqual({ text: '서울관', locale: 'ko', isFallback: true });
    expect(pickText(koAndEn, 'zh-Hant')).toEqual({ text: '서울관', locale: 'ko', isFallback: true });
    expect(pickText(koAndEn, 'en')).toEqual({ text: 'Seoul Pavilion', locale: 'en', isFallback: false });
  });

  it('treats an empty translation as missing', () => {
    expect(pickText({ ko: '서울관', en: '' }, 'en')).toEqual({ text: '서울관', locale: 'ko', isFallback: true });
  });

  it('never marks a Korean reader as getting a fallback', () => {
    expect(pickText(koOnly, 'ko').isFallback).toBe(false);
    expect(pickText(koOnly, 'ko').locale).toBe('ko');
  });

  it('textIn returns only the chosen string', () => {
    expect(textIn(full, 'en')).toBe('Seoul Pavilion');
    expect(textIn(koOnly, 'zh-Hant')).toBe('서울관');
  });
});
