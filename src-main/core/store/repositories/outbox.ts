// Local changes to synced tables, stamped with the hybrid logical clock and queued
// for the sync client. Callers write the row and its change in one transaction.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../src-shared/ids';
import { HybridLogicalClock, parseHlc } from '../../../../src-shared/sync/hlc';
import type { FieldValue, OutboxChange, SyncedTable } from '../interfaces';
import type { MetaRepository } from './meta';

interface OutboxRow {
  id: string;
  space_id: string;
  table_name: SyncedTable;
  row_id: string;
  fields: string;
  hlc: string;
  deleted: number;
}

const LAST_HLC = 'last_hlc';

/**
 * An outbox row for table `messages` whose row is a conversation and whose fields
 * are "every message of it as they are when pushed": an import records one per
 * conversation instead of one per message, and copies no text a second time.
 * Listing expands it into one change per message.
 */
export const CONVERSATION_MESSAGES = '*messages';

/** A message's synced columns, as a CONVERSATION_MESSAGES change carries them. */
const MESSAGE_COLUMNS = [
  'conversation_id', 'parent_id', 'role', 'content', 'status', 'provider_id', 'model', 'error_code', 'error_message',
  'error_params', 'input_tokens', 'output_tokens', 'cost_usd', 'reasoning', 'ttft_ms', 'created_at', 'updated_at',
] as const;

export class OutboxRepository {
  private readonly clock: HybridLogicalClock;
  private readonly insert;
  private readonly selectOldest;
  private messagesOf: Database.Statement | undefined;
  private columnClocks:
    | { select: Database.Statement<[string, string], { clocks: string }>; upsert: Database.Statement<[string, string, string]>; rowClock: Map<string, Database.Statement<[string], { hlc: string | null }>> }
    | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly meta: MetaRepository,
    nodeId: string,
  ) {
    const last = meta.get(LAST_HLC);
    // The wall clock may have been set back since the last change: never stamp below it.
    const floor = last === null ? 0 : parseHlc(last).wallMs;
    this.clock = new HybridLogicalClock(nodeId, () => Math.max(Date.now(), floor));
    if (last !== null) this.clock.recv(last);
    this.insert = db.prepare<[string, string, string, string, string, string, number]>(
      'INSERT INTO outbox (id, space_id, table_name, row_id, fields, hlc, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectOldest = db.prepare<[number], OutboxRow>(
      'SELECT id, space_id, table_name, row_id, fields, hlc, deleted FROM outbox ORDER BY seq LIMIT ?',
    );
  }

  /**
   * A clock value for changes written in bulk by SQL (an import): one value for
   * many different rows is harmless, since the merge rule compares clocks per row and column.
   */
  stamp(): string {
    const hlc = this.clock.send();
    this.meta.set(LAST_HLC, hlc);
    return hlc;
  }

  /**
   * Queues a change and returns its clock, which the row written with it must carry
   * in `hlc`. Called before the row is written: when the row exists, the clocks of
   * its columns are kept apart from then on (sync_clocks), so a change pulled
   * later is merged column by column.
   */
  record(change: { space: string; table: SyncedTable; row: string; fields: Record<string, FieldValue>; deleted?: boolean }): string {
    const hlc = this.clock.send();
    this.insert.run(uuidv7(), change.space, change.table, change.row, JSON.stringify(change.fields), hlc, change.deleted ? 1 : 0);
    this.meta.set(LAST_HLC, hlc);
    this.keepColumnClocks(change.table, change.row, change.fields, hlc);
    return hlc;
  }

  /** Queues an imported-style change for every message of a conversation, as they are when pushed. */
  recordConversationMessages(space: string, conversationId: string): string {
    const hlc = this.clock.send();
    this.insert.run(uuidv7(), space, 'messages', conversationId, CONVERSATION_MESSAGES, hlc, 0);
    this.meta.set(LAST_HLC, hlc);
    return hlc;
  }

  /** Moves the clock past a clock pulled from the server, so the next local change is later. */
  observe(remote: string): void {
    try {
      const hlc = this.clock.recv(remote);
      this.meta.set(LAST_HLC, hlc);
    } catch {
      // A clock far ahead was refused by the server already; this device's clock stays its own.
    }
  }

  private keepColumnClocks(table: SyncedTable, row: string, fields: Record<string, FieldValue>, hlc: string): void {
    this.columnClocks ??= {
      select: this.db.prepare<[string, string], { clocks: string }>('SELECT clocks FROM sync_clocks WHERE table_name = ? AND row_id = ?'),
      upsert: this.db.prepare<[string, string, string]>(
        'INSERT INTO sync_clocks (table_name, row_id, clocks) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET clocks = excluded.clocks',
      ),
      rowClock: new Map(),
    };
    const { select, upsert, rowClock } = this.columnClocks;
    const entry = select.get(table, row);
    let clocks: Record<string, string>;
    if (entry) {
      clocks = JSON.parse(entry.clocks) as Record<string, string>;
    } else {
      let statement = rowClock.get(table);
      if (!statement) {
        statement = this.db.prepare<[string], { hlc: string | null }>(`SELECT hlc FROM ${table} WHERE ${table === 'settings' ? 'key' : 'id'} = ?`);
        rowClock.set(table, statement);
      }
      const previous = statement.get(row);
      // A new row: every column it has is written by this change, its `hlc`.
      if (!previous || previous.hlc === null) return;
      clocks = { '*': previous.hlc };
    }
    for (const name of Object.keys(fields)) clocks[name] = hlc;
    upsert.run(table, row, JSON.stringify(clocks));
  }

  /** The oldest `limit` queued rows, as changes (a conversation's imported messages are one row, many changes). */
  listOldest(limit: number): OutboxChange[] {
    return this.selectOldest.all(limit).flatMap((row) => {
      const change = { space: row.space_id, table: row.table_name, hlc: row.hlc, deleted: row.deleted === 1 };
      if (row.fields !== CONVERSATION_MESSAGES) {
        return [{ ...change, id: row.id, row: row.row_id, fields: JSON.parse(row.fields) as Record<string, FieldValue> }];
      }
      return this.conversationMessages(row.row_id).map(({ id, ...fields }) => ({ ...change, id: `${row.id}:${id}`, row: id, fields }));
    });
  }

  /** Every message of a conversation with its synced columns as they are now, oldest first. */
  private conversationMessages(conversationId: string): ({ id: string } & Record<string, FieldValue>)[] {
    this.messagesOf ??= this.db.prepare(`SELECT id, ${MESSAGE_COLUMNS.join(', ')} FROM messages WHERE conversation_id = ? ORDER BY seq`);
    return this.messagesOf.all(conversationId) as ({ id: string } & Record<string, FieldValue>)[];
  }
}
