import { locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { siteContent, type SiteContent } from '../content/site-content';
import { absoluteUrl, paths } from '../view/urls';
import { feedItems, type Feed } from './feeds';
import { topicKinds, topicsIn, type Topic } from './topics';

/**
 * A topic's feed: the site feed's rule (real translations only, the newest 50) and the very same
 * items (`feedItem`), restricted to the releases about the topic.
 */
async function topicFeed(content: SiteContent, locale: LocaleCode, topic: Topic): Promise<Feed> {
  const t = useTranslations(locale);
  return {
    locale,
    title: t('feed.topicTitle', { topic: topic.name }),
    description: t('feed.topicDescription', { topic: topic.name }),
    home: absoluteUrl(topic.href),
    rss: absoluteUrl(paths.topicRss(locale, topic.kind, topic.id)),
    json: absoluteUrl(paths.topicJsonFeed(locale, topic.kind, topic.id)),
    items: await feedItems(content, topic.releases, locale),
  };
}

type TopicFeedPath = { params: { lang: string; kind: string; topic: string }; props: Feed };

let made: { content: SiteContent; paths: Promise<TopicFeedPath[]> } | undefined;

/** Every topic feed of every language, made once for both formats' routes. */
export async function topicFeedPaths(): Promise<TopicFeedPath[]> {
  // As the site feeds (feeds.ts): subscribers and aggregators republish, so the embargoed preview has none.
  if (siteConfig.preview) return [];
  const content = await siteContent();
  if (made?.content !== content) {
    made = {
      content,
      paths: Promise.all(
        locales.flatMap((locale) =>
          topicKinds.flatMap((kind) =>
            topicsIn(content, locale.code)[kind].map(async (topic) => ({
              params: { lang: locale.path, kind, topic: topic.id },
              props: await topicFeed(content, locale.code, topic),
            })),
          ),
        ),
      ),
    };
  }
  // A new array per route: Astro keys each route's static paths on the array it is given.
  return (await made.paths).map((path) => ({ params: { ...path.params }, props: path.props }));
}
