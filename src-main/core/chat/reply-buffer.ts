// Holds a streaming reply's text in memory. Deltas leave at most once per frame
// (coalesced; a delta after a quiet frame leaves at once, so the first token is
// never held back), and the text reaches SQLite at most every flush interval,
// never once per token, each flush carrying only the text that arrived since the
// last one (so a long reply costs writes in proportion to its length, not its
// square). A reply longer than `maxChars` is cut there, once.

export interface ReplyBufferOptions {
  /** Pushes coalesced text to the renderer. */
  emitDelta(text: string): void;
  /** Appends the text that arrived since the last flush to the store. */
  flush(chunk: string): Promise<void>;
  coalesceMs?: number;
  flushIntervalMs?: number;
  onFlushError?(error: unknown): void;
  /** The most text kept; what comes after is dropped and `onTooLong` is called, once. */
  maxChars?: number;
  onTooLong?(): void;
}

export class ReplyBuffer {
  private text = '';
  private pending = '';
  private unflushed = '';
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
    const room = (this.options.maxChars ?? Infinity) - this.text.length;
    if (delta.length > room) {
      this.closed = true;
      delta = delta.slice(0, room);
      this.options.onTooLong?.();
    }
    this.text += delta;
    this.pending += delta;
    this.unflushed += delta;
    if (this.deltaTimer) return;
    const frame = this.options.coalesceMs ?? 16;
    const since = performance.now() - this.lastEmitAt;
    if (since >= frame) this.emitPending();
    else this.deltaTimer = setTimeout(() => this.emitPending(), frame - since);
  }

  /** Sends and stores whatever is pending and stops the timers; returns the full text. */
  async close(): Promise<string> {
    this.closed = true;
    clearInterval(this.flushTimer);
    this.emitPending();
    await this.flushNow();
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
    if (!this.unflushed) return this.flushing;
    const chunk = this.unflushed;
    this.unflushed = '';
    this.flushing = this.flushing
      .then(() => this.options.flush(chunk))
      .catch((error) => {
        // Tried again with the next flush, so the stored text never has a hole.
        this.unflushed = chunk + this.unflushed;
        this.options.onFlushError?.(error);
      });
    return this.flushing;
  }
}
