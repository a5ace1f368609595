// How much markdown one block may ask of the renderer. Beyond these limits a
// block is shown as plain text with a note saying why, so no reply can freeze the
// page or overflow the stack, whatever a model writes. The checks here are cheap
// (one pass over the text, no parsing) and run on the main thread; the parse
// itself runs in a worker (parse-client.ts) and is given up after `parseMs`.

export const LIMITS = {
  /** A block longer than this is not parsed (the parser's time grows faster than the text). */
  blockChars: 64 * 1024,
  /** Lists and quotes inside each other, as the lines' markers and indentation suggest. */
  nesting: 16,
  /** Elements inside each other in the parsed tree (a list item is a few). */
  treeDepth: 64,
  /** Cells in a table row. */
  tableColumns: 100,
  /** The worker's time for one block before it is stopped and the block shown plain. */
  parseMs: 1_500,
} as const;

/** Why a block is shown as plain text. */
export type PlainReason = 'size' | 'nesting' | 'columns' | 'time' | 'error';

const FENCE = /^(`{3,}|~{3,})/;
/** A blockquote marker or a list item's marker, with the space after it. */
const CONTAINER = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;

function indentOf(line: string): number {
  let column = 0;
  for (const char of line) {
    if (char === ' ') column += 1;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

/**
 * How deep lists and quotes nest, estimated line by line: each container keeps
 * the column its content starts at, and a line indented less closes it. Fenced
 * code is skipped. An estimate, but never below the real depth by much.
 */
export function nestingOf(block: string): number {
  const open: number[] = [];
  let deepest = 0;
  let fence: string | null = null;
  for (const line of block.split('\n')) {
    const indent = indentOf(line);
    let rest = line.trimStart();
    if (fence) {
      if (rest.startsWith(fence)) fence = null;
      continue;
    }
    if (!rest) continue;
    while (open.length && open[open.length - 1]! > indent) open.pop();
    let column = indent;
    for (let marker = CONTAINER.exec(rest); marker; marker = CONTAINER.exec(rest)) {
      column += marker[0].length;
      open.push(column);
      rest = rest.slice(marker[0].length);
      if (open.length > LIMITS.nesting) return open.length;
    }
    deepest = Math.max(deepest, open.length);
    fence = FENCE.exec(rest)?.[1] ?? null;
  }
  return deepest;
}

/** The most cells a line outside fenced code would give a table row. */
export function widestRow(block: string): number {
  let widest = 0;
  let fence: string | null = null;
  for (const line of block.split('\n')) {
    const rest = line.trimStart();
    if (fence) {
      if (rest.startsWith(fence)) fence = null;
      continue;
    }
    fence = FENCE.exec(rest)?.[1] ?? null;
    if (fence) continue;
    let pipes = 0;
    for (let i = line.indexOf('|'); i !== -1; i = line.indexOf('|', i + 1)) pipes++;
    widest = Math.max(widest, pipes - 1);
  }
  return widest;
}

/** Why `block` must be shown as plain text without parsing it, or null when it may be parsed. */
export function plainReasonOf(block: string): PlainReason | null {
  if (block.length > LIMITS.blockChars) return 'size';
  if (nestingOf(block) > LIMITS.nesting) return 'nesting';
  if (widestRow(block) > LIMITS.tableColumns) return 'columns';
  return null;
}
