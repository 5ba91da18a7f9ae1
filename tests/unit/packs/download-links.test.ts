import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../../src/i18n/ui';
import { formatMegabytes, originalLink, packLink, photoCountText } from '../../../src/lib/packs/download-links';
import type { PackMedia } from '../../../src/lib/media/manifest';

const credits = { ko: '(c) 시사타임즈', en: '(c) Sisa Times', 'zh-Hant': '(c) 時事時報' };
const pack: PackMedia = { url: '/packs/releases/scse-2023-taipei.zip', fileName: 'scse-2023-taipei.zip', bytes: 12_282_238, sha256: 'b'.repeat(64), photoCount: 4, credits };
const photo = { url: 'https://media.example.org/media/originals/0123/a.jpg', fileName: 'a.jpg', bytes: 3_066_000, sha256: 'a'.repeat(64), width: 4000, height: 2667 };

describe('formatMegabytes', () => {
  it('writes decimal megabytes with one decimal, as each language does', () => {
    expect(formatMegabytes(12_282_238, 'en')).toBe('12.3 MB');
    expect(formatMegabytes(12_282_238, 'ko')).toMatch(/^12\.3\s?MB$/);
    expect(formatMegabytes(950_000, 'zh-Hant')).toMatch(/^1\.0\s?MB$/);
  });
});

describe('photoCountText', () => {
  it('uses the singular only where the language has one', () => {
    expect(photoCountText(1, 'en')).toBe(useTranslations('en')('pack.photoCount.one', { count: 1 }));
    expect(photoCountText(4, 'en')).toBe(useTranslations('en')('pack.photoCount.other', { count: 4 }));
    expect(photoCountText(1, 'ko')).toBe(useTranslations('ko')('pack.photoCount.other', { count: 1 }));
  });
});

describe('packLink and originalLink', () => {
  it('describe a pack by size, photo count and credit, saved under its own name', () => {
    expect(packLink(pack, 'en')).toEqual({
      href: '/packs/releases/scse-2023-taipei.zip',
      fileName: 'scse-2023-taipei.zip',
      bytes: 12_282_238,
      size: '12.3 MB',
      photoCount: 4,
      photoCountText: photoCountText(4, 'en'),
      credit: '(c) Sisa Times',
    });
  });

  it('describe an original by pixel size and file size', () => {
    const link = originalLink(photo, 'en');
    expect(link).toMatchObject({ href: photo.url, fileName: 'a.jpg', width: 4000, height: 2667, bytes: 3_066_000, size: '3.1 MB' });
    expect(link.details).toBe(useTranslations('en')('photo.originalDetails', { width: 4000, height: 2667, size: '3.1 MB' }));
  });
});
