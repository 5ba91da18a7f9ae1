import type { APIRoute, GetStaticPaths } from 'astro';
import rss from '@astrojs/rss';
import { rssOptions, type Feed } from '../../../../lib/routes/feeds';
import { topicFeedPaths } from '../../../../lib/routes/topic-feeds';

// `kind` is the topic page's folder (categories, tags, organizations, events): the feed sits beside its page.
export const getStaticPaths = (() => topicFeedPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<Feed> = ({ props }) => rss(rssOptions(props));
