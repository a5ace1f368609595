// Replies being written: their text so far, their reasoning, a retry in progress,
// and how each reply of this session went (from its stream.end). Deltas are
// applied once per animation frame however many arrive; each message component
// subscribes to its own entry, so a delta re-renders one message.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload } from '../../src-shared/api/contract';
import { createDeltaBatcher, nextAnimationFrame, type DeltaBatcher, type FrameScheduler } from './delta-batcher';
import { appendDeltas, settleStreaming, withoutKey, type StreamingText } from './streaming';
import type { ThreadStore } from './thread-store';

export type ReplyMetrics = NonNullable<EventPayload<'stream.end'>['metrics']>;

export interface StreamingState {
  /** Whole text so far of each streaming reply, by message id. */
  text: StreamingText;
  /** Reasoning text, kept apart from the answer, by message id (this session). */
  reasoning: Readonly<Record<string, string>>;
  /** A reply whose call is being tried again (rate limit, server error) before its first token. */
  retries: Readonly<Record<string, EventPayload<'stream.retry'>>>;
  /** Time to first token, cost… of each reply that ended this session. */
  metrics: Readonly<Record<string, ReplyMetrics>>;
}

const MAX_METRICS = 500;

export class StreamingStore {
  readonly store: StoreApi<StreamingState>;
  private readonly batcher: DeltaBatcher;
  private readonly reasoningBatcher: DeltaBatcher;

  constructor(
    private readonly api: ApiClient,
    private readonly thread: ThreadStore,
    scheduleFrame: FrameScheduler = nextAnimationFrame,
  ) {
    this.store = createStore<StreamingState>()(() => ({ text: {}, reasoning: {}, retries: {}, metrics: {} }));
    // The messages on screen know whether a reply has ended and what the store holds of it.
    this.batcher = createDeltaBatcher((batch) => this.store.setState((s) => ({ text: appendDeltas(s.text, this.thread.state.messages, batch) })), scheduleFrame);
    this.reasoningBatcher = createDeltaBatcher(
      (batch) =>
        this.store.setState((s) => {
          const reasoning = { ...s.reasoning };
          for (const [id, text] of batch) reasoning[id] = (reasoning[id] ?? '') + text;
          return { reasoning };
        }),
      scheduleFrame,
    );
  }

  get state(): StreamingState {
    return this.store.getState();
  }

  /** Follows the core's stream events and the messages on screen. Returns the unsubscribe. */
  listen(): () => void {
    const subscriptions = [
      this.api.on('stream.delta', (delta) => this.batcher.push(delta.messageId, delta.text)),
      this.api.on('stream.reasoning', (part) => this.reasoningBatcher.push(part.messageId, part.text)),
      this.api.on('stream.retry', (retry) => this.store.setState((s) => ({ retries: { ...s.retries, [retry.messageId]: retry } }))),
      this.api.on('stream.end', (end) => this.onStreamEnd(end)),
      this.thread.store.subscribe((state, previous) => {
        if (state.messages === previous.messages) return;
        // Deltas still waiting for a frame belong before what was loaded.
        this.batcher.flush();
        const text = settleStreaming(this.state.text, state.messages);
        if (text !== this.state.text) this.store.setState({ text });
      }),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  private onStreamEnd(end: EventPayload<'stream.end'>): void {
    // Deltas still waiting for a frame belong before the final state.
    this.batcher.flush();
    this.reasoningBatcher.flush();
    this.store.setState((s) => ({
      text: withoutKey(s.text, end.messageId),
      metrics: end.metrics ? withMetrics(s.metrics, end.messageId, end.metrics) : s.metrics,
      retries: withoutKey(s.retries, end.messageId),
      reasoning: end.reasoning ? { ...s.reasoning, [end.messageId]: end.reasoning } : s.reasoning,
    }));
  }
}

function withMetrics(metrics: Readonly<Record<string, ReplyMetrics>>, messageId: string, value: ReplyMetrics): Record<string, ReplyMetrics> {
  const next = { ...metrics, [messageId]: value };
  const keys = Object.keys(next);
  if (keys.length > MAX_METRICS) delete next[keys[0]!];
  return next;
}
