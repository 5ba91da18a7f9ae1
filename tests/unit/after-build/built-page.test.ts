import { describe, expect, it } from 'vitest';
import { isListed, readPageHead, searchableText } from '../../../src/lib/after-build/built-page';

const page = (head: string, body = '') => `<!DOCTYPE html><html lang="zh-Hant"><head>${head}</head><body>${body}</body></html>`;

describe('readPageHead', () => {
  it('reads language, canonical, hreflang links, robots and modification time', () => {
    const head = readPageHead(
      page(
        '<link rel="canonical" href="https://x.org/zh-hant/a/"><link rel="alternate" hreflang="ko" href="https://x.org/ko/a/">' +
          '<link rel="alternate" type="application/rss+xml" href="https://x.org/zh-hant/rss.xml">' +
          '<link rel="alternate" hreflang="x-default" href="https://x.org/ko/a/"><meta property="article:modified_time" content="2023-04-03T09:00:00+09:00">',
      ),
    );
    expect(head).toEqual({
      lang: 'zh-Hant',
      canonical: 'https://x.org/zh-hant/a/',
      noindex: false,
      alternates: [
        { hreflang: 'ko', href: 'https://x.org/ko/a/' },
        { hreflang: 'x-default', href: 'https://x.org/ko/a/' },
      ],
      modified: '2023-04-03T09:00:00+09:00',
    });
  });

  it('ignores links in the body', () => {
    const head = readPageHead(page('<link rel="canonical" href="https://x.org/a/">', '<link rel="canonical" href="https://x.org/b/">'));
    expect(head.canonical).toBe('https://x.org/a/');
  });
});

describe('isListed', () => {
  const canonical = 'https://x.org/ko/a/';
  it('lists a page that is its own canonical version and may be indexed', () => {
    expect(isListed({ canonical, noindex: false, alternates: [] }, canonical)).toBe(true);
  });
  it('leaves out a page showing another version, and a noindex page', () => {
    expect(isListed({ canonical, noindex: false, alternates: [] }, 'https://x.org/en/a/')).toBe(false);
    expect(isListed({ canonical, noindex: true, alternates: [] }, canonical)).toBe(false);
  });
});

describe('searchableText', () => {
  it('takes the text of data-pagefind-body regions, without ignored parts, scripts and entities', () => {
    const html = page(
      '<title>Not this</title>',
      '<header>Nor this</header><main data-pagefind-body><h1>臺北 &amp; 台北</h1><p>One<br>two</p>' +
        '<div data-pagefind-ignore><p>hidden</p></div><script>var x = 1;</script><img src="a.jpg" alt="x"><p>three</p></main><footer>Nor that</footer>',
    );
    expect(searchableText(html)).toBe('臺北 & 台北 One two three');
  });

  it('is empty for a page with no indexed region', () => {
    expect(searchableText(page('', '<main><p>text</p></main>'))).toBe('');
  });
});
