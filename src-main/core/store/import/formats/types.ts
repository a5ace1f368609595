// The shape every import format is turned into before anything is written.
import { AppError } from '../../../../../src-shared/api/errors';
import type { ImportNote } from '../../../../../src-shared/entities/transfer';

export type ImportedRole = 'system' | 'user' | 'assistant';

/** A file sent with a message, as the export has it: its text (the export keeps no other bytes). */
export interface ImportedAttachment {
  id: string;
  fileName: string;
  mime: string;
  text: string;
}

export interface ImportedMessage {
  id: string;
  /** A message earlier in the same list, or null for a root. */
  parentId: string | null;
  role: ImportedRole;
  content: string;
  status: 'done' | 'error' | 'interrupted';
  model: string | null;
  createdAt: number;
  /** When the export says the message last changed; createdAt when it does not. */
  updatedAt?: number;
  /** The model's reasoning (thinking) kept apart from its answer. */
  reasoning?: string | null;
  attachments?: ImportedAttachment[];
}

export interface ImportedConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** The leaf of the branch to show; null for the newest. */
  shownLeafId: string | null;
  /** Parents before children. */
  messages: ImportedMessage[];
  /** Organisation to restore: pin and archive (every format that has them), tags (ours). */
  extras?: { pinned?: boolean; archived?: boolean; tags?: string[] };
  /** What could not be read and was left out (a message, a block), for the import summary. */
  notes?: ImportNote[];
}

/** A conversation the file describes in a way we cannot read. */
export class FormatError extends Error {}

export function formatError(index: number, title: unknown, detail: string): AppError {
  const name = typeof title === 'string' && title ? ` ("${title.slice(0, 60)}")` : '';
  return new AppError('transfer.conversation_malformed', `Conversation ${index + 1}${name} in the file cannot be read: ${detail}. Nothing was imported.`, {
    index: index + 1,
    details: detail,
  });
}

/** A note for the import summary about something left out of the conversation at `index`. */
export function importNote(
  code: ImportNote['code'],
  index: number,
  title: unknown,
  detail: { message?: number; count?: number; name?: string } = {},
): ImportNote {
  return {
    code,
    conversation: index + 1,
    title: typeof title === 'string' ? title.slice(0, 60) : '',
    message: detail.message ?? null,
    count: detail.count ?? 1,
    name: detail.name ?? '',
  };
}

/**
 * Pinned and archived when the export says so (`true`); undefined when neither,
 * as a new conversation is neither (so most conversations need no second write).
 */
export function organisation(pinned: unknown, archived: unknown): ImportedConversation['extras'] {
  if (pinned !== true && archived !== true) return undefined;
  return { ...(pinned === true && { pinned: true }), ...(archived === true && { archived: true }) };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Unix ms from seconds (ChatGPT), an ISO string (Claude) or ms (ours); `fallback` when absent or unreadable. */
export function toMs(value: unknown, unit: 'seconds' | 'iso' | 'ms', fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(unit === 'seconds' ? value * 1000 : value);
  if (typeof value === 'string' && unit === 'iso') {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return fallback;
}

/**
 * Orders messages parents-first and re-attaches a message whose parent is not in
 * the list to its nearest kept ancestor (or makes it a root).
 */
export function parentsFirst(messages: ImportedMessage[]): ImportedMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const children = new Map<string | null, ImportedMessage[]>();
  for (const message of messages) {
    const parent = message.parentId !== null && byId.has(message.parentId) ? message.parentId : null;
    message.parentId = parent;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(message);
  }
  const ordered: ImportedMessage[] = [];
  const queue = [...(children.get(null) ?? [])];
  for (let head = 0; head < queue.length; head++) {
    const next = queue[head]!;
    ordered.push(next);
    for (const child of (children.get(next.id) ?? []).sort((a, b) => a.createdAt - b.createdAt)) queue.push(child);
  }
  // A cycle leaves messages unreached: keep them as roots rather than lose them.
  if (ordered.length < messages.length) {
    const reached = new Set(ordered.map((m) => m.id));
    for (const message of messages) if (!reached.has(message.id)) ordered.push({ ...message, parentId: null });
  }
  return ordered;
}
