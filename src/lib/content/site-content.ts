/**
 * The one door to the content for pages. It loads every collection once through Astro's content
 * layer and passes them through `assembleSiteContent` (content/public-content.ts), which checks what the
 * schemas cannot (references, language pairing, photos of other releases) and drops drafts and
 * embargoed releases. Pages never call `getCollection` themselves, so an embargoed release cannot
 * leak through a page that forgot a filter. Astro only ever reads content that passed the whole
 * check (content/reader.ts), which the media stage runs before `astro build`.
 */
import { getCollection } from 'astro:content';
import { buildVisibility } from './clock';
import { assembleSiteContent, type SiteContent } from './public-content';

export * from './public-content';

let loaded: Promise<SiteContent> | undefined;

/** All content, loaded and checked once per build. */
export function siteContent(): Promise<SiteContent> {
  loaded ??= (async () => {
    const [releases, photos, events, mous, organizations, people, contacts] = await Promise.all([
      getCollection('releases'),
      getCollection('photos'),
      getCollection('events'),
      getCollection('mous'),
      getCollection('organizations'),
      getCollection('people'),
      getCollection('contacts'),
    ]);
    const content = assembleSiteContent({ releases, photos, events, mous, organizations, people, contacts }, buildVisibility({ includeDrafts: import.meta.env.DEV }));
    if (content.nextEmbargo) {
      console.info(`[pressroom] next embargo lifts at ${content.nextEmbargo.toISOString()}: rebuild the site then.`);
    }
    return content;
  })();
  return loaded;
}
