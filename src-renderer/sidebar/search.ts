// Search-as-you-type over all history: the core's full-text search answers with
// hits and snippets. Only the newest query's answer is shown.
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../src-shared/api/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/entities/highlight';
import type { SearchHit } from '../../src-shared/entities/search';
import { userMessage } from '../api/errors';

export const SEARCH_DEBOUNCE_MS = 120;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string; hits: readonly SearchHit[] }
  | { kind: 'done'; query: string; hits: readonly SearchHit[]; more: boolean }
  | { kind: 'error'; query: string; message: string };

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits a snippet on the core's highlight markers. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return parts.filter((part) => part.text);
}

export function useHistorySearch(api: ApiClient, query: string): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const seq = useRef(0);
  const trimmed = query.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (!trimmed) {
      setState({ kind: 'idle' });
      return;
    }
    setState((previous) => ({
      kind: 'searching',
      query: trimmed,
      hits: previous.kind === 'done' || previous.kind === 'searching' ? previous.hits : [],
    }));
    const timer = setTimeout(() => {
      api.call('search.messages', { text: trimmed, limit: 50 }).then(
        (page) => mine === seq.current && setState({ kind: 'done', query: trimmed, hits: page.hits, more: page.more }),
        (error: unknown) => mine === seq.current && setState({ kind: 'error', query: trimmed, message: userMessage(error) }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, trimmed]);

  return state;
}
