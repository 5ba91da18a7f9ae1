import { createReadStream } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { siteMedia } from '../lib/media/site-media';
import { attachmentDisposition } from '../lib/media/store';

/**
 * `astro dev` serves the local store's media from the media stage's cache, as a build places them
 * into the site (`npm run dev` runs the stage first). A bucket serves its own.
 */
export function mediaDevServer(): AstroIntegration {
  return {
    name: 'pressroom:media-dev-server',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).slice(1);
          let object;
          try {
            object = siteMedia().store === 'local' ? siteMedia().objects.find((candidate) => candidate.key === path) : undefined;
          } catch {
            object = undefined;
          }
          if (!object) return next();
          response.setHeader('Content-Type', object.contentType);
          if (object.downloadName) response.setHeader('Content-Disposition', attachmentDisposition(object.downloadName));
          createReadStream(object.file).pipe(response);
        });
      },
    },
  };
}
