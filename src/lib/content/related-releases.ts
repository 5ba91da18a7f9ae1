/**
 * Releases related to a release: those sharing its event, an MoU, an organization or a tag,
 * newest first, the ones translated into the reader's language before the others. Computed once
 * per build from indexes by key, so the cost grows with the number of releases, not its square:
 * each release looks at no more than `limit + 1` releases per key it has.
 */
import { siteConfig } from '../../site.config';
import { localeCodes, type LocaleCode } from '../../i18n/locales';
import type { Release } from './releases';

export const RELATED_RELEASE_COUNT = 4;

/** What makes two releases related. The publisher is left out: it is named by every release. */
function keysOf(release: Release): string[] {
  return [
    ...(release.event ? [`event:${release.event}`] : []),
    ...release.mous.map((id) => `mou:${id}`),
    ...release.organizations.filter((id) => id !== siteConfig.publisher).map((id) => `organization:${id}`),
    ...release.original.data.tags.map((tag) => `tag:${tag.normalize('NFC').toLocaleLowerCase()}`),
  ];
}

type Related = Map<Release, Record<LocaleCode, Release[]>>;

const computed = new WeakMap<readonly Release[], Related>();

/** `releases` newest first, as site content holds them. */
export function relatedReleases(releases: readonly Release[], release: Release, locale: LocaleCode, limit = RELATED_RELEASE_COUNT): Release[] {
  let related = computed.get(releases);
  if (!related) {
    related = computeRelated(releases, limit);
    computed.set(releases, related);
  }
  return (related.get(release)?.[locale] ?? []).slice(0, limit);
}

function computeRelated(releases: readonly Release[], limit: number): Related {
  const byKey = new Map<string, Release[]>();
  const order = new Map(releases.map((release, index) => [release, index]));
  for (const release of releases) {
    for (const key of new Set(keysOf(release))) {
      const list = byKey.get(key) ?? [];
      list.push(release);
      byKey.set(key, list);
    }
  }
  // Per key, the newest releases in each language and overall: no release needs more than these.
  const translatedByKey = new Map<string, Record<LocaleCode, Release[]>>();
  for (const [key, list] of byKey) {
    translatedByKey.set(key, Object.fromEntries(localeCodes.map((code) => [code, list.filter((candidate) => candidate.versions[code]).slice(0, limit + 1)])) as Record<LocaleCode, Release[]>);
    byKey.set(key, list.slice(0, limit + 1));
  }
  const related: Related = new Map();
  for (const release of releases) {
    const keys = [...new Set(keysOf(release))];
    const pick = (lists: Release[][], exclude: Set<Release>) =>
      [...new Set(lists.flat())].filter((candidate) => candidate !== release && !exclude.has(candidate)).sort((a, b) => order.get(a)! - order.get(b)!);
    related.set(
      release,
      Object.fromEntries(
        localeCodes.map((code) => {
          const translated = pick(keys.map((key) => translatedByKey.get(key)![code]), new Set()).slice(0, limit);
          const others = pick(keys.map((key) => byKey.get(key)!), new Set(translated));
          return [code, [...translated, ...others].slice(0, limit)];
        }),
      ) as Record<LocaleCode, Release[]>,
    );
  }
  return related;
}
