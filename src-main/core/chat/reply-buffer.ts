// Holds a streaming reply's text in memory. Deltas leave at most once per frame
// (coalesced; a delta after a quiet frame leaves at once, so the first token is
// never held back), and the text reaches SQLite at most every flush interval,
// never once per token.

export interface ReplyBufferOptions {
  /** Pushes coalesced text to the renderer. */
  emitDelta(text: string): void;
  /** Writes the whole text so far to the store. */
  flush(text: string): Promise<void>;
  coalesceMs?: number;
  flushIntervalMs?: number;
  onFlushError?(error: unknown): void;
}

export class ReplyBuffer {
  private text = '';
  private pending = '';
  private flushedLength = 0;
  private deltaTimer: NodeJS.Timeout | null = null;
  private lastEmitAt = -Infinity;
  private readonly flushTimer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: ReplyBufferOptions) {
    this.flushTimer = setInterval(() => void this.flushNow(), options.flushIntervalMs ?? 250);
    this.flushTimer.unref?.();
  }

  get value(): string {
    return this.text;
  }

  append(delta: string): void {
    if (this.closed || delta.length === 0) return;
    this.text += delta;
    this.pending += delta;
    if (this.deltaTimer) return;
    const frame = this.options.coalesceMs ?? 16;
    const since = performance.now() - this.lastEmitAt;
    if (since >= frame) this.emitPending();
    else this.deltaTimer = setTimeout(() => this.emitPending(), frame - since);
  }

  /** Sends whatever is pending and stops the timers; returns the full text. */
  async close(): Promise<string> {
    this.closed = true;
    clearInterval(this.flushTimer);
    this.emitPending();
    await this.flushing;
    return this.text;
  }

  private emitPending(): void {
    if (this.deltaTimer) clearTimeout(this.deltaTimer);
    this.deltaTimer = null;
    if (!this.pending) return;
    const chunk = this.pending;
    this.pending = '';
    this.lastEmitAt = performance.now();
    this.options.emitDelta(chunk);
  }

  private flushNow(): Promise<void> {
    if (this.text.length === this.flushedLength) return this.flushing;
    const snapshot = this.text;
    this.flushing = this.flushing
      .then(() => this.options.flush(snapshot))
      .then(() => {
        this.flushedLength = snapshot.length;
      })
      .catch((error) => this.options.onFlushError?.(error));
    return this.flushing;
  }
}
