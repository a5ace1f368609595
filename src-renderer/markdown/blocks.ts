// Splits markdown into top-level blocks so a streaming reply re-parses only its
// growing tail: every block but the last is finished and keeps the same string,
// so its memoized rendering is reused. A block ends at a blank line outside a
// fenced code or $$ math block, when the next line is not indented (an indented
// line continues a list item or indented code).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface ScanState {
  /** The opening fence while inside fenced code. */
  fence: string | null;
  math: boolean;
}

/** Finished blocks' end offsets within `text`, scanning from `from` (a block start). */
function scanBoundaries(text: string, from: number): number[] {
  const boundaries: number[] = [];
  const state: ScanState = { fence: null, math: false };
  let pendingCut: number | null = null;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const complete = newline !== -1;
    const lineEnd = complete ? newline : text.length;
    const line = text.slice(lineStart, lineEnd);
    const next = complete ? newline + 1 : text.length;

    if (state.fence) {
      const close = FENCE.exec(line);
      if (complete && close && close[1]![0] === state.fence[0] && close[1]!.length >= state.fence.length && !line.slice(close[0].length).trim()) {
        state.fence = null;
      }
    } else if (state.math) {
      if (complete && line.trim() === '$$') state.math = false;
    } else if (line.trim() === '') {
      if (complete) pendingCut ??= next;
    } else {
      if (pendingCut !== null) {
        if (!/^[ \t]/.test(line)) boundaries.push(pendingCut);
        pendingCut = null;
      }
      const open = FENCE.exec(line);
      if (open && complete) state.fence = open[1]!;
      else if (line.trim() === '$$' && complete) state.math = true;
    }
    lineStart = next;
  }
  return boundaries;
}

export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  for (const end of scanBoundaries(text, 0)) {
    blocks.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length || blocks.length === 0) blocks.push(text.slice(start));
  return blocks;
}

/**
 * The same split, kept up to date as text is appended: only the last block is
 * scanned again, and finished blocks are the very same strings as before.
 */
export class IncrementalBlocks {
  private text = '';
  private finished: string[] = [];
  private tailStart = 0;
  private result: string[] = [''];

  update(text: string): readonly string[] {
    if (text === this.text) return this.result;
    if (!text.startsWith(this.text)) {
      // Not an append (an edit, a reload): start over.
      this.finished = [];
      this.tailStart = 0;
    }
    this.text = text;
    let start = this.tailStart;
    const added: string[] = [];
    for (const end of scanBoundaries(text, start)) {
      added.push(text.slice(start, end));
      start = end;
    }
    if (added.length) this.finished = [...this.finished, ...added];
    this.tailStart = start;
    this.result = [...this.finished, text.slice(start)];
    return this.result;
  }
}
