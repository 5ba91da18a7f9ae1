import { describe, expect, it } from 'vitest';
import { captionNamesEveryone, creditForDisplay, shortPhotoTitle } from '../../../src/lib/view/photo-caption';
import { pickText } from '../../../src/lib/view/localized-text';

describe('creditForDisplay', () => {
  it('shows a copyright notice with the © sign', () => {
    expect(creditForDisplay('(c) Sisa Times')).toBe('© Sisa Times');
    expect(creditForDisplay('(C)Sisa Times')).toBe('© Sisa Times');
    expect(creditForDisplay('(c)시사타임즈')).toBe('© 시사타임즈');
    expect(creditForDisplay('©시사타임즈')).toBe('© 시사타임즈');
    expect(creditForDisplay('© Sisa Times')).toBe('© Sisa Times');
  });

  it('leaves any other credit as written', () => {
    expect(creditForDisplay('Seoul Digital Foundation')).toBe('Seoul Digital Foundation');
    expect(creditForDisplay('Photo (c) 2023 Kim')).toBe('Photo (c) 2023 Kim');
    expect(creditForDisplay('(copy) Kim')).toBe('(copy) Kim');
  });
});

describe('captionNamesEveryone', () => {
  const kang = { ko: '강요식', en: 'Kang Yo-sik', 'zh-Hant': 'Kang Yo-sik' };
  const chen = { ko: '아니타 챈', en: 'Anita Chen' };

  it('is true when every name in the page language is in the caption', () => {
    const caption = pickText({ ko: '…', en: 'Left: Chairman Kang Yo-sik; centre: Deputy Secretary-General Anita Chen.' }, 'en');
    expect(captionNamesEveryone(caption, [kang, chen], 'en')).toBe(true);
    expect(captionNamesEveryone(caption, [], 'en')).toBe(true);
  });

  it('is false when someone shown is not named', () => {
    const caption = pickText({ ko: '…', en: 'Chairman Kang Yo-sik with visitors.' }, 'en');
    expect(captionNamesEveryone(caption, [kang, chen], 'en')).toBe(false);
  });

  it('ignores case and spacing differences', () => {
    const caption = pickText({ ko: '…', en: 'KANG  Yo-sik and anita chen' }, 'en');
    expect(captionNamesEveryone(caption, [kang, chen], 'en')).toBe(true);
  });

  it('reads names in the caption’s language when the caption falls back to the original', () => {
    // No Chinese caption: the Korean one is shown, and it names Anita Chen in Korean.
    const caption = pickText({ ko: '(왼쪽) 강요식 이사장, (중앙) 아니타 챈 사무차장' }, 'zh-Hant');
    expect(caption.isFallback).toBe(true);
    expect(captionNamesEveryone(caption, [kang, chen], 'zh-Hant')).toBe(true);
    // A translated caption is compared in its own language only.
    const translated = pickText({ ko: '강요식 아니타 챈', 'zh-Hant': '（左）基金會董事長' }, 'zh-Hant');
    expect(captionNamesEveryone(translated, [kang], 'zh-Hant')).toBe(false);
  });
});

describe('shortPhotoTitle', () => {
  it('prefers the headline', () => {
    expect(shortPhotoTitle(' NTCA visits the Seoul Pavilion ', 'A long caption')).toBe('NTCA visits the Seoul Pavilion');
  });

  it('keeps a short caption whole and cuts a long one at a word', () => {
    expect(shortPhotoTitle(undefined, 'Signing ceremony')).toBe('Signing ceremony');
    const long = 'Working meeting between the Seoul Digital Foundation and Taipei City Government, centre right';
    const short = shortPhotoTitle(undefined, long);
    expect(short.endsWith('…')).toBe(true);
    expect([...short].length).toBeLessThanOrEqual(61);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(short).not.toMatch(/[\s,]…$/);
  });

  it('cuts text without spaces by characters', () => {
    const chinese = '首爾數位基金會與臺北市政府工作會議'.repeat(5);
    expect([...shortPhotoTitle(undefined, chinese)].length).toBe(61);
  });
});
