import { creditForDisplay } from '../../../src/lib/view/photo-caption';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { localeByCode, localeCodes, type LocaleCode } from '../../../src/i18n/locales';
import { useTranslations } from '../../../src/i18n/ui';
import { captionLabels, creditLine, eventPackPlan, releasePackPlan, wallClockIn, type PackPlan } from '../../../src/lib/packs/pack-plan';
import type { PhotoMetadata } from '../../../src/lib/packs/press-copy';
import type { SiteContent } from '../../../src/lib/content/site-content';
import { markdownNodes } from '../../helpers/markdown';
import { loadSampleContent, sampleContentDir } from '../../helpers/sample-content';

const content = loadSampleContent();
const release = content.releases.find((candidate) => candidate.slug === 'scse-2023-taipei')!;
const releaseDir = join(sampleContentDir, 'releases/scse-2023-taipei');
const photoYaml = (id: string) => parseYaml(readFileSync(join(releaseDir, 'photos', `${id}.yaml`), 'utf8'));
const site = 'https://press.sdf.example.org';

const textOf = (plan: PackPlan, name: string) => {
  const found = plan.texts.find((text) => text.name === name);
  if (!found) throw new Error(`${name} is not in the plan: ${plan.texts.map((text) => text.name).join(', ')}`);
  return found.text;
};

/** Caption sheet blocks as label → value maps, split with the locale's own labels. */
function captionBlocks(sheet: string, locale: LocaleCode): Array<Record<string, string>> {
  const { separator } = captionLabels(locale);
  return sheet
    .trim()
    .split('\n\n')
    .map((block) => Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(separator!)), line.slice(line.indexOf(separator!) + separator!.length)])));
}

describe('releasePackPlan', () => {
  const plan = releasePackPlan(content, release)!;

  it('holds the release photos in release order, named after their ids, from the committed files', () => {
    expect(plan.href).toBe('/packs/releases/scse-2023-taipei.zip');
    expect(plan.photos.map((photo) => photo.id)).toEqual(release.photos);
    expect(release.photos).toHaveLength(4);
    for (const photo of plan.photos) {
      expect(photo.meta.fileName).toBe(`${photo.id}.jpg`);
      expect(photo.source).toBe(join(releaseDir, 'photos', `${photo.id}.jpg`));
      expect(existsSync(photo.source)).toBe(true);
      expect(photo.meta.webStatement).toBe(`${site}/ko/usage-terms/`);
    }
  });

  it('adds a README, a caption sheet per language, the CSV and the release text in each of its languages', () => {
    expect(plan.texts.map((text) => text.name).sort()).toEqual(
      ['README.txt', 'captions-en.txt', 'captions-ko.txt', 'captions-zh-Hant.txt', 'captions.csv', 'release-en.md', 'release-ko.md', 'release-zh-Hant.md'].sort(),
    );
  });

  it('stamps the publication time as Seoul shows it', () => {
    expect(plan.modifiedAt).toBe('2023-04-03T09:00:00');
  });

  it.each(localeCodes)('writes the %s caption sheet with that language’s labels and captions', (locale) => {
    const labels = captionLabels(locale);
    const blocks = captionBlocks(textOf(plan, `captions-${locale}.txt`), locale);
    expect(blocks.map((block) => block[labels.file])).toEqual(release.photos.map((id) => `${id}.jpg`));
    blocks.forEach((block, index) => {
      const yaml = photoYaml(release.photos[index]!);
      expect(block[labels.caption]).toBe(yaml.caption[locale]);
      expect(block[labels.credit]).toBe(yaml.credit[locale]);
      expect(block[labels.place]).toContain(yaml.place.city[locale]);
    });
    expect(plan.credits[locale]).toBe(creditForDisplay(photoYaml(release.photos[0]!).credit[locale]));
  });

  it('states the usage terms, the credit line and the terms page in every language in the README', () => {
    const lines = textOf(plan, 'README.txt').split('\n');
    for (const locale of localeCodes) {
      const t = useTranslations(locale);
      expect(lines).toContain(t('usageTerms.summary'));
      expect(lines).toContain(t('pack.creditLine', { credit: plan.credits[locale] }));
      expect(lines).toContain(t('pack.readme.terms', { url: `${site}/${localeByCode(locale).path}/usage-terms/` }));
    }
  });

  it.each(localeCodes)('writes the %s release as Markdown with the photos beside it', (locale) => {
    const nodes = markdownNodes(textOf(plan, `release-${locale}.md`));
    const heading = nodes.find((node) => node.type === 'heading' && node.depth === 1)!;
    expect(heading.children?.map((child) => child.value).join('')).toBe(release.versions[locale]!.data.title);
    expect(nodes.filter((node) => node.type === 'image').map((node) => node.url)).toEqual(release.photos.map((id) => `${id}.jpg`));
    expect(nodes.some((node) => node.type === 'html')).toBe(false);
    expect(nodes.some((node) => node.type === 'table')).toBe(true);
  });

  it('leaves out a release without photos', () => {
    expect(releasePackPlan(content, { ...release, photos: [] })).toBeUndefined();
  });
});

describe('eventPackPlan', () => {
  it('gathers the same photos as the release for the sample event, with each release text named by its slug', () => {
    const plan = eventPackPlan(content, 'scse-2023')!;
    expect(plan.href).toBe('/packs/events/scse-2023.zip');
    expect(plan.photos.map((photo) => photo.id)).toEqual(release.photos);
    expect(plan.texts.map((text) => text.name).filter((name) => name.endsWith('.md')).sort()).toEqual(
      ['release-scse-2023-taipei-en.md', 'release-scse-2023-taipei-ko.md', 'release-scse-2023-taipei-zh-Hant.md'],
    );
    expect(textOf(plan, 'README.txt').split('\n')).toContain(useTranslations('en')('pack.readme.eventTitle', { event: content.events.get('scse-2023')!.data.name.en! }));
  });

  it('leaves out photos of other events, and the event when none is left', () => {
    const photos = new Map([...content.photos].map(([id, photo]) => [id, id.endsWith('-04-gosmart-visit') ? { ...photo, data: { ...photo.data, event: undefined } } : photo]));
    const plan = eventPackPlan({ ...content, photos } as SiteContent, 'scse-2023')!;
    expect(plan.photos.map((photo) => photo.id)).toEqual(release.photos.slice(0, 3));
    const none = new Map([...content.photos].map(([id, photo]) => [id, { ...photo, data: { ...photo.data, event: undefined } }]));
    expect(eventPackPlan({ ...content, photos: none } as SiteContent, 'scse-2023')).toBeUndefined();
    expect(eventPackPlan(content, 'no-such-event')).toBeUndefined();
  });
});

describe('creditLine', () => {
  it('lists each credit once, with the language’s list separator, copyright notices as ©', () => {
    const photo = (credit: string) => ({ credit, credits: { 'zh-Hant': credit } }) as unknown as PhotoMetadata;
    expect(creditLine([photo('(c) Sisa Times'), photo('SDF'), photo('(C)Sisa Times')], 'zh-Hant')).toBe(
      ['© Sisa Times', 'SDF'].join(useTranslations('zh-Hant')('pack.captions.listSeparator')),
    );
  });
});

describe('wallClockIn', () => {
  it('shows an instant on the clock of a time zone, without the zone', () => {
    expect(wallClockIn(new Date('2023-04-03T00:00:00Z'), 'Asia/Seoul')).toBe('2023-04-03T09:00:00');
    expect(wallClockIn(new Date('2023-04-02T15:30:05Z'), 'Asia/Seoul')).toBe('2023-04-03T00:30:05');
    expect(wallClockIn(new Date('2023-04-03T00:00:00Z'), 'UTC')).toBe('2023-04-03T00:00:00');
  });
});
