import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonFeed, type Feed } from '../../../../lib/routes/feeds';
import { topicFeedPaths } from '../../../../lib/routes/topic-feeds';

// `kind` is the topic page's folder (categories, tags, organizations, events): the feed sits beside its page.
export const getStaticPaths = (() => topicFeedPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<Feed> = ({ props }) =>
  new Response(JSON.stringify(jsonFeed(props), null, 2), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
