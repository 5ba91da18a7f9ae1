/**
 * The packs and press copies of this build, for pages: each is made (or found in the cache) the
 * first time a page asks for it, once per build, and listed in the manifest the press-kit
 * integration reads to copy it into the output (see `handoff.ts`).
 */
import type { LocaleCode } from '../../i18n/locales';
import { siteConfig } from '../../site.config';
import { siteContent, type PhotoEntry } from '../content';
import { memo } from '../memo';
import { packCacheDir } from '../paths';
import type { Release } from '../releases';
import { paths } from '../urls';
import { originalLink, packLink, type OriginalLink, type PackLink } from './download-links';
import { MANIFEST_ENV, ManifestWriter, type OutputRecord } from './handoff';
import { eventPackPlan, packPhoto, releasePackPlan, type PackPlan } from './pack-plan';
import { PackStore, type StoredFile, type StoredPack, type StoredPhoto } from './pack-store';

let store: PackStore | undefined;
let manifest: ManifestWriter | undefined;
const plans = new Map<string, Promise<{ plan: PackPlan; stored: StoredPack } | undefined>>();
// Every page that shows a photo links its original (about 12,000 links at 1,000 releases), and
// planning a press copy reads the photo's YAML again: once per photo per build is enough.
const photos = new Map<string, Promise<StoredPhoto>>();

function packStore(): PackStore {
  store ??= new PackStore({ cacheDir: packCacheDir, maxPixels: siteConfig.maxPhotoPixels });
  return store;
}

/**
 * Lists a made file for the integration. Outside `astro build` (dev server, type checks) there
 * is no manifest: the file stays in the cache and the link leads nowhere until the next build.
 */
async function handOver(href: string, kind: OutputRecord['kind'], file: StoredFile): Promise<void> {
  const path = process.env[MANIFEST_ENV];
  if (!path) return;
  if (manifest?.path !== path) manifest = new ManifestWriter(path);
  await manifest.add({ href, kind, cachedPath: file.cachedPath, rebuilt: file.rebuilt, madeDuring: file.madeDuring });
}

function storedPhoto(photo: PhotoEntry): Promise<StoredPhoto> {
  return memo(photos, photo.id, async () => {
    const copy = await packStore().pressCopy(packPhoto(await siteContent(), photo));
    await handOver(paths.original(photo.id), 'photo', copy);
    return copy;
  });
}

function storedPack(href: string, makePlan: () => Promise<PackPlan | undefined>) {
  return memo(plans, href, async () => {
    const plan = await makePlan();
    if (!plan) return undefined;
    const stored = await packStore().pack(plan);
    await handOver(href, 'pack', stored);
    return { plan, stored };
  });
}

/** The ZIP of a release's photos, or undefined when it has none. */
export async function releasePackLink(release: Release, locale: LocaleCode): Promise<PackLink | undefined> {
  const href = paths.releasePack(release.slug);
  const made = await storedPack(href, async () => releasePackPlan(await siteContent(), release));
  return made && packLink(href, made.stored, made.plan.credits[locale], locale);
}

/** The ZIP of every published photo taken at an event, or undefined when there is none. */
export async function eventPackLink(eventId: string, locale: LocaleCode): Promise<PackLink | undefined> {
  const href = paths.eventPack(eventId);
  const made = await storedPack(href, async () => eventPackPlan(await siteContent(), eventId));
  return made && packLink(href, made.stored, made.plan.credits[locale], locale);
}

/** The single press copy of a published photo. */
export async function originalPhotoLink(photo: PhotoEntry, locale: LocaleCode): Promise<OriginalLink> {
  return originalLink(paths.original(photo.id), await storedPhoto(photo), locale);
}
