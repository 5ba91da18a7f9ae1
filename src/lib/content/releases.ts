import type { CollectionEntry } from 'astro:content';
import { defaultLocale, isLocalePath, localeByPath, localePaths, locales, type LocaleCode } from '../../i18n/locales';
import type { ContentProblem } from './problems';

export type ReleaseEntry = CollectionEntry<'releases'>;
type ReleaseData = ReleaseEntry['data'];

/** Facts every language version shares; only the original sets them. */
const sharedFields = ['date', 'category', 'contact', 'event', 'mous', 'organizations', 'photos', 'hero', 'attachments', 'embargo'] as const;
type SharedField = (typeof sharedFields)[number];

/** A press release with all its language versions paired. */
export interface Release {
  /** Folder name under `content/releases/`, used in every URL. */
  slug: string;
  /** The original-language file. */
  original: ReleaseEntry;
  /** Real language versions, original included; a missing key means "not translated". */
  versions: Partial<Record<LocaleCode, ReleaseEntry>>;
  date: Date;
  updated?: Date;
  /** Corrections, oldest first, each with its wording in every language that gave one. */
  corrections: ReleaseCorrection[];
  /** The latest of `updated` and the corrections: when the text last changed after publication. */
  modified?: Date;
  embargo?: Date;
  category: NonNullable<ReleaseData['category']>;
  /** Press contact id (`content/contacts/`), when the release names its own. */
  contact?: string;
  /** Referenced entry ids. */
  event?: string;
  mous: string[];
  organizations: string[];
  photos: string[];
  hero?: string;
  /** Documents in the release's `files/` folder, as the original lists them. */
  attachments: ReleaseAttachment[];
}

export type ReleaseAttachment = NonNullable<ReleaseData['attachments']>[number];

/** A correction as the page shows it: the original's date, the note per language version. */
export interface ReleaseCorrection {
  date: Date;
  notes: Partial<Record<LocaleCode, string>>;
}

/** `scse-2023-taipei/zh-hant` → slug and locale path. */
export function splitReleaseId(id: string): { slug: string; localePath: string } {
  const cut = id.lastIndexOf('/');
  return { slug: id.slice(0, cut), localePath: id.slice(cut + 1) };
}

function fileOf(entry: ReleaseEntry): string {
  return entry.filePath ?? `content/releases/${entry.id}.mdx`;
}

/** Comparable form of a shared field, so references and dates compare by value. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, inner) => (inner instanceof Date ? inner.toISOString() : inner));
}

const refId = (ref: { id: string } | undefined) => ref?.id;

/** A translation words the original's corrections; an entry with a date the original lacks is a mistake. */
function correctionProblems(original: ReleaseEntry, translation: ReleaseEntry): ContentProblem[] {
  const dates = new Set(original.data.corrections.map((correction) => correction.date.getTime()));
  const listed = original.data.corrections.map((correction) => correction.date.toISOString()).join(', ') || '(none)';
  return translation.data.corrections.flatMap((correction, index) =>
    dates.has(correction.date.getTime())
      ? []
      : [
          {
            file: fileOf(translation),
            field: `corrections.${index}.date`,
            problem: `the original (${fileOf(original)}) has no correction dated ${correction.date.toISOString()}`,
            fix: `add the correction to the original first, or give this entry the date of one of the original's: ${listed}`,
            ko: {
              problem: `원문(${fileOf(original)})에 ${correction.date.toISOString()} 날짜의 정정이 없습니다`,
              fix: `정정은 원문에 먼저 적거나, 이 항목의 날짜를 원문 정정 날짜 중 하나로 쓰세요: ${listed}`,
            },
          },
        ],
  );
}

function corrections(versions: Partial<Record<LocaleCode, ReleaseEntry>>, original: ReleaseEntry): ReleaseCorrection[] {
  return original.data.corrections
    .map((correction) => ({
      date: correction.date,
      notes: Object.fromEntries(
        Object.entries(versions).flatMap(([code, version]) => {
          const note = version?.data.corrections.find((candidate) => candidate.date.getTime() === correction.date.getTime())?.note;
          return note ? [[code, note]] : [];
        }),
      ) as Partial<Record<LocaleCode, string>>,
    }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
}

function translationProblems(original: ReleaseEntry, translation: ReleaseEntry): ContentProblem[] {
  return sharedFields
    .filter((field: SharedField) => translation.data[field] !== undefined)
    .filter((field) => comparable(translation.data[field]) !== comparable(original.data[field]))
    .map((field) => ({
      file: fileOf(translation),
      field,
      problem: `differs from the original (${fileOf(original)})`,
      fix: `remove "${field}" from the translation (it is taken from the original), or make it the same as in the original`,
      ko: { problem: `원문(${fileOf(original)})과 다릅니다`, fix: `번역본에서 "${field}"를 지우거나(원문 값을 그대로 씁니다) 원문과 같게 쓰세요` },
    }));
}

/** `<Photo id>`s in a body that the release does not list: the page and the pack could not show them. */
function unlistedPhotos(version: ReleaseEntry, photos: string[]): ContentProblem[] {
  // MDX comments ({/* … */}) are not rendered, so a <Photo> inside one (a note to translators) shows nothing.
  const rendered = (version.body ?? '').replaceAll(/\{\/\*[\s\S]*?\*\/\}/g, '');
  return [...rendered.matchAll(/<Photo\s+id=["']([^"']+)["']/g)]
    .map((match) => match[1]!)
    .filter((id) => !photos.includes(id))
    .map((id) => ({
      file: fileOf(version),
      field: `<Photo id="${id}">`,
      problem: `"${id}" is not one of this release's photos`,
      fix: `use one of: ${photos.join(', ') || '(none listed)'}, or add "${id}" to "photos" in the original-language file`,
      ko: { problem: `"${id}"은(는) 이 보도자료의 사진이 아닙니다`, fix: `다음 중 하나를 쓰거나: ${photos.join(', ') || '(적힌 사진 없음)'}, 원문 파일의 "photos"에 "${id}"를 추가하세요` },
    }));
}

/**
 * Groups release files by folder and checks that each group is a consistent set of language
 * versions of one original. Returns the releases that can be built and every problem found.
 */
export function pairReleases(entries: ReleaseEntry[]): { releases: Release[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const bySlug = new Map<string, Partial<Record<LocaleCode, ReleaseEntry>>>();

  for (const entry of entries) {
    const { slug, localePath } = splitReleaseId(entry.id);
    if (!isLocalePath(localePath)) {
      problems.push({
        file: fileOf(entry),
        field: 'file name',
        problem: `"${localePath}" is not one of the site's languages`,
        fix: `name the file ${localePaths.map((path) => `${path}.mdx`).join(', ')}, or add the language to src/i18n/locales.ts`,
        ko: { problem: `"${localePath}"은(는) 이 사이트의 언어가 아닙니다`, fix: `파일 이름을 ${localePaths.map((path) => `${path}.mdx`).join(', ')} 중 하나로 하거나, src/i18n/locales.ts에 언어를 추가하세요` },
      });
      continue;
    }
    const group = bySlug.get(slug) ?? {};
    group[localeByPath(localePath).code] = entry;
    bySlug.set(slug, group);
  }

  const releases: Release[] = [];
  for (const [slug, versions] of bySlug) {
    const original = versions[defaultLocale];
    if (!original) {
      const someFile = fileOf(Object.values(versions)[0]!);
      problems.push({
        file: someFile,
        field: 'file name',
        problem: `the release folder "${slug}" has no original-language file`,
        fix: `add ${localeByPath(defaultLocale).path}.mdx to the folder: translations are made from it`,
        ko: { problem: `보도자료 폴더 "${slug}"에 원문 파일이 없습니다`, fix: `폴더에 ${localeByPath(defaultLocale).path}.mdx를 추가하세요. 번역본은 원문에서 만듭니다` },
      });
      continue;
    }
    const missing = (['date', 'category'] as const).filter((field) => original.data[field] === undefined);
    for (const field of missing) {
      problems.push({
        file: fileOf(original),
        field,
        problem: 'is missing; the original-language file must set it',
        fix:
          field === 'date'
            ? 'add e.g. "date: 2023-04-03T09:00:00+09:00" (publication moment with time zone)'
            : 'add e.g. "category: international" (see src/schemas/vocabulary.ts)',
        ko: {
          problem: '값이 없습니다. 원문 파일에는 반드시 써야 합니다',
          fix: field === 'date' ? '"date: 2023-04-03T09:00+09:00"처럼 시간대를 붙인 발표 시각을 쓰세요' : '"category: international"처럼 쓰세요(src/schemas/vocabulary.ts 참고)',
        },
      });
    }
    const photos = (original.data.photos ?? []).map((ref) => ref.id);
    const hero = refId(original.data.hero);
    if (hero && !photos.includes(hero)) {
      problems.push({
        file: fileOf(original),
        field: 'hero',
        problem: `"${hero}" is not one of this release's photos`,
        fix: `use one of: ${photos.join(', ') || '(the release lists no photos)'}`,
        ko: { problem: `"${hero}"은(는) 이 보도자료의 사진이 아닙니다`, fix: `다음 중 하나를 쓰세요: ${photos.join(', ') || '(적힌 사진 없음)'}` },
      });
    }
    for (const locale of locales) {
      const version = versions[locale.code];
      if (!version) continue;
      if (version !== original) problems.push(...translationProblems(original, version), ...correctionProblems(original, version));
      problems.push(...unlistedPhotos(version, photos));
    }
    if (missing.length > 0) continue;
    releases.push({
      slug,
      original,
      versions,
      date: original.data.date!,
      updated: original.data.updated,
      corrections: corrections(versions, original),
      modified: latest([original.data.updated, ...original.data.corrections.map((correction) => correction.date)]),
      embargo: original.data.embargo,
      category: original.data.category!,
      contact: refId(original.data.contact),
      event: refId(original.data.event),
      mous: (original.data.mous ?? []).map((ref) => ref.id),
      organizations: (original.data.organizations ?? []).map((ref) => ref.id),
      photos,
      hero: hero ?? photos[0],
      attachments: original.data.attachments ?? [],
    });
  }
  return { releases, problems };
}

function latest(dates: Array<Date | undefined>): Date | undefined {
  return dates.filter((date): date is Date => date !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
}

export interface Visibility {
  now: Date;
  /** Drafts are shown by `npm run dev` only. */
  includeDrafts: boolean;
  /**
   * Embargoed releases are shown by the embargoed preview only (`PRESS_PREVIEW=1`, set through
   * `buildVisibility()` in clock.ts); left out, the embargo holds, so no caller can open it by omission.
   */
  includeEmbargoed?: boolean;
}

/** Whether readers may see the release at all at this moment. */
export function isReleaseVisible(release: Release, { now, includeDrafts, includeEmbargoed = false }: Visibility): boolean {
  if (release.original.data.draft && !includeDrafts) return false;
  return includeEmbargoed || !isUnderEmbargo(release, now);
}

/** Whether the release may not be published yet at `now`: the preview's banner says so on its page. */
export function isUnderEmbargo(release: Release, now: Date): boolean {
  return release.embargo !== undefined && release.embargo.getTime() > now.getTime();
}

/** The language versions readers may see; a draft translation is left out of production. */
export function visibleVersions(release: Release, { includeDrafts }: Visibility): Partial<Record<LocaleCode, ReleaseEntry>> {
  return Object.fromEntries(
    Object.entries(release.versions).filter(([, entry]) => includeDrafts || !entry.data.draft),
  ) as Partial<Record<LocaleCode, ReleaseEntry>>;
}

/** Newest first; ties broken by slug so the order never depends on file-system order. */
export function byNewest(a: Release, b: Release): number {
  return b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug);
}

/** What a reader of `locale` gets: the translation, or the original with a notice. */
export interface ReleaseInLocale {
  release: Release;
  locale: LocaleCode;
  entry: ReleaseEntry;
  /** Language the text is written in. */
  textLocale: LocaleCode;
  isFallback: boolean;
}

export function releaseInLocale(release: Release, locale: LocaleCode): ReleaseInLocale {
  const translation = release.versions[locale];
  return translation
    ? { release, locale, entry: translation, textLocale: locale, isFallback: false }
    : { release, locale, entry: release.original, textLocale: defaultLocale, isFallback: true };
}

/** The next embargo still ahead of `now`, so a scheduled rebuild can be set for it. */
export function nextEmbargo(releases: Release[], now: Date): Date | undefined {
  return releases
    .map((release) => release.embargo)
    .filter((moment): moment is Date => moment !== undefined && moment.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
}
