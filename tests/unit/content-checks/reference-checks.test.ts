import { describe, expect, it } from 'vitest';
import { brokenReferences, findReferences } from '../../../src/lib/content/reference-checks';

const ref = (collection: string, id: string) => ({ id, collection });

describe('findReferences', () => {
  it('finds references at every depth with dotted paths', () => {
    const data = {
      title: 'x',
      date: new Date('2023-04-03T00:00:00Z'),
      event: ref('events', 'scse-2023'),
      people: [
        { person: ref('people', 'kang-yo-sik'), position: 'far-left' },
        { person: ref('people', 'chi-yuan-chin'), position: 'second-from-right' },
      ],
      place: { city: { ko: '타이베이' }, country: 'TW' },
      signatories: [{ title: { ko: '이사장' }, organization: ref('organizations', 'tca') }],
    };
    expect(findReferences(data)).toEqual([
      { field: 'event', ref: ref('events', 'scse-2023') },
      { field: 'people.0.person', ref: ref('people', 'kang-yo-sik') },
      { field: 'people.1.person', ref: ref('people', 'chi-yuan-chin') },
      { field: 'signatories.0.organization', ref: ref('organizations', 'tca') },
    ]);
  });

  it('does not take objects with more keys, dates or strings for references', () => {
    expect(findReferences({ contact: { id: 'x', collection: 'y', name: 'z' }, date: new Date(), id: 'a', collection: 'b', extra: 1 })).toEqual([]);
    expect(findReferences('scse-2023')).toEqual([]);
    expect(findReferences(null)).toEqual([]);
  });
});

describe('brokenReferences', () => {
  const known = {
    events: new Set(['scse-2023', 'ces-2024']),
    people: new Set(['kang-yo-sik']),
    organizations: new Set<string>(),
  };

  it('reports an unknown event with file, field and the ids that exist', () => {
    const problems = brokenReferences('content/releases/a/ko.mdx', { event: ref('events', 'scse-2032') }, known);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/releases/a/ko.mdx', field: 'event' });
    expect(problems[0]!.problem).toContain('"scse-2032"');
    expect(problems[0]!.fix).toContain('ces-2024, scse-2023');
    expect(problems[0]!.fix).toContain('content/events/');
  });

  it('reports nested broken references by path, and passes the good ones', () => {
    const data = { people: [{ person: ref('people', 'kang-yo-sik') }, { person: ref('people', 'nobody') }], event: ref('events', 'scse-2023') };
    const problems = brokenReferences('p.yaml', data, known);
    expect(problems.map((problem) => problem.field)).toEqual(['people.1.person']);
  });

  it('tells where to add a file when the collection is empty or unknown', () => {
    const [empty] = brokenReferences('m.yaml', { parties: [ref('organizations', 'tca')] }, known);
    expect(empty!.field).toBe('parties.0');
    expect(empty!.fix).toContain('content/organizations/');
    expect(empty!.fix).not.toContain('use one of');
    expect(brokenReferences('m.yaml', { mou: ref('mous', 'x') }, known)).toHaveLength(1);
  });

  it('finds nothing wrong when every reference exists', () => {
    expect(brokenReferences('f', { event: ref('events', 'scse-2023') }, known)).toEqual([]);
  });
});
