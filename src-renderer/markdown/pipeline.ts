// Markdown to a hast tree, the way react-markdown did it but in a worker
// (parse.worker.ts): GitHub-flavoured markdown, math, no raw HTML (remark-rehype
// drops it), and every href/src passed through openableUrl. The tree is checked
// for depth without recursion before anything recursive (rendering) sees it.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { LIMITS, plainReasonOf, type PlainReason } from './limits';
import { mathElement, mayHaveMath, normaliseMathDelimiters } from './math';
import { openableUrl } from '../../src-shared/links';

export type ParseResult = { kind: 'tree'; tree: Root } | { kind: 'plain'; reason: PlainReason };

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);
const withMath = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkRehype);

const classesOf = (node: Element): string[] => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);

/** A formula left by remark-math as <code class="math-inline"> or <pre><code class="math-display">, typeset. */
function typesetMath(node: Element): Element | null {
  if (node.tagName === 'code' && classesOf(node).includes('math-inline')) return mathElement(textOf(node), false);
  if (node.tagName !== 'pre') return null;
  const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  if (!code || !classesOf(code).includes('math-display')) return null;
  return { type: 'element', tagName: 'div', properties: { className: ['math-display'] }, children: [mathElement(textOf(code), true)] };
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

/** Walks the tree without recursion: checks its depth, keeps only safe links, typesets math. */
function finish(tree: Root): ParseResult {
  const stack: { node: Root | Element; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > LIMITS.treeDepth) return { kind: 'plain', reason: 'nesting' };
    const children: (RootContent | ElementContent)[] = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type !== 'element') continue;
      const math = typesetMath(child);
      if (math) {
        children[i] = math;
        continue;
      }
      for (const key of ['href', 'src'] as const) {
        if (key in child.properties) child.properties[key] = openableUrl(String(child.properties[key] ?? '')) ?? '';
      }
      stack.push({ node: child, depth: depth + 1 });
    }
  }
  return { kind: 'tree', tree };
}

/** Parses one block (blocks.ts), or says why it is shown as plain text. */
export function parseBlock(block: string): ParseResult {
  const reason = plainReasonOf(block);
  if (reason) return { kind: 'plain', reason };
  const math = mayHaveMath(block);
  const processor = math ? withMath : plain;
  try {
    return finish(processor.runSync(processor.parse(math ? normaliseMathDelimiters(block) : block)));
  } catch (error) {
    // The parser's own recursion is bounded only by the stack.
    return { kind: 'plain', reason: error instanceof RangeError ? 'nesting' : 'error' };
  }
}
