// A word-level diff between two answers (longest common subsequence over words),
// for the compare view. Whitespace stays attached to the word before it, so the
// pieces join back into each text exactly.

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** Beyond this many words per side the diff is skipped: it would cost too much time and memory. */
export const MAX_DIFF_WORDS = 4000;

export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export function wordDiff(a: string, b: string): DiffPart[] | null {
  const left = tokenize(a);
  const right = tokenize(b);
  if (left.length > MAX_DIFF_WORDS || right.length > MAX_DIFF_WORDS) return null;
  const key = (word: string) => word.trimEnd();
  const n = left.length;
  const m = right.length;
  // lengths[i][j]: LCS length of left[i:] and right[j:], in one flat array.
  const lengths = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        key(left[i]!) === key(right[j]!)
          ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (key(left[i]!) === key(right[j]!)) {
      push('same', right[j]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) {
      push('removed', left[i++]!);
    } else {
      push('added', right[j++]!);
    }
  }
  while (i < n) push('removed', left[i++]!);
  while (j < m) push('added', right[j++]!);
  return parts;
}
