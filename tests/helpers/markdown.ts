import { markdownToMdast } from 'satteri';

export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  alt?: string;
  depth?: number;
  children?: MdNode[];
}

/** Every node of a Markdown text, parsed back with Sätteri, in document order. */
export function markdownNodes(markdown: string): MdNode[] {
  const all: MdNode[] = [];
  const walk = (node: MdNode) => {
    all.push(node);
    node.children?.forEach(walk);
  };
  walk(markdownToMdast(markdown) as MdNode);
  return all;
}
