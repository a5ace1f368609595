// Generic writes for synced tables keyed by `id`: an upsert records only the
// columns that changed as one outbox change, in the caller's transaction.
import type Database from 'better-sqlite3';
import { preparedOnce, type Prepared } from './prepared';
import type { FieldValue, SyncedTable } from '../interfaces';
import type { OutboxRepository } from './outbox';

export interface SyncedRow {
  id: string;
  space_id: string;
  hlc: string;
  deleted: number;
}

const COLUMN = /^[a-z_]+$/;

export class SyncedRows {

  private readonly statement: Prepared;

  constructor(
    private readonly db: Database.Database,
    private readonly outbox: OutboxRepository,
  ) {
    this.statement = preparedOnce(db);
  }

  find<R extends SyncedRow>(table: SyncedTable, id: string): R | undefined {
    return this.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as R | undefined;
  }

  /** The live row, or undefined when missing or tombstoned. */
  live<R extends SyncedRow>(table: SyncedTable, id: string): R | undefined {
    const row = this.find<R>(table, id);
    return row && row.deleted === 0 ? row : undefined;
  }

  /**
   * Inserts the row, or updates the given columns of an existing one (reviving a
   * tombstone). Returns false when nothing changed, in which case nothing is written.
   */
  upsert(table: SyncedTable, id: string, space: string, columns: Record<string, FieldValue>): boolean {
    const existing = this.find<SyncedRow & Record<string, FieldValue>>(table, id);
    const live = existing && existing.deleted === 0 ? existing : undefined;
    const changed: Record<string, FieldValue> = {};
    for (const [column, value] of Object.entries(columns)) {
      if (!live || live[column] !== value) changed[column] = value;
    }
    if (live && Object.keys(changed).length === 0) return false;
    const rowSpace = existing?.space_id ?? space;
    const hlc = this.outbox.record({ space: rowSpace, table, row: id, fields: changed });
    const names = Object.keys(columns);
    for (const name of names) if (!COLUMN.test(name)) throw new Error(`Not a column name: ${name}`);
    const values = names.map((n) => columns[n]);
    if (existing) {
      // An UPDATE, not an upsert: an upsert checks NOT NULL columns it is not given.
      const sql = `UPDATE ${table} SET hlc = ?, deleted = 0${names.map((n) => `, ${n} = ?`).join('')} WHERE id = ?`;
      this.statement(sql).run(hlc, ...values, id);
    } else {
      const sql = `INSERT INTO ${table} (id, space_id, hlc, deleted${names.map((n) => `, ${n}`).join('')}) VALUES (?, ?, ?, 0${names.map(() => ', ?').join('')})`;
      this.statement(sql).run(id, rowSpace, hlc, ...values);
    }
    return true;
  }

  /**
   * Saves a user-edited row with created_at/updated_at: updated_at moves only when
   * one of `columns` changed, and created_at stays what it was first.
   */
  saveEdited(table: SyncedTable, id: string, space: string, columns: Record<string, FieldValue>, createdAt: number): boolean {
    const live = this.live<SyncedRow & Record<string, FieldValue>>(table, id);
    if (live && Object.entries(columns).every(([column, value]) => live[column] === value)) return false;
    return this.upsert(table, id, space, { ...columns, created_at: live?.created_at ?? createdAt, updated_at: Date.now() });
  }

  /** Inserts a row that is never updated (a ledger entry); false when the id is already there. */
  append(table: SyncedTable, id: string, space: string, columns: Record<string, FieldValue>): boolean {
    if (this.find(table, id)) return false;
    return this.upsert(table, id, space, columns);
  }

  /** Returns false when there was nothing live to tombstone. */
  tombstone(table: SyncedTable, id: string): boolean {
    const row = this.live(table, id);
    if (!row) return false;
    const hlc = this.outbox.record({ space: row.space_id, table, row: id, fields: {}, deleted: true });
    this.statement(`UPDATE ${table} SET deleted = 1, hlc = ? WHERE id = ?`).run(hlc, id);
    return true;
  }
}

/** A JSON column's text, with keys in a stable order so unchanged values compare equal. */
export function jsonColumn(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function parseJsonColumn<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
