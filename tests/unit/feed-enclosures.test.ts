import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { withEnclosureLengths } from '../../src/integrations/feed-enclosures';

const site = 'https://press.example.org';
const feed = (url: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>A &amp; B</title><item><title>One</title>` +
  `<enclosure url="${url}" length="0" type="image/jpeg"/></item><item><title>Two</title></item></channel></rss>`;

describe('withEnclosureLengths', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'enclosures-'));
    await mkdir(join(root, '_astro'));
    await writeFile(join(root, '_astro', 'card.jpg'), Buffer.alloc(1234));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('sets the byte size of the file the enclosure points to, and changes nothing else', async () => {
    const before = feed(`${site}/_astro/card.jpg`);
    const after = await withEnclosureLengths(before, site, root);
    expect(after).toBe(before.replace('length="0"', 'length="1234"'));
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(after);
    expect(parsed.rss.channel.item[0].enclosure['@_length']).toBe('1234');
  });

  it('leaves enclosures on other sites alone', async () => {
    const before = feed('https://elsewhere.example.com/a.jpg');
    expect(await withEnclosureLengths(before, site, root)).toBe(before);
  });

  it('fails when the file was never written', async () => {
    await expect(withEnclosureLengths(feed(`${site}/_astro/missing.jpg`), site, root)).rejects.toThrow(/missing\.jpg/);
  });
});
