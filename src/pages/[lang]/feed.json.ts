import type { APIRoute, GetStaticPaths } from 'astro';
import { feedPaths, jsonFeed, type Feed } from '../../lib/routes/feeds';

export const getStaticPaths = (() => feedPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<Feed> = ({ props }) =>
  new Response(JSON.stringify(jsonFeed(props), null, 2), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
