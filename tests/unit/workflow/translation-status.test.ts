import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseTranslations, sourceHash, textMarkedCurrent } from '../../../src/lib/content/translation-status';

function release(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-translations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const original = (body: string, extra = '') => `---\ntitle: 제목\nsummary: 요약\ndate: 2026-01-05T10:00:00+09:00\n${extra}---\n\n${body}\n`;
const translation = (hash?: string) => `---\n${hash ? `translatedFrom: "${hash}"\n` : ''}title: Title\nsummary: Summary\n---\n\nBody\n`;

describe('translation status', () => {
  it('ignores shared facts and whitespace, but not the text', () => {
    const a = release({ 'ko.mdx': original('본문입니다.') });
    const b = release({ 'ko.mdx': original('본문입니다.  ', 'category: policy\n') });
    const c = release({ 'ko.mdx': original('본문을 고쳤습니다.') });
    expect(sourceHash(join(a, 'ko.mdx'))).toBe(sourceHash(join(b, 'ko.mdx')));
    expect(sourceHash(join(a, 'ko.mdx'))).not.toBe(sourceHash(join(c, 'ko.mdx')));
  });

  it('counts a correction as a change translations must follow, and leaves releases without corrections as they were', () => {
    const plain = release({ 'ko.mdx': original('본문') });
    const none = release({ 'ko.mdx': original('본문', 'corrections: []\n') });
    const corrected = release({ 'ko.mdx': original('본문', 'corrections:\n  - date: 2026-01-06T10:00:00+09:00\n    note: 숫자를 바로잡았습니다.\n') });
    const reworded = release({ 'ko.mdx': original('본문', 'corrections:\n  - date: 2026-01-06T10:00:00+09:00\n    note: 숫자와 이름을 바로잡았습니다.\n') });
    const hash = (folder: string) => sourceHash(join(folder, 'ko.mdx'));
    expect(hash(none)).toBe(hash(plain));
    expect(hash(corrected)).not.toBe(hash(plain));
    expect(hash(reworded)).not.toBe(hash(corrected));
    writeFileSync(join(corrected, 'en.mdx'), translation(hash(plain)));
    expect(releaseTranslations(corrected, 'x').find((status) => status.locale === 'en')?.state).toBe('outdated');
  });

  it('reports original, translated, outdated and missing', () => {
    const folder = release({ 'ko.mdx': original('본문') });
    writeFileSync(join(folder, 'en.mdx'), translation(sourceHash(join(folder, 'ko.mdx'))));
    writeFileSync(join(folder, 'ko.mdx'), original('본문을 고쳤습니다'));
    const zhFolder = folder;
    writeFileSync(join(zhFolder, 'zh-hant.mdx'), translation(sourceHash(join(folder, 'ko.mdx'))));
    expect(releaseTranslations(folder, 'x').map((status) => [status.locale, status.state])).toEqual([
      ['ko', 'original'],
      ['en', 'outdated'],
      ['zh-Hant', 'translated'],
    ]);
    const onlyKorean = release({ 'ko.mdx': original('본문') });
    expect(releaseTranslations(onlyKorean, 'y').find((status) => status.locale === 'en')?.state).toBe('missing');
  });

  it('marks a translation current by recording the original hash, replacing an old one', () => {
    const folder = release({ 'ko.mdx': original('본문'), 'en.mdx': translation('0123456789ab') });
    const marked = textMarkedCurrent(join(folder, 'ko.mdx'), join(folder, 'en.mdx'));
    expect(marked).toContain(`translatedFrom: "${sourceHash(join(folder, 'ko.mdx'))}"`);
    expect(marked.match(/translatedFrom/g)).toHaveLength(1);
  });
});
