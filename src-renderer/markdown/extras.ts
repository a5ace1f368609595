// Syntax highlighting loads on first need, in a chunk of its own, so start-up and
// replies without code never pay for it. Components re-render once when it arrives.
import { useSyncExternalStore, type ReactNode } from 'react';

export type Highlighter = (code: string, language: string) => ReactNode | null;

let highlighter: Highlighter | null = null;
let highlighterLoading = false;
let version = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller when highlighting has loaded. */
export function useExtrasVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
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
      version++;
      for (const listener of listeners) listener();
    })
    .catch((error: unknown) => {
      highlighterLoading = false;
      console.error('[RealMultiLLM] syntax highlighting could not load', error);
    });
}
