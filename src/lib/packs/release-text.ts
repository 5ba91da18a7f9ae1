/**
 * A release as a Markdown file for the pack: what a journalist pastes into an editing system or
 * reads in any text editor. Markdown rather than plain text because it is what the press team
 * wrote (tables, footnotes and links survive as they are), and rather than HTML because it reads
 * cleanly without a browser. MDX-only syntax is removed: `<Photo id="…" />` becomes an image
 * with its caption (the JPEG lies beside the text in the ZIP, so Markdown viewers show it),
 * `import`/`export` lines and `{expressions}` disappear, and any other element keeps its text.
 *
 * The MDX is parsed with Sätteri, the processor Astro builds the pages with, so the text and the
 * page agree on what is a component and what is prose.
 */
import { mdxToMdast } from 'satteri';

interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdxNode[];
  position?: { start: { offset?: number; line: number }; end: { offset?: number } };
}

const dropped = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);
const elements = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);

/** Writes the Markdown standing in for `<Photo id="…" />`. */
export type PhotoWriter = (id: string) => string;

/** The MDX-only nodes among `nodes`, outermost first; what is inside them is handled with them. */
function mdxNodes(nodes: MdxNode[] = []): MdxNode[] {
  return nodes.flatMap((node) => (dropped.has(node.type) || elements.has(node.type) ? [node] : mdxNodes(node.children)));
}

function span(node: MdxNode, file: string): { start: number; end: number } {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) throw new Error(`${file}: the MDX parser gave no position for a ${node.type}`);
  return { start, end };
}

/**
 * The body of a release with MDX syntax replaced. `file` names the MDX file in errors;
 * `writePhoto` turns a photo id into Markdown.
 */
export function plainMarkdown(source: string, file: string, writePhoto: PhotoWriter): string {
  let tree: MdxNode;
  try {
    tree = mdxToMdast(source) as MdxNode;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const rewrite = (start: number, end: number, nodes: MdxNode[]): string => {
    let text = '';
    let at = start;
    for (const node of nodes) {
      const range = span(node, file);
      text += source.slice(at, range.start) + replacement(node);
      at = range.end;
    }
    return text + source.slice(at, end);
  };
  const replacement = (node: MdxNode): string => {
    if (dropped.has(node.type)) return '';
    if (node.name === 'Photo') return writePhoto(photoId(node, file));
    const children = node.children ?? [];
    if (children.length === 0) return '';
    return rewrite(span(children[0]!, file).start, span(children.at(-1)!, file).end, mdxNodes(children));
  };
  const text = rewrite(0, source.length, mdxNodes(tree.children));
  // Removed lines leave runs of blank lines behind.
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function photoId(node: MdxNode, file: string): string {
  const id = node.attributes?.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id')?.value;
  if (typeof id !== 'string' || id === '') {
    const line = node.position?.start.line;
    throw new Error(`${file}${line ? `, line ${line}` : ''}: <Photo> needs its id as plain text, e.g. <Photo id="scse-2023-taipei-01-ntca-visit" />`);
  }
  return id;
}

/**
 * Plain text (a title, a caption, a name) as Markdown that shows exactly that text: the content
 * fields are not Markdown, so "*", "_", "<b>" or "&amp;" in them must not become emphasis, HTML or
 * "&". Inline markup characters get a backslash; so does a character that would open a block at
 * the start of a line (heading, quote, list, rule, fence, table) or close an ATX heading at the
 * end. Line breaks become spaces: every place this text goes is one line, where a break could
 * only start a block of its own. Other punctuation stays as written, for people who read the file
 * in a text editor.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<~]|&(?=#?[0-9a-z]+;)/gi, (character) => `\\${character}`)
    .replace(/^[#>+=|-]/, (character) => `\\${character}`)
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
    .replace(/#$/, '\\#');
}

/** Alt text of a Markdown image: the same rule, which also keeps "]" from ending it. */
export const markdownAlt = markdownText;
