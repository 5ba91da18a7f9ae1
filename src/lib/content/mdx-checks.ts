/**
 * What a release body may hold. MDX is a programming language: an `import`, an `export` or a
 * `{…}` expression runs at build time with the build machine's files and environment at hand, and
 * its result is published. Release bodies are therefore Markdown plus the release components with
 * literal attributes, and nothing else; the reason is in
 * docs/decisions/0013-mdx-is-text-not-code.md.
 */
import { mdxToMdast } from 'satteri';
import type { ContentProblem } from './problems';
import { releaseComponentNames } from './mdx-components';

interface MdastNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdastNode[];
  position?: { start: { line: number } };
}

/** Lower-case tags a body may use: inline marks that carry no behaviour and load nothing. */
const plainTags = new Set(['br', 'sup', 'sub', 'abbr', 'small', 'mark', 'kbd', 'wbr', 'span']);
/** What a plain tag may say about its text: its language, and a title (the expansion of an <abbr>). */
const plainAttributes = new Set(['lang', 'title']);

/** An MDX comment (a slash-star comment in braces) runs and renders nothing; notes for translators live there. */
const isComment = (expression: string) => /^\s*(?:\/\*(?:[^*]|\*(?!\/))*\*\/\s*)+$/.test(expression);

const componentList = releaseComponentNames.map((name) => `<${name} … />`).join(', ');

/**
 * Problems of a release body: MDX syntax errors, code (imports, exports, expressions), and tags
 * that are neither a release component nor a plain inline mark. `bodyLine` is the file line the
 * body starts on.
 */
export function mdxBodyProblems(file: string, body: string, bodyLine: number): ContentProblem[] {
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body) as MdastNode;
  } catch (error) {
    const message = (error as Error).message;
    const [, line, text] = /^(\d+):\d+: ([\s\S]*)$/.exec(message) ?? [];
    return [
      {
        file,
        field: line ? `line ${Number(line) + bodyLine - 1}` : undefined,
        problem: `is not valid MDX: ${text ?? message}`,
        fix: 'close every tag (<Photo id="…" />), and write < and { in prose as &lt; and &#123;',
        ko: { problem: `MDX 문법에 맞지 않습니다: ${text ?? message}`, fix: '모든 태그를 닫고(<Photo id="…" />), 글 속의 < 와 { 는 &lt; 와 &#123; 로 쓰세요' },
      },
    ];
  }
  const problems: ContentProblem[] = [];
  const at = (node: MdastNode) => (node.position ? `line ${node.position.start.line + bodyLine - 1}` : undefined);
  const code = (node: MdastNode, what: { en: string; ko: string }) =>
    problems.push({
      file,
      field: at(node),
      problem: `${what.en}: release bodies may not run code at build time`,
      fix: 'remove it; write the text as Markdown, and use a release component with plain "…" attributes for photos; to show { or < in the text, write &#123; or &lt;',
      ko: { problem: `${what.ko}: 보도자료 본문에서는 빌드할 때 코드를 실행할 수 없습니다`, fix: '지우세요. 본문은 마크다운으로 쓰고, 사진은 속성을 "…"로만 쓴 보도자료 컴포넌트로 넣으세요. 글에 { 나 < 를 보이려면 &#123; 나 &lt; 로 쓰세요' },
    });
  const visit = (node: MdastNode) => {
    if (node.type === 'mdxjsEsm') code(node, { en: 'an import or export', ko: 'import/export 문' });
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && !isComment(String(node.value))) code(node, { en: `the expression {${String(node.value).slice(0, 40)}}`, ko: `표현식 {${String(node.value).slice(0, 40)}}` });
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      if (/^[A-Z]/.test(name) ? !(releaseComponentNames as readonly string[]).includes(name) : !plainTags.has(name)) {
        problems.push({
          file,
          field: at(node),
          problem: name ? `<${name}> is not a component or tag releases can use` : 'an empty tag <> is not something releases can use',
          fix: `use ${componentList}${/^[A-Z]/.test(name) ? '' : ` or the plain tags ${[...plainTags].map((tag) => `<${tag}>`).join(', ')}`}, or write the text without the angle bracket (&lt;)`,
          ko: {
            problem: name ? `<${name}>은(는) 보도자료에서 쓸 수 있는 컴포넌트나 태그가 아닙니다` : '빈 태그 <>는 쓸 수 없습니다',
            fix: `${componentList}${/^[A-Z]/.test(name) ? '' : ` 또는 ${[...plainTags].map((tag) => `<${tag}>`).join(', ')}`}을(를) 쓰거나, 꺾쇠 없이(&lt;) 쓰세요`,
          },
        });
      }
      for (const attribute of node.attributes ?? []) {
        if (attribute.type === 'mdxJsxExpressionAttribute' || (typeof attribute.value === 'object' && attribute.value !== null)) {
          code(node, { en: `the attribute ${attribute.name ?? '{…}'}={…} of <${name}>`, ko: `<${name}>의 속성 ${attribute.name ?? '{…}'}={…}` });
        } else if (plainTags.has(name) && !plainAttributes.has(attribute.name ?? '')) {
          problems.push({
            file,
            field: at(node),
            problem: `the attribute "${attribute.name}" of <${name}> is not allowed: plain tags may only carry ${[...plainAttributes].join(' and ')}`,
            fix: `remove "${attribute.name}"; styling and behaviour come from the site, not from the release`,
            ko: { problem: `<${name}>의 속성 "${attribute.name}"은(는) 쓸 수 없습니다. 단순 태그에는 ${[...plainAttributes].join(', ')}만 쓸 수 있습니다`, fix: `"${attribute.name}"을(를) 지우세요. 모양과 동작은 보도자료가 아니라 사이트가 정합니다` },
          });
        }
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return problems;
}
