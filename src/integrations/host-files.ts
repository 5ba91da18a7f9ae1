import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { hostHeaders, hostRedirects } from '../lib/after-build/host-headers';
import { isPreview, mediaSettings } from '../settings';

/**
 * Writes `_headers`, and with a bucket `_redirects`; Astro ignores page files whose names start
 * with an underscore.
 */
export function hostFiles(): AstroIntegration {
  return {
    name: 'pressroom:host-files',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const { publicUrl } = mediaSettings();
        const out = fileURLToPath(dir);
        writeFileSync(join(out, '_headers'), hostHeaders({ mediaOrigin: publicUrl && new URL(publicUrl).origin, preview: isPreview() }));
        if (publicUrl) writeFileSync(join(out, '_redirects'), hostRedirects(publicUrl));
      },
    },
  };
}
