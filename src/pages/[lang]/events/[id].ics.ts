import type { APIRoute, GetStaticPaths } from 'astro';
import { eventCalendarPaths } from '../../../lib/routes/event-calendar';

export const getStaticPaths = (() => eventCalendarPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ body: string }> = ({ props }) =>
  new Response(props.body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
