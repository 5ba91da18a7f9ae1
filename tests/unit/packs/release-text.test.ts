import { describe, expect, it } from 'vitest';
import { markdownAlt, plainMarkdown } from '../../../src/lib/packs/release-text';
import { markdownNodes as nodes } from '../../helpers/markdown';

const text = (markdown: string) =>
  nodes(markdown)
    .filter((node) => node.type === 'text')
    .map((node) => node.value)
    .join('');

const photo = (id: string) => `![사진 ${id}](${id}.jpg)`;

describe('plainMarkdown', () => {
  it('turns <Photo> into what the writer gives, after Korean text (offsets count UTF-16 units)', () => {
    const source = '한국어 문단 😀 입니다.\n\n<Photo id="scse-01" />\n\n다음 문단.\n';
    const images = nodes(plainMarkdown(source, 'ko.mdx', photo)).filter((node) => node.type === 'image');
    expect(images.map((image) => [image.url, image.alt])).toEqual([['scse-01.jpg', '사진 scse-01']]);
    expect(text(plainMarkdown(source, 'ko.mdx', photo))).toBe('한국어 문단 😀 입니다.다음 문단.');
  });

  it('drops import/export lines and {expressions}, comments included', () => {
    const source = 'import Chart from "./chart.astro";\nexport const year = 2023;\n\n본문 {year}년.\n\n{/* 편집자 메모 */}\n\n끝.\n';
    const result = plainMarkdown(source, 'ko.mdx', photo);
    expect(nodes(result).map((node) => node.type)).toEqual(['root', 'paragraph', 'text', 'paragraph', 'text']);
    expect(text(result)).toBe('본문 년.끝.');
  });

  it('keeps the text inside other elements, nested ones included', () => {
    const result = plainMarkdown('앞 <Note>중요한 <b>말</b></Note> 뒤\n', 'ko.mdx', photo);
    expect(text(result)).toBe('앞 중요한 말 뒤');
    expect(nodes(result).some((node) => node.type === 'html')).toBe(false);
  });

  it('leaves tables, footnotes and links as the press team wrote them', () => {
    const source = '| 기관 | 설립 |\n| --- | --- |\n| TCA | 1974년 |\n\n문장[^1] https://example.org\n\n[^1]: 각주.\n';
    expect(plainMarkdown(source, 'ko.mdx', photo)).toBe(source);
  });

  it('names the file and line of a <Photo> without a plain id', () => {
    expect(() => plainMarkdown('첫 줄\n\n<Photo id={someId} />\n', 'content/releases/x/ko.mdx', photo)).toThrow(
      'content/releases/x/ko.mdx, line 3: <Photo> needs its id as plain text',
    );
  });
});

describe('markdownAlt', () => {
  it('escapes what would end the alt text and folds line breaks', () => {
    const alt = markdownAlt('왼쪽 [강요식]\n오른쪽 \\ 끝');
    const [image] = nodes(`![${alt}](a.jpg)`).filter((node) => node.type === 'image');
    expect(image?.alt).toBe('왼쪽 [강요식] 오른쪽 \\ 끝');
  });
});
