// The sync engine: push the outbox in batches, then for each space pull what
// changed since its cursor (a first sync reads a snapshot first), a page per
// store transaction. It runs when something was written, when the server's
// WebSocket says a space moved, every 30 s without one, and after a failure
// with exponential backoff and jitter (1 s doubling to 5 minutes).
import { AppError } from '../../../src-shared/api/errors';
import { PULL_MAX_LIMIT, PUSH_MAX_BYTES, PUSH_MAX_CHANGES, type Change } from '../../../src-shared/sync/wire';
import type { Logger } from '../log/logger';
import type { OutboxChange, SyncStore } from '../store';
import { EventsSocket } from './events-socket';
import { isTransient } from './server-api';
import type { SyncSession } from './session';

export type EngineStore = Pick<
  SyncStore,
  'listOutbox' | 'countOutbox' | 'acknowledgeOutbox' | 'syncCursor' | 'applyRemoteChanges' | 'applySnapshotPage' | 'resetSyncCursor'
>;

export type EngineState =
  | { state: 'syncing'; done: number; total: number }
  | { state: 'synced'; at: number }
  | { state: 'offline'; waiting: number }
  | { state: 'error'; error: AppError };

export interface EngineOptions {
  store: EngineStore;
  session: SyncSession;
  /** The spaces this device syncs now. */
  spaces: () => readonly string[];
  onState: (state: EngineState) => void;
  /** Conversations whose rows a pull changed. */
  onApplied: (conversations: string[]) => void;
  log: Logger;
  /** Poll interval while the WebSocket is down. */
  pollMs?: number;
  /** Open the WebSocket (tests of polling turn it off). */
  events?: boolean;
}

/** Outbox rows read per round of pushing. */
const OUTBOX_ROWS = 500;
/** The JSON of a batch stays under the server's limit with room for the envelope. */
const BATCH_BYTES = PUSH_MAX_BYTES - 4096;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export function backoffDelay(failures: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, failures - 1));
  // "Equal jitter": half fixed, half random, so many clients do not retry in step.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Splits changes into pushes the server takes: at most 1,000 changes and 1 MB each. */
export function batchesOf(changes: readonly Change[]): Change[][] {
  const batches: Change[][] = [];
  let batch: Change[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = Buffer.byteLength(JSON.stringify(change)) + 1;
    if (batch.length > 0 && (batch.length >= PUSH_MAX_CHANGES || bytes + size > BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(change);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

const toWire = ({ id, table, row, fields, hlc, deleted }: OutboxChange): Change => ({ id, table, row, fields, hlc, deleted });

export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private socket: EventsSocket | null = null;
  /** The head each space is known to be at, from the server's events and our pulls. */
  private readonly pulled = new Map<string, number>();
  private progress = { done: 0, total: 0 };
  private lastError: AppError | null = null;

  constructor(private readonly options: EngineOptions) {}

  start(): void {
    this.stopped = false;
    if (this.options.events !== false) {
      this.socket = new EventsSocket({
        session: this.options.session,
        log: this.options.log,
        onHead: (space, seq) => {
          if (!this.options.spaces().includes(space)) return;
          if (seq > (this.pulled.get(space) ?? -1)) {
            this.failures = 0;
            this.nudge();
          }
        },
        onConnected: (connected) => this.setPolling(!connected),
      });
      this.socket.start();
    }
    this.setPolling(true);
    this.nudge();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.stop();
    this.socket = null;
    if (this.retry) clearTimeout(this.retry);
    if (this.poll) clearInterval(this.poll);
    this.retry = null;
    this.poll = null;
  }

  /** Something changed here or there: sync soon (now, or right after the pass under way). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  /** Runs a pass now and waits for it; throws what stopped it. */
  async syncNow(): Promise<void> {
    this.failures = 0;
    this.nudge();
    await this.idle();
    if (this.lastError) throw this.lastError;
  }

  /** Resolves once no pass is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private setPolling(on: boolean): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    if (!on || this.stopped) return;
    this.poll = setInterval(() => this.nudge(), this.options.pollMs ?? 30_000);
    this.poll.unref();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
        this.failures = 0;
        this.lastError = null;
        if (!this.again) this.options.onState({ state: 'synced', at: Date.now() });
      } catch (error) {
        this.onFailure(error);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private onFailure(error: unknown): void {
    const appError = error instanceof AppError ? error : new AppError('internal', error instanceof Error ? error.message : String(error));
    this.lastError = appError;
    if (appError.code === 'sync.signed_out' || this.stopped) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures);
    if (isTransient(appError)) {
      this.options.store.countOutbox().then(
        (waiting) => this.options.onState({ state: 'offline', waiting }),
        () => this.options.onState({ state: 'offline', waiting: 0 }),
      );
    } else {
      this.options.log.warn('sync failed', { code: appError.code, message: appError.message });
      this.options.onState({ state: 'error', error: appError });
    }
    this.retry = setTimeout(() => {
      this.retry = null;
      this.nudge();
    }, delay);
    this.retry.unref();
  }

  private report(done: number, total: number): void {
    this.progress = { done, total: Math.max(total, done) };
    this.options.onState({ state: 'syncing', ...this.progress });
  }

  private async pass(): Promise<void> {
    const waiting = await this.options.store.countOutbox();
    this.progress = { done: 0, total: waiting };
    if (waiting > 0) this.report(0, waiting);
    await this.push();
    for (const space of this.options.spaces()) {
      if (this.stopped) return;
      await this.pullSpace(space, true);
    }
  }

  private async push(): Promise<void> {
    const { store } = this.options;
    let refusal: AppError | null = null;
    for (;;) {
      const changes = await store.listOutbox(OUTBOX_ROWS);
      if (changes.length === 0 || this.stopped) break;
      const acknowledged: string[] = [];
      const bySpace = new Map<string, OutboxChange[]>();
      for (const change of changes) bySpace.set(change.space, [...(bySpace.get(change.space) ?? []), change]);
      for (const [space, list] of bySpace) {
        for (const batch of batchesOf(list.map(toWire))) {
          const refused = await this.pushBatch(space, batch);
          if (refused) refusal = refused;
          acknowledged.push(...batch.map((c) => c.id));
        }
      }
      await store.acknowledgeOutbox(acknowledged);
      this.report(this.progress.done + changes.length, this.progress.total);
    }
    if (refusal) throw refusal;
  }

  /**
   * Pushes one batch. A space this account may only read, or a change the server
   * can never take, would block the outbox for good: such changes stay on this
   * device only, and the error is returned so the user is told.
   */
  private async pushBatch(space: string, batch: Change[]): Promise<AppError | null> {
    const { session } = this.options;
    try {
      await session.call((token) => session.api.push(token, { space, changes: batch }));
      return null;
    } catch (error) {
      if (!(error instanceof AppError) || !(error.code === 'sync.forbidden' || error.code === 'sync.refused')) throw error;
      if (error.code === 'sync.refused' && batch.length > 1) {
        // One bad change refuses its whole batch: push one by one to keep the others.
        let refused: AppError | null = null;
        for (const change of batch) refused = (await this.pushBatch(space, [change])) ?? refused;
        return refused;
      }
      this.options.log.warn('changes refused by the server stay on this device', { code: error.code, changes: batch.length });
      return error;
    }
  }

  private async pullSpace(space: string, retryOnReset: boolean): Promise<void> {
    const { store, session } = this.options;
    try {
      let cursor = await store.syncCursor(space);
      if (!cursor?.snapshotDone) {
        let page = cursor?.snapshot?.cursor ?? null;
        do {
          const reply = await session.call((token) => session.api.snapshot(token, space, page, PULL_MAX_LIMIT));
          const result = await store.applySnapshotPage(space, reply.rows, { seq: reply.seq, cursor: reply.cursor });
          if (result.conversations.length > 0) this.options.onApplied(result.conversations);
          this.report(this.progress.done + reply.rows.length, this.progress.total + reply.rows.length + (reply.cursor ? PULL_MAX_LIMIT : 0));
          page = reply.cursor;
        } while (page !== null && !this.stopped);
        cursor = await store.syncCursor(space);
      }
      let since = cursor?.seq ?? 0;
      for (;;) {
        const reply = await session.call((token) => session.api.pull(token, space, since, PULL_MAX_LIMIT));
        if (reply.changes.length > 0 || reply.next !== since) {
          const changes = reply.changes.map(({ seq: _seq, ...change }) => change);
          const result = await store.applyRemoteChanges(space, changes, reply.next);
          if (result.conversations.length > 0) this.options.onApplied(result.conversations);
          if (reply.changes.length > 0) this.report(this.progress.done + reply.changes.length, this.progress.total + reply.changes.length);
        }
        since = reply.next;
        if (!reply.more || this.stopped) break;
      }
      this.pulled.set(space, Math.max(since, this.pulled.get(space) ?? 0));
    } catch (error) {
      // The server knows less than this device (restored from a backup): read it again from a snapshot.
      if (retryOnReset && error instanceof AppError && error.code === 'sync.cursor_ahead') {
        await store.resetSyncCursor(space);
        return this.pullSpace(space, false);
      }
      throw error;
    }
  }
}
