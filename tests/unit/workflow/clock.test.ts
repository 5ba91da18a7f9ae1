import { describe, expect, it } from 'vitest';
import { buildNow, buildVisibility } from '../../../src/lib/content/clock';
import { SettingsError } from '../../../src/settings';

describe('buildNow', () => {
  it('is pinned by PRESS_NOW, offset honoured', () => {
    expect(buildNow({ PRESS_NOW: '2026-01-05T10:00:00+09:00' }).toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(buildNow({ PRESS_NOW: '2023-04-03T00:00:00Z' }).toISOString()).toBe('2023-04-03T00:00:00.000Z');
  });

  it('is the current time without PRESS_NOW', () => {
    const before = Date.now();
    const now = buildNow({}).getTime();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    // Empty, as the publish workflow passes a repository variable nobody set.
    expect(Math.abs(buildNow({ PRESS_NOW: '' }).getTime() - Date.now())).toBeLessThan(1000);
    expect(Math.abs(buildNow({ PRESS_NOW: '  ' }).getTime() - Date.now())).toBeLessThan(1000);
  });

  it('rejects a PRESS_NOW without a time zone, naming the variable', () => {
    expect(() => buildNow({ PRESS_NOW: '2026-01-05T10:00:00' })).toThrow(SettingsError);
    expect(() => buildNow({ PRESS_NOW: '2026-01-05T10:00:00' })).toThrow('PRESS_NOW="2026-01-05T10:00:00" is not a date-time with a time zone; write it like 2026-01-05T10:00:00+09:00');
    expect(() => buildNow({ PRESS_NOW: '2026-01-05' })).toThrow(/PRESS_NOW/);
  });

  it('rejects a PRESS_NOW that is not a date, naming the variable', () => {
    expect(() => buildNow({ PRESS_NOW: 'tomorrow' })).toThrow(/PRESS_NOW="tomorrow"/);
    expect(() => buildNow({ PRESS_NOW: '2026-13-45T10:00:00+09:00' })).toThrow(/PRESS_NOW/);
  });
});

describe('buildVisibility', () => {
  const preview = { PRESS_PREVIEW: '1', PRESS_PREVIEW_SITE_URL: 'https://preview.press.example.org', PRESS_NOW: '2026-01-05T10:00:00+09:00' };

  it('includes embargoed releases in the embargoed preview only', () => {
    expect(buildVisibility({ includeDrafts: false }, preview)).toEqual({ now: new Date('2026-01-05T01:00:00Z'), includeDrafts: false, includeEmbargoed: true });
    expect(buildVisibility({ includeDrafts: false }, { PRESS_NOW: preview.PRESS_NOW }).includeEmbargoed).toBe(false);
    expect(buildVisibility({ includeDrafts: true }, { PRESS_PREVIEW: '0', PRESS_PREVIEW_SITE_URL: preview.PRESS_PREVIEW_SITE_URL }).includeEmbargoed).toBe(false);
  });
});
