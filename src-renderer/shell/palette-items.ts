// The command palette's entries and how typing narrows them. Pure: tested without a DOM.

export interface PaletteItem {
  id: string;
  label: string;
  /** A group name shown beside the label ("Command", "Conversation"). */
  group: string;
  keys?: string;
  run: () => void;
}

function normalise(text: string): string {
  return text.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Every typed word must start a word of the label (or of the group); best matches first. */
export function filterPalette(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  const scored: { item: PaletteItem; score: number }[] = [];
  for (const item of items) {
    const label = normalise(item.label);
    const haystack = `${label} ${normalise(item.group)}`;
    let score = 0;
    let matched = true;
    for (const word of words) {
      const at = haystack.indexOf(word);
      if (at === -1) {
        matched = false;
        break;
      }
      const startsWord = at === 0 || /[\s\-–:/(“"]/.test(haystack[at - 1]!);
      score += (startsWord ? 2 : 1) + (at < label.length ? 1 : 0);
    }
    if (matched) scored.push({ item, score: score - label.length / 1000 });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((entry) => entry.item);
}
