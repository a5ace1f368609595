// Search-as-you-type over all history. With the core's full-text search it asks
// for hits with snippets; without it, titles are matched locally and the user is
// told why. Only the newest query's answer is shown.
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../src-shared/api/contract';
import type { Conversation } from '../../src-shared/domain';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/entities/highlight';
import type { SearchHit } from '../../src-shared/entities/search';
import { userMessage } from '../api/errors';
import { callMethod, FEATURE_METHODS, hasMethod, isNotAvailable } from '../api/features';

export const SEARCH_DEBOUNCE_MS = 120;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string; hits: readonly SearchHit[] }
  | { kind: 'done'; query: string; hits: readonly SearchHit[]; more: boolean }
  | { kind: 'titles'; query: string; conversations: readonly Conversation[] }
  | { kind: 'error'; query: string; message: string };

export function fullTextSearchAvailable(): boolean {
  return hasMethod(FEATURE_METHODS.search);
}

/** Conversations whose titles contain every typed word. */
export function matchTitles(conversations: readonly Conversation[], query: string): Conversation[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return conversations.filter((c) => {
    const title = c.title.toLocaleLowerCase();
    return words.every((word) => title.includes(word));
  });
}

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

interface HitsPage {
  hits: SearchHit[];
  more: boolean;
}

function asHitsPage(value: unknown): HitsPage {
  const page = value as Partial<HitsPage> | null;
  return { hits: Array.isArray(page?.hits) ? page.hits : [], more: Boolean(page?.more) };
}

export function useHistorySearch(api: ApiClient, query: string, conversations: readonly Conversation[]): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const seq = useRef(0);
  const trimmed = query.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (!trimmed) {
      setState({ kind: 'idle' });
      return;
    }
    if (!fullTextSearchAvailable()) {
      setState({ kind: 'titles', query: trimmed, conversations: matchTitles(conversations, trimmed) });
      return;
    }
    setState((previous) => ({
      kind: 'searching',
      query: trimmed,
      hits: previous.kind === 'done' || previous.kind === 'searching' ? previous.hits : [],
    }));
    const timer = setTimeout(() => {
      callMethod(api, FEATURE_METHODS.search, { text: trimmed, limit: 50 })
        .then((result) => {
          if (mine !== seq.current) return;
          const page = asHitsPage(result);
          setState({ kind: 'done', query: trimmed, hits: page.hits, more: page.more });
        })
        .catch((error: unknown) => {
          if (mine !== seq.current) return;
          // A core without full-text search yet: match titles instead.
          if (isNotAvailable(error)) setState({ kind: 'titles', query: trimmed, conversations: matchTitles(conversations, trimmed) });
          else setState({ kind: 'error', query: trimmed, message: userMessage(error) });
        });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, trimmed, conversations]);

  return state;
}
