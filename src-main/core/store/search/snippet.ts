// Snippets made from a message's text in JavaScript, the way FTS5's snippet()
// makes them: the window of SNIPPET_TOKENS tokens holding the most different
// query terms, centred on them, with the matches highlighted and "…" where text
// was cut. Relevance search uses it for the hits of its page: asking FTS5 for
// one row's snippet re-expands a prefix longer than the indexed 3 characters
// over the whole index ("stro*": tens of milliseconds, fifty times a page).
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../src-shared/entities/search';

/** Tokens as FTS5's unicode61 tokenizer sees them: runs of letters, marks and digits. */
export const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Tokens per snippet, for FTS5's snippet() (newest first) and makeSnippet (by relevance) alike. */
export const SNIPPET_TOKENS = 16;

/** One part of a query: a word, a prefix (the word still being typed) or a quoted phrase. */
export interface SearchTerm {
  words: string[];
  /** The last word matches as a prefix. */
  prefix: boolean;
}

/** Case and accents folded, as the index's `unicode61 remove_diacritics 2` does. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Token {
  start: number;
  end: number;
  folded: string;
}

export function makeSnippet(text: string, terms: SearchTerm[], size = SNIPPET_TOKENS): string {
  const tokens: Token[] = [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
  if (tokens.length === 0) return text;
  // Every place a term matches, in text order: [first token, token after the last, which term].
  const hits: [number, number, number][] = [];
  terms.forEach((term, t) => {
    const words = term.words.map(fold);
    for (let i = 0; i + words.length <= tokens.length; i++) {
      const matches = words.every((word, j) => {
        const token = tokens[i + j]!.folded;
        return term.prefix && j === words.length - 1 ? token.startsWith(word) : token === word;
      });
      if (matches) hits.push([i, i + words.length, t]);
    }
  });
  hits.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  // A window scores 1000 for each term in it and 1 for each repeat; the start of
  // the text scores 120 more and the start of a sentence 100 (FTS5's weights).
  const score = (from: number) => {
    const seen = new Set<number>();
    let total = 0;
    let first = -1;
    let last = -1;
    for (const [at, after, term] of hits) {
      if (at < from || at >= from + size) continue;
      total += seen.has(term) ? 1 : 1000;
      seen.add(term);
      if (first < 0) first = at;
      last = after;
    }
    const centred = first - Math.trunc((size - (last - first)) / 2);
    return { total, centred: Math.max(0, Math.min(centred, tokens.length - size)) };
  };
  const sentences = tokens.map((_, i) => i).filter((i) => i === 0 || /[.:][ \t\r\n]+$/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start)));
  let best = 0;
  let start = 0;
  for (const [at] of hits) {
    const window = score(at);
    if (window.total > best) {
      best = window.total;
      start = window.centred;
    }
    if (tokens.length > size) {
      const sentence = sentences.findLast((i) => i <= at) ?? 0;
      if (sentence < at) {
        const total = score(sentence).total + (sentence === 0 ? 120 : 100);
        if (total > best) {
          best = total;
          start = sentence;
        }
      }
    }
  }
  const end = Math.min(tokens.length, start + size);
  // Overlapping matches highlight as one; a match cut by the window's edge, up to the edge.
  const spans: [number, number][] = [];
  for (const [first, after] of hits) {
    const last = spans.at(-1);
    if (last && first <= last[1]) last[1] = Math.max(last[1], after - 1);
    else spans.push([first, after - 1]);
  }
  let out = start > 0 ? '…' : '';
  let at = start > 0 ? tokens[start]!.start : 0;
  for (const [first, last] of spans) {
    if (last < start || first >= end) continue;
    const from = tokens[Math.max(first, start)]!.start;
    const to = tokens[Math.min(last, end - 1)]!.end;
    out += `${text.slice(at, from)}${HIGHLIGHT_START}${text.slice(from, to)}${HIGHLIGHT_END}`;
    at = to;
  }
  out += end < tokens.length ? `${text.slice(at, tokens[end - 1]!.end)}…` : text.slice(at);
  return out;
}
