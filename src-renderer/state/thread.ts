// A conversation's messages form a tree (edit, regenerate and compare replies are
// siblings). The chat shows one path through it: at each fork the child the user
// chose, otherwise the newest. Pure, so it is tested without a DOM.
import type { Message } from '../../src-shared/domain';

export interface ThreadEntry {
  message: Message;
  /** This message's position among its siblings (1-based) and how many there are. */
  branch: { index: number; count: number; siblingIds: readonly string[] } | null;
  /** The replies of one comparison: shown side by side. */
  group: readonly Message[] | null;
}

/** The reply ids of each comparison (a compare run); a regeneration is in none. */
export type Comparisons = readonly (readonly string[])[];

function comparisonGroup(options: readonly Message[], chosen: Message, comparisons: Comparisons): Message[] | null {
  if (options.length < 2 || chosen.role !== 'assistant') return null;
  const run = comparisons.find((ids) => ids.includes(chosen.id));
  const group = run ? options.filter((m) => run.includes(m.id)) : [];
  return group.length >= 2 ? group : null;
}

/** Parent id (or '' for roots) → chosen child id. */
export type BranchChoices = Readonly<Record<string, string>>;

const ROOT = '';

export function visibleThread(messages: readonly Message[], choices: BranchChoices, comparisons: Comparisons = []): ThreadEntry[] {
  if (messages.length === 0) return [];
  const ids = new Set(messages.map((m) => m.id));
  const children = new Map<string, Message[]>();
  let linear = true;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    // A parent outside what was loaded makes the message a root of what we show.
    const parent = message.parentId && ids.has(message.parentId) ? message.parentId : ROOT;
    const list = children.get(parent);
    if (list) {
      list.push(message);
      linear = false;
    } else children.set(parent, [message]);
    if (i > 0 && parent !== messages[i - 1]!.id) linear = false;
  }
  // The usual case: one chain in order, nothing to choose.
  if (linear) return messages.map((message) => ({ message, branch: null, group: null }));

  const thread: ThreadEntry[] = [];
  let parent = ROOT;
  const seen = new Set<string>();
  for (;;) {
    const options = children.get(parent);
    if (!options || options.length === 0) break;
    const chosen = options.find((m) => m.id === choices[parent]) ?? newest(options);
    if (seen.has(chosen.id)) break;
    seen.add(chosen.id);
    const branch =
      options.length > 1
        ? { index: options.indexOf(chosen) + 1, count: options.length, siblingIds: options.map((m) => m.id) }
        : null;
    thread.push({ message: chosen, branch, group: comparisonGroup(options, chosen, comparisons) });
    parent = chosen.id;
  }
  return thread;
}

function newest(options: readonly Message[]): Message {
  let best = options[0]!;
  for (const option of options) if (option.createdAt >= best.createdAt) best = option;
  return best;
}

/** The choice that shows `messageId` (a sibling picked in a branch switcher). */
export function chooseBranch(choices: BranchChoices, messages: readonly Message[], messageId: string): BranchChoices {
  const message = messages.find((m) => m.id === messageId);
  if (!message) return choices;
  const ids = new Set(messages.map((m) => m.id));
  const parent = message.parentId && ids.has(message.parentId) ? message.parentId : ROOT;
  return { ...choices, [parent]: messageId };
}

/** Choices that make the path run through `messageId` (a search hit in another branch). */
export function choicesShowing(messages: readonly Message[], messageId: string): BranchChoices {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const choices: Record<string, string> = {};
  let current = byId.get(messageId);
  while (current) {
    const parent = current.parentId && byId.has(current.parentId) ? current.parentId : ROOT;
    choices[parent] = current.id;
    current = parent ? byId.get(parent) : undefined;
  }
  return choices;
}
