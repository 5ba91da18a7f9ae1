import { describe, expect, it } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { answerProblems, normalizeMoment, releaseFiles } from '../../src/lib/scaffold';
import { releaseSchema } from '../../src/schemas/collections';

describe('normalizeMoment', () => {
  it.each([
    ['2026-01-05T10:00+09:00', '2026-01-05T10:00:00+09:00'],
    ['2026-01-05 10:00:30Z', '2026-01-05T10:00:30Z'],
  ])('%s → %s', (input, expected) => expect(normalizeMoment(input)).toBe(expected));

  it.each(['2026-01-05', '2026-01-05T10:00', 'tomorrow', '2026-13-45T10:00+09:00'])('rejects %s', (input) => {
    expect(normalizeMoment(input)).toBeUndefined();
  });
});

describe('answerProblems', () => {
  it('accepts good answers and names every bad one', () => {
    expect(answerProblems({ slug: 'test-release', title: '테스트', date: '2026-01-05T10:00+09:00' })).toEqual([]);
    const problems = answerProblems({ slug: 'Test Release', title: ' ', date: '2026-01-05', category: 'sports', event: 'nope' }, ['scse-2023']);
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['slug', 'title:', 'date', 'category', 'event']);
  });
});

describe('releaseFiles', () => {
  const files = releaseFiles({ slug: 'test-release', title: '테스트', date: '2026-01-05T10:00+09:00', event: 'scse-2023' });

  it('writes only the original and a captions template', () => {
    expect(Object.keys(files).sort()).toEqual(['ko.mdx', 'photos/TEMPLATE.yaml.example']);
  });

  it('writes frontmatter the release schema accepts, with the date as an instant with offset', () => {
    const frontmatter = loadYaml(/^---\n([\s\S]*?)\n---/.exec(files['ko.mdx']!)![1]!) as Record<string, unknown>;
    const data = releaseSchema.parse(frontmatter);
    expect(data.title).toBe('테스트');
    expect(data.date?.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(data.event).toEqual({ collection: 'events', id: 'scse-2023' });
  });

  it('offers a captions template with a line per language', () => {
    const template = loadYaml(files['photos/TEMPLATE.yaml.example']!) as { caption: Record<string, string>; event: string };
    expect(Object.keys(template.caption)).toEqual(['ko', 'en', 'zh-Hant']);
    expect(template.event).toBe('scse-2023');
  });
});
