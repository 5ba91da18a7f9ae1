import { describe, expect, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { hostHeaders, hostRedirects } from '../../../src/lib/after-build/host-headers';

/** Parses the `_headers` format: a path line, then indented `Name: value` lines. */
function parseHeaders(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) rules.set(line.trim(), (current = new Map()));
    else {
      const [name, ...value] = line.trim().split(':');
      current!.set(name!.toLowerCase(), value.join(':').trim());
    }
  }
  return rules;
}

describe('hostHeaders', () => {
  const rules = parseHeaders(hostHeaders());

  it('caches hashed assets for a year and pages briefly, in every locale', () => {
    expect(rules.get('/_astro/*')?.get('cache-control')).toContain('immutable');
    for (const locale of locales) expect(rules.get(`/${locale.path}/*`)?.get('cache-control')).toMatch(/max-age=300\b/);
  });

  it('sets one Cache-Control per pattern, so hosts never merge two', () => {
    const withCache = [...rules].filter(([, headers]) => headers.has('cache-control')).map(([pattern]) => pattern);
    expect(new Set(withCache).size).toBe(withCache.length);
    expect(rules.get('/*')?.has('cache-control')).toBe(false);
  });

  it('serves packs as ZIP downloads and calendars as text/calendar', () => {
    expect(rules.get('/packs/*')?.get('content-type')).toBe('application/zip');
    expect(rules.get('/*.ics')?.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('adds security headers to every response', () => {
    const all = rules.get('/*')!;
    expect(all.get('x-content-type-options')).toBe('nosniff');
    expect(all.get('x-frame-options')).toBe('DENY');
    expect(all.has('strict-transport-security')).toBe(true);
  });
});

describe('with a bucket for the media', () => {
  it('has pages connect early to the media address', () => {
    const rules = parseHeaders(hostHeaders({ mediaOrigin: 'https://media.example.org' }));
    for (const locale of locales) expect(rules.get(`/${locale.path}/*`)?.get('link')).toBe('<https://media.example.org>; rel=preconnect');
    expect(parseHeaders(hostHeaders()).get('/en/*')?.has('link')).toBe(false);
  });

  it('sends download addresses already sent around to the same stable keys on the media address', () => {
    const rules = hostRedirects('https://media.example.org/press')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/\s+/));
    expect(rules).toEqual([
      ['/packs/*', 'https://media.example.org/press/packs/:splat', '302'],
      ['/photos/originals/*', 'https://media.example.org/press/photos/originals/:splat', '302'],
    ]);
  });
});
