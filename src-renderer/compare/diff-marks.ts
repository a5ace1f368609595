// Marks a word diff on its rendered markdown. The diff is computed on the two
// texts (word-diff.ts); the parts are joined into one markdown text and rendered,
// and each rendered character is traced back to the character of that text it
// came from: markdown syntax is dropped by rendering, never added, so the rendered
// characters appear in the text in the same order. A character with no source
// close by (a label the renderer adds) is left unmarked.
import type { DiffPart } from './word-diff';

export type DiffKind = DiffPart['kind'];

export interface MergedDiff {
  /** Every part's text in order: what both say, and what only one of them says. */
  text: string;
  /** The kind of each character of `text`. */
  kinds: DiffKind[];
}

/** How far ahead a rendered character's source may be (syntax skipped, e.g. a link's target). */
const LOOKAHEAD = 400;

export function mergeParts(parts: readonly DiffPart[]): MergedDiff {
  return {
    text: parts.map((part) => part.text).join(''),
    kinds: parts.flatMap((part) => Array.from({ length: part.text.length }, () => part.kind)),
  };
}

/** The kind of every character of each rendered text, in document order. */
export function alignRendered(merged: MergedDiff, rendered: readonly string[]): DiffKind[][] {
  const flat: (DiffKind | null)[] = [];
  let cursor = 0;
  for (const text of rendered) {
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (/\s/.test(char)) {
        flat.push(null);
        continue;
      }
      const at = merged.text.indexOf(char, cursor);
      if (at === -1 || at - cursor > LOOKAHEAD) {
        flat.push('same');
      } else {
        flat.push(merged.kinds[at]!);
        cursor = at + 1;
      }
    }
  }
  // A space joins a change when the characters on both sides belong to it.
  const after: (DiffKind | null)[] = new Array<DiffKind | null>(flat.length).fill(null);
  for (let i = flat.length - 2; i >= 0; i--) after[i] = flat[i + 1] ?? after[i + 1] ?? null;
  let before: DiffKind | null = null;
  const resolved = flat.map((kind, index) => {
    if (kind) {
      before = kind;
      return kind;
    }
    return before && before === after[index] ? before : 'same';
  });
  const result: DiffKind[][] = [];
  let offset = 0;
  for (const text of rendered) {
    result.push(resolved.slice(offset, offset + text.length));
    offset += text.length;
  }
  return result;
}

export interface MarkedRun {
  kind: DiffKind;
  text: string;
  /** The first piece of a change: where a screen reader hears "added" or "removed". */
  starts: boolean;
}

/** Each rendered text as runs of one kind, given every character's kind. */
export function markedRuns(rendered: readonly string[], kinds: readonly DiffKind[][]): MarkedRun[][] {
  let previous: DiffKind = 'same';
  return rendered.map((text, node) => {
    const runs: MarkedRun[] = [];
    for (let i = 0; i < text.length; i++) {
      const kind = kinds[node]![i]!;
      const last = runs.at(-1);
      if (last && last.kind === kind) last.text += text[i];
      else runs.push({ kind, text: text[i]!, starts: kind !== 'same' && kind !== previous });
      if (!/\s/.test(text[i]!)) previous = kind;
    }
    return runs;
  });
}
