// Math in replies: $inline$ and $$display$$ (and the \( \) and \[ \] LLMs often
// write), typeset by KaTeX as MathML only. MathML needs no inline style, so the
// strict CSP (style-src 'self') holds, and no KaTeX stylesheet or font is
// needed; Chromium lays MathML out itself and screen readers read it.
import katex, { type KatexOptions } from 'katex';
import type { Element, ElementContent } from 'hast';

const MATH_HINT = /\$\$|\$[^\s$][^$\n]*\$|\\\(|\\\[/;

export function mayHaveMath(text: string): boolean {
  return MATH_HINT.test(text);
}

/** LLMs often write \( \) and \[ \]; remark-math reads $ and $$. Code spans and fences are left alone. */
export function normaliseMathDelimiters(block: string): string {
  if (!block.includes('\\(') && !block.includes('\\[')) return block;
  if (/^ {0,3}(`{3,}|~{3,})/.test(block)) return block;
  return block
    .split(/(`+[^`]*`+)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\\\[([\s\S]+?)\\\]/g, (_, body: string) => `\n$$\n${body.trim()}\n$$\n`)
            .replace(/\\\(([\s\S]+?)\\\)/g, (_, body: string) => `$${body.trim()}$`),
    )
    .join('');
}

/** The parts of KaTeX's output tree we read (its MathNode, TextNode and SpaceNode). */
interface KatexNode {
  type?: string;
  attributes?: Record<string, string>;
  children?: KatexNode[];
  text?: string;
  /** SpaceNode: a width in em, or a character to show instead. */
  width?: number;
  character?: string | null;
}

function toHast(node: KatexNode): ElementContent {
  if (node.type) {
    return { type: 'element', tagName: node.type, properties: { ...node.attributes }, children: (node.children ?? []).map(toHast) };
  }
  if (typeof node.text === 'string') return { type: 'text', value: node.text };
  if (node.character) return { type: 'element', tagName: 'mtext', properties: {}, children: [{ type: 'text', value: node.character }] };
  return { type: 'element', tagName: 'mspace', properties: { width: `${node.width ?? 0}em` }, children: [] };
}

/** KaTeX's output as a tree (exported, though not in its types), instead of an HTML string. */
const renderToTree = (katex as unknown as { __renderToDomTree(tex: string, options: KatexOptions): KatexNode }).__renderToDomTree;

/**
 * The formula as a hast <math> element, built from KaTeX's MathML tree directly
 * (the worker has no HTML parser); an error shows the TeX source as code.
 */
export function mathElement(tex: string, display: boolean): Element {
  try {
    const root = renderToTree(tex, { output: 'mathml', displayMode: display, throwOnError: true, strict: 'ignore', trust: false, maxSize: 50, maxExpand: 200 });
    const math = root.children?.find((child) => child.type === 'math');
    if (math) return toHast(math) as Element;
  } catch {
    // Not valid TeX: shown as written.
  }
  return { type: 'element', tagName: 'code', properties: { className: ['math-error'] }, children: [{ type: 'text', value: tex }] };
}
