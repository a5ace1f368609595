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

/**
 * One chain in order, nothing to choose: each message's parent is the one before
 * it, and the first one's parent was not loaded. Checked without building maps,
 * as it is the usual case and a conversation can hold 10,000 messages.
 */
function isLinear(messages: readonly Message[]): boolean {
  for (let i = 1; i < messages.length; i++) if (messages[i]!.parentId !== messages[i - 1]!.id) return false;
  const first = messages[0]?.parentId;
  return !first || !messages.some((m) => m.id === first);
}

export function visibleThread(messages: readonly Message[], choices: BranchChoices, comparisons: Comparisons = []): ThreadEntry[] {
  if (messages.length === 0) return [];
  if (isLinear(messages)) return messages.map((message) => ({ message, branch: null, group: null }));
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

/**
 * Choices that make the path run through `messageId` (a search hit in another
 * branch). Only forks need one: where a message has no siblings it is shown anyway.
 */
export function choicesShowing(messages: readonly Message[], messageId: string): BranchChoices {
  if (isLinear(messages)) return {};
  const byId = new Map(messages.map((m) => [m.id, m]));
  const parentOf = (m: Message) => (m.parentId && byId.has(m.parentId) ? m.parentId : ROOT);
  const childCount = new Map<string, number>();
  for (const m of messages) childCount.set(parentOf(m), (childCount.get(parentOf(m)) ?? 0) + 1);
  const choices: Record<string, string> = {};
  let current = byId.get(messageId);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = parentOf(current);
    if ((childCount.get(parent) ?? 0) > 1) choices[parent] = current.id;
    current = parent ? byId.get(parent) : undefined;
  }
  return choices;
}
