import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { localeCodes } from '../../../src/i18n/locales';
import { useTranslations } from '../../../src/i18n/ui';
import { pressMetadata, presentTexts, takenText } from '../../../src/lib/packs/press-metadata';
import type { PhotoEntry } from '../../../src/lib/content/site-content';
import { loadSampleContent, sampleContentDir } from '../../helpers/sample-content';

const content = loadSampleContent();
const webStatement = 'https://press.example.org/ko/usage-terms/';
const id = 'scse-2023-taipei-02-taipei-city-meeting';
const photo = content.photos.get(id)!;
const yaml = parseYaml(readFileSync(join(sampleContentDir, 'releases/scse-2023-taipei/photos', `${id}.yaml`), 'utf8'));
const contentYaml = (folder: string, name: string) => parseYaml(readFileSync(join(sampleContentDir, folder, `${name}.yaml`), 'utf8'));
const personName = (person: string, locale: string) => contentYaml('people', person).name[locale] as string;

describe('pressMetadata', () => {
  const meta = pressMetadata(photo, content, webStatement);

  it('names the file after the photo id', () => {
    expect(meta.fileName).toBe(`${id}.jpg`);
  });

  it('carries the caption, alt text and headline in every language, the original as x-default', () => {
    expect(meta.originalLocale).toBe('ko');
    expect(meta.captions).toEqual(yaml.caption);
    expect(meta.altTexts).toEqual(yaml.alt);
    expect(meta.headline).toEqual(yaml.headline);
  });

  it('uses English where a field has one value: credit, description, people, place', () => {
    expect(meta.credit).toBe(yaml.credit.en);
    expect(meta.englishDescription).toBe(yaml.caption.en);
    expect(meta.city).toBe(yaml.place.city.en);
    expect(meta.country).toBe('Taiwan');
    expect(meta.countryCode).toBe('TW');
  });

  it('keeps the credit per language for the caption sheets', () => {
    expect(meta.credits).toEqual(yaml.credit);
  });

  it('lists the people left to right, whatever order the file uses', () => {
    // The YAML lists centre-right before centre-left.
    expect(yaml.people.map((shown: { position: string }) => shown.position)).toEqual(['centre-right', 'centre-left']);
    expect(meta.people).toEqual([personName('jack-chao', 'en'), personName('kang-yo-sik', 'en')]);
  });

  it('writes people with their position and the place in each language', () => {
    for (const locale of localeCodes) {
      const t = useTranslations(locale);
      expect(meta.peopleByLocale?.[locale]).toEqual([
        t('photo.personAt', { name: personName('jack-chao', locale), position: t('position.centre-left') }),
        t('photo.personAt', { name: personName('kang-yo-sik', locale), position: t('position.centre-right') }),
      ]);
      expect(meta.placeByLocale?.[locale]).toContain(yaml.place.city[locale]);
    }
  });

  it('takes keywords from the event short name and the organizations of the people shown', () => {
    // Left to right: Jack Chao (Taipei's IT department), then Kang Yo-sik (the Foundation).
    expect(meta.keywords).toEqual([
      contentYaml('events', 'scse-2023').shortName.en,
      contentYaml('organizations', 'taipei-doit').name.en,
      contentYaml('organizations', 'seoul-digital-foundation').name.en,
    ]);
  });

  it('points to the usage terms and keeps the copyright and creator', () => {
    expect(meta.webStatement).toBe(webStatement);
    expect(meta.copyright).toBe(yaml.copyright);
    expect(meta.creator).toBe(yaml.creator);
  });

  it('gives the day the photo was taken as the content wrote it, and nothing when it is unknown', () => {
    expect(meta.taken).toBe('2023-03-31');
    expect(pressMetadata(content.photos.get('scse-2023-taipei-04-gosmart-visit')!, content, webStatement).taken).toBeUndefined();
  });

  it('leaves untranslated languages out of the language alternatives and falls back to Korean for English fields', () => {
    const untranslated = {
      ...photo,
      data: { ...photo.data, caption: { ko: '실무 미팅' }, alt: { ko: '회의' }, headline: undefined, credit: { ko: '(c)시사타임즈' } },
    } as PhotoEntry;
    const koOnly = pressMetadata(untranslated, content, webStatement);
    expect(koOnly.captions).toEqual({ ko: '실무 미팅' });
    expect(koOnly.headline).toBeUndefined();
    expect(koOnly.englishDescription).toBe('실무 미팅');
    expect(koOnly.credit).toBe('(c)시사타임즈');
  });
});

describe('presentTexts', () => {
  it('keeps only the languages that have text', () => {
    expect(presentTexts({ ko: '가', 'zh-Hant': '乙' })).toEqual({ ko: '가', 'zh-Hant': '乙' });
  });
});

describe('takenText', () => {
  it('writes a day stored as UTC midnight as a day, and a moment in full', () => {
    expect(takenText(new Date('2023-03-29T00:00:00Z'))).toBe('2023-03-29');
    expect(takenText(new Date('2023-03-29T10:15:00+08:00'))).toBe('2023-03-29T02:15:00Z');
  });
});
