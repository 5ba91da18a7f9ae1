import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mdxBodyProblems } from '../../../src/lib/content/mdx-checks';

const root = new URL('../../../', import.meta.url);

/** The body of a sample release and the file line it starts on, split as the content reader splits it. */
function sampleBody(language: string): { body: string; line: number } {
  const text = readFileSync(new URL(`content/releases/scse-2023-taipei/${language}.mdx`, root), 'utf8');
  const match = /^(---\r?\n[\s\S]*?\r?\n---\r?\n)([\s\S]*)$/.exec(text)!;
  return { body: match[2]!, line: match[1]!.split('\n').length };
}

const fields = (body: string, bodyLine = 1) => mdxBodyProblems('r.mdx', body, bodyLine).map((problem) => [problem.field, problem.problem]);

describe('mdxBodyProblems', () => {
  it.each(['ko', 'en', 'zh-hant'])('passes the sample release body (%s), which uses <Photo />', (language) => {
    const { body, line } = sampleBody(language);
    expect(body).toContain('<Photo id="');
    expect(mdxBodyProblems(`${language}.mdx`, body, line)).toEqual([]);
  });

  it('passes Markdown, release components with plain attributes, plain inline tags, and code that is only shown', () => {
    const body = [
      '# Heading',
      '',
      'Text with **bold**, a [link](https://example.org/) and `<Code>{x}</Code>` inline.',
      '',
      '<Photo id="scse-2023-taipei-01-ntca-visit" />',
      '',
      '<Photo id="a">caption</Photo>',
      '',
      'H<sub>2</sub>O, 10<sup>3</sup>, <abbr title="Taipei Computer Association">TCA</abbr>, line<br />break, <small>s</small> <mark>m</mark> <kbd>k</kbd> <span>x</span> long<wbr />word',
      '',
      '```js',
      'import fs from "node:fs";',
      '<Video src={x} />',
      '```',
      '',
      'Escaped &lt;tag&gt; and &#123;braces&#125;.',
    ].join('\n');
    expect(mdxBodyProblems('r.mdx', body, 1)).toEqual([]);
  });

  it('reports imports and exports, at their line in the file', () => {
    const body = ['Intro', '', 'import fs from "node:fs"', '', 'export const secret = fs.readFileSync("/etc/passwd", "utf8")', '', 'Text'].join('\n');
    const problems = mdxBodyProblems('content/releases/x/ko.mdx', body, 10);
    expect(problems.map((problem) => [problem.file, problem.field, problem.problem])).toEqual([
      ['content/releases/x/ko.mdx', 'line 12', 'an import or export: release bodies may not run code at build time'],
      ['content/releases/x/ko.mdx', 'line 14', 'an import or export: release bodies may not run code at build time'],
    ]);
    expect(problems[0]!.fix).toMatch(/^remove it/);
    expect(problems[0]!.ko).toEqual({
      problem: 'import/export 문: 보도자료 본문에서는 빌드할 때 코드를 실행할 수 없습니다',
      fix: expect.stringContaining('&#123;'),
    });
  });

  it('reports expressions in text and on lines of their own, quoting them', () => {
    const body = ['Line one', '', 'The home folder is {process.env.HOME}.', '', '{1 + 1}'].join('\n');
    const problems = mdxBodyProblems('r.mdx', body, 5);
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      ['line 7', 'the expression {process.env.HOME}: release bodies may not run code at build time'],
      ['line 9', 'the expression {1 + 1}: release bodies may not run code at build time'],
    ]);
    expect(problems[0]!.ko!.problem).toBe('표현식 {process.env.HOME}: 보도자료 본문에서는 빌드할 때 코드를 실행할 수 없습니다');
  });

  it('allows MDX comments, which run and render nothing, but not code written after one', () => {
    expect(mdxBodyProblems('r.mdx', 'Text\n\n{/* note for translators */}\n\nMore {/* a */ /* b */} text.\n\n{/*\nseveral\nlines\n*/}\n', 1)).toEqual([]);
    expect(fields('{/* note */ process.env.HOME}\n\n{/* a */}{1}\n')).toEqual([
      ['line 1', 'the expression {/* note */ process.env.HOME}: release bodies may not run code at build time'],
      ['line 3', 'the expression {1}: release bodies may not run code at build time'],
    ]);
  });

  it('shortens a long expression to its first 40 characters', () => {
    const code = `"${'a'.repeat(60)}"`;
    const [problem] = mdxBodyProblems('r.mdx', `{${code}}`, 1);
    expect(problem!.problem).toBe(`the expression {${code.slice(0, 40)}}: release bodies may not run code at build time`);
  });

  it('reports expression and spread attributes, even on a release component', () => {
    const body = ['<Photo id={"a"} />', '', '<Photo {...props} />', '', 'and <abbr title={name}>x</abbr>'].join('\n');
    expect(fields(body)).toEqual([
      ['line 1', 'the attribute id={…} of <Photo>: release bodies may not run code at build time'],
      ['line 3', 'the attribute {…}={…} of <Photo>: release bodies may not run code at build time'],
      ['line 5', 'the attribute title={…} of <abbr>: release bodies may not run code at build time'],
    ]);
    expect(mdxBodyProblems('r.mdx', '<Photo id={"a"} />', 1)[0]!.ko!.problem).toBe('<Photo>의 속성 id={…}: 보도자료 본문에서는 빌드할 때 코드를 실행할 수 없습니다');
  });

  it('reports components that are not release components, naming the ones there are', () => {
    const [problem, ...others] = mdxBodyProblems('r.mdx', 'Para\n\n<Video src="x.mp4" />\n', 3);
    expect(others).toEqual([]);
    expect(problem).toEqual({
      file: 'r.mdx',
      field: 'line 5',
      problem: '<Video> is not a component or tag releases can use',
      fix: 'use <Photo … />, or write the text without the angle bracket (&lt;)',
      ko: {
        problem: '<Video>은(는) 보도자료에서 쓸 수 있는 컴포넌트나 태그가 아닙니다',
        fix: '<Photo … />을(를) 쓰거나, 꺾쇠 없이(&lt;) 쓰세요',
      },
    });
  });

  it('reports HTML tags that load or run something, listing the plain tags that may be used', () => {
    const body = ['<script>alert(1)</script>', '', 'see <iframe src="https://example.org/"></iframe> and <img src="x.jpg" /> or <a href="javascript:alert(1)">here</a>', '', '<style>{"body{}"}</style>'].join('\n');
    const problems = mdxBodyProblems('r.mdx', body, 1);
    expect(problems.filter((problem) => problem.problem.endsWith('is not a component or tag releases can use')).map((problem) => [problem.field, problem.problem.split(' ')[0]])).toEqual([
      ['line 1', '<script>'],
      ['line 3', '<iframe>'],
      ['line 3', '<img>'],
      ['line 3', '<a>'],
      ['line 5', '<style>'],
    ]);
    expect(problems[0]!.fix).toContain('or the plain tags <br>, <sup>, <sub>, <abbr>, <small>, <mark>, <kbd>, <wbr>, <span>');
    expect(problems[0]!.ko!.fix).toContain('<br>, <sup>');
  });

  it('reports a release component written in lower case, a member component and an empty fragment', () => {
    expect(fields('<photo id="a" />\n\n<Foo.Bar />\n\n<>text</>\n')).toEqual([
      ['line 1', '<photo> is not a component or tag releases can use'],
      ['line 3', '<Foo.Bar> is not a component or tag releases can use'],
      ['line 5', 'an empty tag <> is not something releases can use'],
    ]);
    expect(mdxBodyProblems('r.mdx', '<>text</>', 1)[0]!.ko!.problem).toBe('빈 태그 <>는 쓸 수 없습니다');
  });

  it('reports every problem of a body at once, in document order', () => {
    const body = ['import x from "y"', '', '<Video />', '', 'Text {x}', '', '<Photo id={x} />'].join('\n');
    expect(fields(body, 4).map(([field]) => field)).toEqual(['line 4', 'line 6', 'line 8', 'line 10']);
  });

  describe('syntax errors', () => {
    it.each([
      ['an unclosed tag', 'Line 1\n\nLine 3 <Photo id="a"\n', 'line 12'],
      ['a lone < in prose', 'Line 1\n\nfewer than 3<4 seats\n', 'line 12'],
      ['an unclosed brace', 'Line 1\n\nA { unclosed brace\n', 'line 12'],
      ['an HTML comment', 'Line 1\n\n<!-- note -->\n', 'line 12'],
    ])('reports %s as invalid MDX, at its line in the file', (_what, body, line) => {
      const problems = mdxBodyProblems('r.mdx', body, 10);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        file: 'r.mdx',
        field: line,
        problem: expect.stringMatching(/^is not valid MDX: \S/),
        fix: 'close every tag (<Photo id="…" />), and write < and { in prose as &lt; and &#123;',
        ko: { problem: expect.stringMatching(/^MDX 문법에 맞지 않습니다: \S/), fix: expect.stringContaining('&lt;') },
      });
      // The parser's "line:column:" prefix is turned into the field, not repeated in the sentence.
      expect(problems[0]!.problem).not.toMatch(/^is not valid MDX: \d+:\d+/);
    });

    it('counts lines of a body with Windows line ends', () => {
      expect(fields('A\r\n\r\n<Video />\r\n', 7)).toEqual([['line 9', '<Video> is not a component or tag releases can use']]);
    });
  });
});
