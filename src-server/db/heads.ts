// "Space S is at sequence N", and the other signals WebSocket clients depend on,
// told to every server process that shares the database. On SQLite there is one
// process, so the signal stays in memory; on PostgreSQL it is a NOTIFY sent in
// the push's own transaction (delivered only if it commits) and a LISTEN on a
// dedicated connection that reconnects when PostgreSQL restarts or drops it.
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { HEAD_CHANNEL } from '../../src-shared/sync/wire';
import type { Tables } from './tables';

export type HeadSignal =
  | { type: 'at'; space: string; seq: number }
  /** Members of a space changed: who may read it must be looked up again. */
  | { type: 'members'; space: string }
  /** A device was signed out or revoked: close its sockets. */
  | { type: 'revoked'; device: string };

export interface HeadBus {
  /** Sends the signal when `trx` commits (PostgreSQL); a no-op where `committed` does the work. */
  inTransaction(trx: Transaction<Tables>, signal: HeadSignal): Promise<void>;
  /** Sends the signal after its transaction committed (SQLite); a no-op where `inTransaction` did. */
  committed(signal: HeadSignal): void;
  on(listener: (signal: HeadSignal) => void): () => void;
  /** Called after the bus was deaf for a while (a lost connection): state must be read again. */
  onResync(listener: () => void): () => void;
}

class Listeners {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  on(listener: (signal: HeadSignal) => void): () => void {
    this.emitter.on('signal', listener);
    return () => this.emitter.off('signal', listener);
  }
  onResync(listener: () => void): () => void {
    this.emitter.on('resync', listener);
    return () => this.emitter.off('resync', listener);
  }
  emit(signal: HeadSignal): void {
    this.emitter.emit('signal', signal);
  }
  resync(): void {
    this.emitter.emit('resync');
  }
  clear(): void {
    this.emitter.removeAllListeners();
  }
}

export class LocalHeadBus extends Listeners implements HeadBus {
  async inTransaction(): Promise<void> {}
  committed(signal: HeadSignal): void {
    this.emit(signal);
  }
  close(): void {
    this.clear();
  }
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

export class PostgresHeadBus extends Listeners implements HeadBus {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {
    super();
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async inTransaction(trx: Transaction<Tables>, signal: HeadSignal): Promise<void> {
    await sql`select pg_notify(${HEAD_CHANNEL}, ${JSON.stringify(signal)})`.execute(trx);
  }

  committed(): void {}

  /** Whether the LISTEN connection is up (for /readyz and tests). */
  get listening(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.clear();
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel !== HEAD_CHANNEL || !message.payload) return;
      try {
        this.emit(JSON.parse(message.payload) as HeadSignal);
      } catch {
        // Another program's payload on our channel: nothing we can act on.
      }
    });
    await client.connect();
    await client.query(`LISTEN ${HEAD_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        // Signals sent while we were deaf are lost: whoever listens reads the heads again.
        () => this.resync(),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
  }
}
