// The heavy parts of markdown (math with KaTeX, syntax highlighting) load on
// first need, in chunks of their own, so start-up and plain replies never pay
// for them. Components re-render once when a part arrives.
import { useSyncExternalStore, type ReactNode } from 'react';
import type { Options } from 'react-markdown';

type PluggableList = NonNullable<Options['remarkPlugins']>;

export interface MathPlugins {
  remarkPlugins: PluggableList;
  rehypePlugins: PluggableList;
}

export type Highlighter = (code: string, language: string) => ReactNode | null;

let math: MathPlugins | null = null;
let highlighter: Highlighter | null = null;
let mathLoading = false;
let highlighterLoading = false;
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller when math or highlighting has loaded. */
export function useExtrasVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
}

const MATH_HINT = /\$\$|\$[^\s$][^$\n]*\$|\\\(|\\\[/;

export function mayHaveMath(text: string): boolean {
  return MATH_HINT.test(text);
}

export function mathPlugins(): MathPlugins | null {
  return math;
}

export function loadMath(): void {
  if (math || mathLoading) return;
  mathLoading = true;
  import('./math')
    .then((module) => {
      math = module.plugins;
      changed();
    })
    .catch((error: unknown) => {
      mathLoading = false;
      console.error('[RealMultiLLM] math rendering could not load', error);
    });
}

export function codeHighlighter(): Highlighter | null {
  return highlighter;
}

export function loadHighlighter(): void {
  if (highlighter || highlighterLoading) return;
  highlighterLoading = true;
  import('./highlight')
    .then((module) => {
      highlighter = module.highlight;
      changed();
    })
    .catch((error: unknown) => {
      highlighterLoading = false;
      console.error('[RealMultiLLM] syntax highlighting could not load', error);
    });
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
