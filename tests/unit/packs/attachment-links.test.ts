import { describe, expect, it } from 'vitest';
import { attachmentLink, formatFileSize } from '../../../src/lib/packs/download-links';
import type { AttachmentMedia } from '../../../src/lib/media/manifest';

const pdf: AttachmentMedia = { url: '/files/releases/r/fact-sheet.pdf', fileName: 'fact-sheet.pdf', bytes: 3_948, sha256: 'a'.repeat(64), format: 'PDF', contentType: 'application/pdf' };
const csv: AttachmentMedia = { url: '/files/releases/r/table.csv', fileName: 'table.csv', bytes: 1_250_000, sha256: 'b'.repeat(64), format: 'CSV', contentType: 'text/csv; charset=utf-8' };

describe('attachmentLink', () => {
  it('gives the title in the reader\'s language, with type, size and the file\'s language in theirs', () => {
    const link = attachmentLink({ file: 'fact-sheet.pdf', title: { ko: '자료', en: 'Fact sheet' }, language: 'ko' }, pdf, 'en');
    expect(link.title).toEqual({ text: 'Fact sheet', locale: 'en', isFallback: false });
    expect(link.details).toBe('PDF, 4 kB, Korean');
    expect(link).toMatchObject({ href: pdf.url, fileName: 'fact-sheet.pdf', contentType: 'application/pdf' });
  });

  it('falls back to the Korean title, marked as such, and names the language in Chinese with Chinese punctuation', () => {
    const link = attachmentLink({ file: 'fact-sheet.pdf', title: { ko: '자료' }, language: 'en' }, pdf, 'zh-Hant');
    expect(link.title).toEqual({ text: '자료', locale: 'ko', isFallback: true });
    expect(link.details).toBe(`PDF、${formatFileSize(3_948, 'zh-Hant')}、英文`);
  });

  it('names no language for language-neutral data, and megabytes from 0.1 MB', () => {
    const link = attachmentLink({ file: 'table.csv', title: { ko: '표' } }, csv, 'en');
    expect(link.details).toBe('CSV, 1.3 MB');
  });
});

describe('formatFileSize', () => {
  it('writes kilobytes below 0.1 MB, never zero', () => {
    expect(formatFileSize(99_499, 'en')).toBe('99 kB');
    expect(formatFileSize(120, 'en')).toBe('1 kB');
    expect(formatFileSize(100_000, 'en')).toBe('0.1 MB');
  });
});
