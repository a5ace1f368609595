// Local changes to synced tables, stamped with the hybrid logical clock and queued
// for the sync client. Callers write the row and its change in one transaction.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../src-shared/ids';
import { HybridLogicalClock, parseHlc } from '../../../../src-shared/sync/hlc';
import type { FieldValue, OutboxChange, SyncedTable } from '../types';
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
 * An outbox row whose fields are "the row as it is when pushed": bulk imports
 * record this instead of copying every message's text a second time.
 */
export const SNAPSHOT = '*';

/** The columns a snapshot change carries, per table that records snapshots. */
const SNAPSHOT_COLUMNS: Partial<Record<SyncedTable, readonly string[]>> = {
  messages: [
    'conversation_id', 'parent_id', 'role', 'content', 'status', 'provider_id', 'model', 'error_code', 'error_message',
    'input_tokens', 'output_tokens', 'created_at', 'updated_at',
  ],
};

export class OutboxRepository {
  private readonly clock: HybridLogicalClock;
  private readonly insert;
  private readonly selectOldest;
  private readonly snapshots = new Map<SyncedTable, Database.Statement>();

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

  /** Queues a change and returns its clock, which the row written with it must carry in `hlc`. */
  record(change: { space: string; table: SyncedTable; row: string; fields: Record<string, FieldValue>; deleted?: boolean }): string {
    const hlc = this.clock.send();
    this.insert.run(uuidv7(), change.space, change.table, change.row, JSON.stringify(change.fields), hlc, change.deleted ? 1 : 0);
    this.meta.set(LAST_HLC, hlc);
    return hlc;
  }

  listOldest(limit: number): OutboxChange[] {
    return this.selectOldest.all(limit).map((row) => ({
      id: row.id,
      space: row.space_id,
      table: row.table_name,
      row: row.row_id,
      fields: row.fields === SNAPSHOT ? this.snapshot(row.table_name, row.row_id) : (JSON.parse(row.fields) as Record<string, FieldValue>),
      hlc: row.hlc,
      deleted: row.deleted === 1,
    }));
  }

  /** The row's synced columns as they are now, for a change recorded as a snapshot. */
  private snapshot(table: SyncedTable, rowId: string): Record<string, FieldValue> {
    const columns = SNAPSHOT_COLUMNS[table];
    if (!columns) throw new Error(`Snapshot changes are not recorded for ${table}.`);
    let statement = this.snapshots.get(table);
    if (!statement) {
      statement = this.db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE id = ?`);
      this.snapshots.set(table, statement);
    }
    return (statement.get(rowId) as Record<string, FieldValue> | undefined) ?? {};
  }
}
