// A search snippet's inline markdown (bold, italics, code spans, links, heading
// and quote markers), turned into styled runs that keep the search's highlight.
// A snippet is a cut-out of a message, so a span may be opened or closed outside
// it: a dangling ** or __ or backtick is syntax and is dropped, a single * or _ is
// kept as written (it may be arithmetic or snake_case). Nothing here is HTML:
// the runs are text, rendered as React elements.
import { snippetParts } from './search';

export interface SnippetRun {
  text: string;
  match: boolean;
  strong: boolean;
  em: boolean;
  code: boolean;
}

type Style = Omit<SnippetRun, 'text' | 'match'>;

const LINE_MARKER = /^ {0,3}(?:#{1,6}(?:[ \t]+|$)|>[ \t]?)/;
const LINK = /^\[([^\]\n]*)\]\([^)\s]*\)/;
const WORD = /[\p{L}\p{N}]/u;

/** The snippet as runs of text with the same style and highlight, markdown syntax removed. */
export function snippetRuns(snippet: string): SnippetRun[] {
  const parts = snippetParts(snippet);
  const text = parts.map((part) => part.text).join('');
  const match = parts.flatMap((part) => Array.from({ length: part.text.length }, () => part.match));
  const runs: SnippetRun[] = [];
  const style: Style = { strong: false, em: false, code: false };
  /** Index of a link's "](url)" tail, and where the link ends. */
  const linkTails = new Map<number, number>();

  const emit = (index: number, code = false) => {
    const last = runs.at(-1);
    const run = { strong: style.strong, em: style.em, code, match: match[index]! };
    if (last && last.strong === run.strong && last.em === run.em && last.code === run.code && last.match === run.match) {
      last.text += text[index];
    } else {
      runs.push({ text: text[index]!, ...run });
    }
  };

  let i = 0;
  while (i < text.length) {
    if (i === 0 || text[i - 1] === '\n') {
      const marker = LINE_MARKER.exec(text.slice(i));
      if (marker && marker[0].length > 0) {
        i += marker[0].length;
        continue;
      }
    }
    const tailEnd = linkTails.get(i);
    if (tailEnd !== undefined) {
      i = tailEnd;
      continue;
    }
    const char = text[i]!;
    if (char === '`') {
      const ticks = runLength(text, i, '`');
      const close = findRun(text, i + ticks, '`', ticks);
      if (close !== -1) {
        for (let j = i + ticks; j < close; j++) emit(j, true);
        i = close + ticks;
      } else {
        i += ticks;
      }
      continue;
    }
    if (char === '*' || char === '_') {
      const length = runLength(text, i, char);
      if (length >= 2) {
        const pair = char + char;
        if (style.strong || text.includes(pair, i + 2)) style.strong = !style.strong;
        i += 2;
        continue;
      }
      const inWord = char === '_' && WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '');
      if (!inWord && (style.em || hasSingleAhead(text, i + 1, char))) {
        style.em = !style.em;
        i += 1;
        continue;
      }
      emit(i);
      i += 1;
      continue;
    }
    if (char === '[') {
      const link = LINK.exec(text.slice(i));
      if (link) {
        linkTails.set(i + 1 + link[1]!.length, i + link[0].length);
        i += 1;
        continue;
      }
    }
    emit(i);
    i += 1;
  }
  return runs;
}

function runLength(text: string, from: number, char: string): number {
  let end = from;
  while (text[end] === char) end++;
  return end - from;
}

/** Where a run of exactly `length` `char`s starts at or after `from`, or -1. */
function findRun(text: string, from: number, char: string, length: number): number {
  let at = text.indexOf(char, from);
  while (at !== -1) {
    const found = runLength(text, at, char);
    if (found === length) return at;
    at = text.indexOf(char, at + found);
  }
  return -1;
}

/** Whether a lone `char` (not part of a pair) comes later, to close an emphasis. */
function hasSingleAhead(text: string, from: number, char: string): boolean {
  let at = text.indexOf(char, from);
  while (at !== -1) {
    const found = runLength(text, at, char);
    if (found === 1) return true;
    at = text.indexOf(char, at + found);
  }
  return false;
}
