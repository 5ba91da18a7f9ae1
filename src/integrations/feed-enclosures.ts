import { readFile, stat, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { XMLParser } from 'fast-xml-parser';
import XMLBuilder from 'fast-xml-builder';

// Element order, attributes and text are kept as they are; only enclosure lengths change.
const xmlOptions = { ignoreAttributes: false, preserveOrder: true, suppressEmptyNode: true, processEntities: false } as const;

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function* enclosures(nodes: XmlNode[]): Generator<Record<string, string>> {
  for (const node of nodes) {
    for (const [name, children] of Object.entries(node)) {
      if (name === ':@' || !Array.isArray(children)) continue;
      if (name === 'enclosure' && node[':@']) yield node[':@'];
      yield* enclosures(children as XmlNode[]);
    }
  }
}

/**
 * Sets every enclosure that points into this site to the byte size of the file it points to.
 * Throws when the file does not exist: a feed must not announce a missing image.
 */
export async function withEnclosureLengths(xml: string, siteOrigin: string, outDir: string): Promise<string> {
  const document = new XMLParser(xmlOptions).parse(xml) as XmlNode[];
  let changed = false;
  for (const attributes of enclosures(document)) {
    const url = new URL(attributes['@_url'] ?? '', siteOrigin);
    if (url.origin !== new URL(siteOrigin).origin) continue;
    const file = join(outDir, decodeURIComponent(url.pathname));
    const size = await stat(file).then(
      (found) => found.size,
      () => {
        throw new Error(`A feed enclosure points to ${url.href}, but the build wrote no ${file}`);
      },
    );
    attributes['@_length'] = String(size);
    changed = true;
  }
  return changed ? new XMLBuilder(xmlOptions).build(document) : xml;
}

/**
 * RSS 2.0 requires an enclosure's length in bytes. The card image an enclosure points to is
 * written by Astro's image pipeline after the feeds are rendered, so the feeds get their lengths
 * here, once the images exist.
 */
export function feedEnclosures(feedFileName = 'rss.xml'): AstroIntegration {
  let site = '';
  return {
    name: 'pressroom:feed-enclosures',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? '';
      },
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const feeds = readdirSync(root, { withFileTypes: true, recursive: true })
          .filter((item) => item.isFile() && item.name === feedFileName)
          .map((item) => join(item.parentPath, item.name));
        for (const feed of feeds) {
          const xml = await readFile(feed, 'utf8');
          const updated = await withEnclosureLengths(xml, site, root);
          if (updated !== xml) await writeFile(feed, updated);
        }
      },
    },
  };
}
