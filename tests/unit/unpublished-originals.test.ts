import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeUnreferencedImages } from '../../src/integrations/unpublished-originals';

describe('removeUnreferencedImages', () => {
  it('removes images no page, feed or style refers to, and keeps the rest', () => {
    const site = mkdtempSync(join(tmpdir(), 'pressroom-assets-'));
    mkdirSync(join(site, '_astro'));
    mkdirSync(join(site, 'ko'));
    for (const name of ['shown_abc.avif', 'shown_abc.jpg', 'in-srcset_x.webp', 'original.Hash.jpg', 'styles.css', 'bg.png']) {
      writeFileSync(join(site, '_astro', name), 'x');
    }
    writeFileSync(join(site, 'ko', 'index.html'), '<picture><source srcset="/_astro/in-srcset_x.webp 480w, /_astro/shown_abc.avif 960w"><img src="/_astro/shown_abc.jpg"></picture><link href="/_astro/styles.css">');
    writeFileSync(join(site, '_astro', 'styles.css'), 'body{background:url(/_astro/bg.png)}');
    expect(removeUnreferencedImages(site)).toEqual(['original.Hash.jpg']);
    expect(readdirSync(join(site, '_astro')).sort()).toEqual(['bg.png', 'in-srcset_x.webp', 'shown_abc.avif', 'shown_abc.jpg', 'styles.css']);
  });
});
