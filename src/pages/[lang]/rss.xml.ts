import type { APIRoute, GetStaticPaths } from 'astro';
import rss from '@astrojs/rss';
import { feedPaths, rssOptions, type Feed } from '../../lib/routes/feeds';

export const getStaticPaths = (() => feedPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<Feed> = ({ props }) => rss(rssOptions(props));
