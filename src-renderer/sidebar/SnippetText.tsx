// A search snippet rendered: its inline markdown as elements, the matched words
// marked. Runs that share a style share one element, so a bold phrase stays one
// <strong> even when only part of it matched.
import type { ReactNode } from 'react';
import { snippetRuns, type SnippetRun } from './snippet-markdown';

type Level = 'strong' | 'em' | 'code' | 'match';
const LEVELS: readonly Level[] = ['strong', 'em', 'code', 'match'];

function wrap(level: Level, key: number, children: ReactNode): ReactNode {
  if (level === 'strong') return <strong key={key}>{children}</strong>;
  if (level === 'em') return <em key={key}>{children}</em>;
  if (level === 'code') return <code key={key}>{children}</code>;
  return <mark key={key}>{children}</mark>;
}

/** Groups consecutive runs by the style at `depth`, outermost first, and renders each group. */
function render(runs: readonly SnippetRun[], depth: number): ReactNode[] {
  const level = LEVELS[depth];
  if (!level) return runs.map((run) => run.text);
  const nodes: ReactNode[] = [];
  let start = 0;
  while (start < runs.length) {
    const on = runs[start]![level];
    let end = start + 1;
    while (end < runs.length && runs[end]![level] === on) end++;
    const inner = render(runs.slice(start, end), depth + 1);
    nodes.push(on ? wrap(level, start, inner) : <span key={start}>{inner}</span>);
    start = end;
  }
  return nodes;
}

export function SnippetText({ snippet }: { snippet: string }) {
  return <span className="hit-snippet">{render(snippetRuns(snippet), 0)}</span>;
}
