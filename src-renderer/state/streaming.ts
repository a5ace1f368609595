// Pure reducers for streaming replies. `streaming` maps a reply's message id to
// its whole text so far; a message component subscribes to its own entry, so a
// delta re-renders one message, not the list.
import type { EventPayload } from '../../src-shared/api/contract';
import type { Message } from '../../src-shared/domain';

export type StreamingText = Readonly<Record<string, string>>;

/** Appends one frame's worth of deltas (message id → text) in a single update. */
export function appendDeltas(
  streaming: StreamingText,
  messages: readonly Message[],
  batch: ReadonlyMap<string, string>,
): StreamingText {
  let next: Record<string, string> | null = null;
  for (const [id, text] of batch) {
    if (!text) continue;
    const known = messages.find((message) => message.id === id);
    // A late delta must not resurrect a reply that has already ended.
    if (known && known.status !== 'streaming') continue;
    next ??= { ...streaming };
    // A reply first heard of mid-stream continues from the text already stored for it.
    next[id] = (next[id] ?? known?.content ?? '') + text;
  }
  return next ?? streaming;
}

/** The messages with a reply replaced by its final stored state; null when the reply is not among them. */
export function applyStreamEnd(messages: readonly Message[], end: EventPayload<'stream.end'>): Message[] | null {
  const index = messages.findIndex((message) => message.id === end.messageId);
  if (index === -1) return null;
  const next = messages.slice();
  next[index] = end.message;
  return next;
}

/**
 * Takes a freshly loaded conversation while replies may still be streaming. A load
 * can answer after a reply ended: then the final state we already hold (on screen,
 * or remembered in `finals`) wins.
 */
export function mergeLoadedMessages(loaded: readonly Message[], current: readonly Message[], finals: ReadonlyMap<string, Message>): Message[] {
  const known = new Map(current.map((message) => [message.id, message]));
  return loaded.map((message) => {
    if (message.status !== 'streaming') return message;
    const final = finals.get(message.id) ?? known.get(message.id);
    return final && final.status !== 'streaming' ? final : message;
  });
}

/**
 * The live text once the messages on screen changed: a reply that has ended
 * shows its stored text, and a stored text longer than the deltas we saw wins
 * (the socket can miss deltas; both are prefixes of the same reply).
 */
export function settleStreaming(streaming: StreamingText, messages: readonly Message[]): StreamingText {
  let next: Record<string, string> | null = null;
  for (const message of messages) {
    const text = streaming[message.id];
    if (text === undefined) continue;
    if (message.status !== 'streaming') {
      next ??= { ...streaming };
      delete next[message.id];
    } else if (message.content.length > text.length) {
      next ??= { ...streaming };
      next[message.id] = message.content;
    }
  }
  return next ?? streaming;
}

/** The text to show for a message: its live stream while one is running. */
export function displayedText(message: Message, streamed: string | undefined): string {
  return message.status === 'streaming' && streamed !== undefined ? streamed : message.content;
}

/** The record without `key`; the same object when it has none. */
export function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
