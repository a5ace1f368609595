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

export interface StreamView {
  messages: Message[];
  streaming: StreamingText;
}

/** Replaces a reply with its final stored state; `applied` is false when it is not on screen. */
export function applyStreamEnd(view: StreamView, end: EventPayload<'stream.end'>): StreamView & { applied: boolean } {
  const streaming = withoutKey(view.streaming, end.messageId);
  const index = view.messages.findIndex((message) => message.id === end.messageId);
  if (index === -1) return { messages: view.messages, streaming, applied: false };
  const messages = view.messages.slice();
  messages[index] = end.message;
  return { messages, streaming, applied: true };
}

/**
 * Takes a freshly loaded conversation while replies may still be streaming. A load
 * can answer after a reply ended (then the final state we already hold wins) or
 * after the socket missed deltas (then the longer text wins: both are prefixes of
 * the same reply).
 */
export function mergeLoadedMessages(
  loaded: readonly Message[],
  view: StreamView,
  finals: ReadonlyMap<string, Message>,
): StreamView {
  const current = new Map(view.messages.map((message) => [message.id, message]));
  const messages = loaded.map((message) => {
    if (message.status !== 'streaming') return message;
    const final = finals.get(message.id) ?? current.get(message.id);
    return final && final.status !== 'streaming' ? final : message;
  });
  let streaming: Record<string, string> | null = null;
  for (const message of messages) {
    const text = view.streaming[message.id];
    if (text === undefined) continue;
    if (message.status !== 'streaming') {
      streaming ??= { ...view.streaming };
      delete streaming[message.id];
    } else if (message.content.length > text.length) {
      streaming ??= { ...view.streaming };
      streaming[message.id] = message.content;
    }
  }
  return { messages, streaming: streaming ?? view.streaming };
}

/** The text to show for a message: its live stream while one is running. */
export function displayedText(message: Message, streamed: string | undefined): string {
  return message.status === 'streaming' && streamed !== undefined ? streamed : message.content;
}

function withoutKey(record: StreamingText, key: string): StreamingText {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
