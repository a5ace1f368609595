// What the sync client does to the store: applies pulled changes and snapshot
// rows with the merge rule (src-shared/sync/merge.ts), per column, against the
// clocks `sync_clocks` keeps; moves each space's cursor in the same transaction;
// takes pushed changes out of the outbox; re-homes, moves and removes spaces.
import type Database from 'better-sqlite3';
import { preparedOnce, type Prepared } from './prepared';
import { mergeRows, type RowState } from '../../../../src-shared/sync/merge';
import { checkFields, isSyncedTable, SYNC_SCHEMA, SYNCED_TABLES, type Column, type FieldValue, type SyncedTable } from '../../../../src-shared/sync/schema';
import type { RemoteChange, RemoteRow, SyncCursor } from '../interfaces';
import type { MessageRepository } from './messages';
import type { MetaRepository } from './meta';
import type { OutboxRepository } from './outbox';

type StoredRow = Record<string, FieldValue> & { space_id: string; hlc: string | null; deleted: number; synced?: number };

/** The column that holds a table's row id. */
export const idColumn = (table: SyncedTable) => (table === 'settings' ? 'key' : 'id');

/** Tables in the order their rows may be written: a message needs its conversation. */
const WRITE_ORDER: SyncedTable[] = ['conversations', ...SYNCED_TABLES.filter((t) => t !== 'conversations')];

export interface ApplyResult {
  applied: number;
  /** Changes refused (a table or column this build does not know, a bad value). */
  skipped: number;
  /** Conversations whose rows changed (at most 200), so the UI can refresh them. */
  conversations: string[];
}

export class SyncRepository {
  private readonly required = new Map<SyncedTable, string[]>();
  private readonly selectClocks;
  private readonly upsertClocks;
  private readonly deleteClocks;
  private readonly selectCursor;
  private readonly upsertCursor;
  private readonly statement: Prepared;

  constructor(
    private readonly db: Database.Database,
    private readonly meta: MetaRepository,
    private readonly outbox: OutboxRepository,
    private readonly messages: MessageRepository,
  ) {
    this.statement = preparedOnce(db);
    this.selectClocks = db.prepare<[string, string], { clocks: string }>('SELECT clocks FROM sync_clocks WHERE table_name = ? AND row_id = ?');
    this.upsertClocks = db.prepare<[string, string, string]>(
      'INSERT INTO sync_clocks (table_name, row_id, clocks) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET clocks = excluded.clocks',
    );
    this.deleteClocks = db.prepare<[string, string]>('DELETE FROM sync_clocks WHERE table_name = ? AND row_id = ?');
    this.selectCursor = db.prepare<[string], { seq: number; snapshot_seq: number | null; snapshot_cursor: string | null; snapshot_done: number }>(
      'SELECT seq, snapshot_seq, snapshot_cursor, snapshot_done FROM sync_cursors WHERE space_id = ?',
    );
    this.upsertCursor = db.prepare<[string, number, number | null, string | null, number]>(
      `INSERT INTO sync_cursors (space_id, seq, snapshot_seq, snapshot_cursor, snapshot_done) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (space_id) DO UPDATE SET seq = excluded.seq, snapshot_seq = excluded.snapshot_seq,
         snapshot_cursor = excluded.snapshot_cursor, snapshot_done = excluded.snapshot_done`,
    );
  }

  cursor(space: string): SyncCursor | null {
    const row = this.selectCursor.get(space);
    if (!row) return null;
    return {
      seq: row.seq,
      snapshot: row.snapshot_seq === null ? null : { seq: row.snapshot_seq, cursor: row.snapshot_cursor },
      snapshotDone: row.snapshot_done === 1,
    };
  }

  /** Applies one pulled page of a space and moves its cursor to `next` (the caller's transaction). */
  applyChanges(space: string, changes: readonly RemoteChange[], next: number): ApplyResult {
    // A page may hold a reply before the message it answers; references are checked at commit.
    this.db.pragma('defer_foreign_keys = ON');
    const result: ApplyResult = { applied: 0, skipped: 0, conversations: [] };
    const touched = new Set<string>();
    let newest = '';
    for (const change of changes) {
      if (!isSyncedTable(change.table) || checkFields(change.table, change.fields) !== null) {
        result.skipped += 1;
        continue;
      }
      const state = { fields: change.fields, clocks: Object.fromEntries(Object.keys(change.fields).map((f) => [f, change.hlc])), deleted: change.deleted, deletedHlc: change.hlc };
      if (this.mergeInto(space, change.table, change.row, state, touched)) result.applied += 1;
      if (change.hlc > newest) newest = change.hlc;
    }
    if (newest) this.outbox.observe(newest);
    const current = this.cursor(space);
    this.upsertCursor.run(space, Math.max(next, current?.seq ?? 0), current?.snapshot?.seq ?? null, current?.snapshot?.cursor ?? null, current?.snapshotDone ? 1 : 0);
    result.conversations = [...touched].slice(0, 200);
    return result;
  }

  /**
   * Applies one snapshot page. `cursor` is the next page's (null after the last
   * page, when the space's pull cursor becomes the snapshot's `seq`).
   */
  applySnapshot(space: string, rows: readonly RemoteRow[], page: { seq: number; cursor: string | null }): ApplyResult {
    this.db.pragma('defer_foreign_keys = ON');
    const result: ApplyResult = { applied: 0, skipped: 0, conversations: [] };
    const touched = new Set<string>();
    let newest = '';
    const ordered = [...rows].sort((a, b) => WRITE_ORDER.indexOf(a.table as SyncedTable) - WRITE_ORDER.indexOf(b.table as SyncedTable));
    for (const row of ordered) {
      if (!isSyncedTable(row.table) || checkFields(row.table, row.fields) !== null) {
        result.skipped += 1;
        continue;
      }
      const state: RowState = { fields: row.fields, clocks: row.clocks, deleted: row.deleted, deletedHlc: row.deletedHlc };
      if (this.mergeInto(space, row.table, row.row, state, touched)) result.applied += 1;
      if (row.deletedHlc && row.deletedHlc > newest) newest = row.deletedHlc;
    }
    if (newest) this.outbox.observe(newest);
    const done = page.cursor === null;
    const seq = done ? page.seq : (this.cursor(space)?.seq ?? 0);
    this.upsertCursor.run(space, seq, page.seq, page.cursor, done ? 1 : 0);
    result.conversations = [...touched].slice(0, 200);
    return result;
  }

  /** Forgets a space's pull position: the next sync of it starts with a snapshot. */
  resetCursor(space: string): void {
    this.statement('DELETE FROM sync_cursors WHERE space_id = ?').run(space);
  }

  /** Removes pushed changes from the outbox; an imported conversation's changes (`row:message`) leave with their row. */
  acknowledge(ids: readonly string[]): number {
    const rows = new Set(ids.map((id) => id.split(':')[0]!));
    const remove = this.statement('DELETE FROM outbox WHERE id = ?');
    let removed = 0;
    for (const id of rows) removed += remove.run(id).changes;
    return removed;
  }

  countOutbox(): number {
    return (this.statement('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  }

  /**
   * Puts every row of space `from` into space `to` (a first sign-in: the device's
   * local space becomes the account's personal space). Changes still in the outbox
   * are re-addressed; rows whose changes were already pushed to another server
   * (`from` has a cursor) are queued again in full, so the new space gets them.
   */
  rehome(from: string, to: string): number {
    if (from === to) return 0;
    const pushedBefore = this.selectCursor.get(from) !== undefined;
    let moved = 0;
    for (const table of SYNCED_TABLES) {
      if (pushedBefore) this.requeueAll(table, from, to);
      moved += this.statement(`UPDATE ${table} SET space_id = ? WHERE space_id = ?`).run(to, from).changes;
    }
    this.statement('UPDATE outbox SET space_id = ? WHERE space_id = ?').run(to, from);
    this.resetCursor(from);
    if (this.meta.get('personal_space_id') === from) this.meta.set('personal_space_id', to);
    return moved;
  }

  /** Deletes this device's copy of a space (sign-out from a team): rows, their clocks, queued changes and cursor. */
  removeSpace(space: string): number {
    let removed = 0;
    // Dependents first: messages need their conversation, and their parents.
    for (const table of [...WRITE_ORDER].reverse()) {
      if (table === 'messages') this.statement('UPDATE messages SET parent_id = NULL WHERE space_id = ?').run(space);
      this.statement(`DELETE FROM sync_clocks WHERE table_name = ? AND row_id IN (SELECT ${idColumn(table)} FROM ${table} WHERE space_id = ?)`).run(table, space);
      removed += this.statement(`DELETE FROM ${table} WHERE space_id = ?`).run(space).changes;
    }
    this.statement('DELETE FROM outbox WHERE space_id = ?').run(space);
    this.resetCursor(space);
    return removed;
  }

  /**
   * Moves a conversation with its messages, tag links and attachments into
   * another space: each row is tombstoned in the old space and written whole in
   * the new one (docs/SYNC.md), with a later clock, so every device follows.
   */
  moveConversation(conversationId: string, to: string): boolean {
    const conversation = this.statement('SELECT space_id FROM conversations WHERE id = ? AND deleted = 0').get(conversationId) as { space_id: string } | undefined;
    if (!conversation) return false;
    if (conversation.space_id === to) return true;
    const from = conversation.space_id;
    const members: [SyncedTable, string][] = [['conversations', 'id = ?']];
    members.push(['messages', 'conversation_id = ?'], ['conversation_tags', 'conversation_id = ?'], ['compare_runs', 'conversation_id = ?']);
    members.push(['attachments', 'message_id IN (SELECT id FROM messages WHERE conversation_id = ?)']);
    for (const [table, where] of members) {
      const rows = this.statement(`SELECT * FROM ${table} WHERE space_id = ? AND ${where}`).all(from, conversationId) as (StoredRow & { id: string })[];
      for (const row of rows) {
        this.outbox.record({ space: from, table, row: row.id, fields: {}, deleted: true });
        const fields = this.syncedFields(table, row);
        const hlc = this.outbox.record({ space: to, table, row: row.id, fields, deleted: row.deleted === 1 });
        this.statement(`UPDATE ${table} SET space_id = ?, hlc = ? WHERE id = ?`).run(to, hlc, row.id);
        this.deleteClocks.run(table, row.id);
      }
    }
    return true;
  }

  /** Live conversations per space. */
  conversationsPerSpace(): Record<string, number> {
    const rows = this.statement('SELECT space_id, count(*) AS n FROM conversations WHERE deleted = 0 GROUP BY space_id').all() as { space_id: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.space_id, r.n]));
  }

  /** Queues every row of a table in `from` again, whole, under `to`. */
  private requeueAll(table: SyncedTable, from: string, to: string): void {
    if (table === 'messages') {
      const conversations = this.statement('SELECT DISTINCT conversation_id AS id FROM messages WHERE space_id = ?').all(from) as { id: string }[];
      for (const { id } of conversations) this.outbox.recordConversationMessages(to, id);
      return;
    }
    const rows = this.statement(`SELECT * FROM ${table} WHERE space_id = ?`).all(from) as StoredRow[];
    for (const row of rows) {
      if (table === 'settings' && row.synced === 0) continue;
      const id = String(row[idColumn(table)]);
      this.outbox.record({ space: to, table, row: id, fields: this.syncedFields(table, row), deleted: row.deleted === 1 });
    }
  }

  private syncedFields(table: SyncedTable, row: StoredRow): Record<string, FieldValue> {
    const fields: Record<string, FieldValue> = {};
    for (const column of Object.keys(SYNC_SCHEMA[table])) fields[column] = row[column] ?? null;
    return fields;
  }

  /** The row's state as the merge rule sees it: each column with its clock. */
  private stateOf(table: SyncedTable, id: string, row: StoredRow): RowState {
    const entry = this.selectClocks.get(table, id);
    const known = entry ? (JSON.parse(entry.clocks) as Record<string, string>) : null;
    const base = known ? (known['*'] ?? '') : (row.hlc ?? '');
    const fields: Record<string, FieldValue> = {};
    const clocks: Record<string, string> = {};
    for (const column of Object.keys(SYNC_SCHEMA[table])) {
      const clock = known?.[column] ?? base;
      // '' marks a column no change ever wrote (it holds the table's default).
      if (clock === '') continue;
      fields[column] = row[column] ?? null;
      clocks[column] = clock;
    }
    return { fields, clocks, deleted: row.deleted === 1, deletedHlc: row.hlc };
  }

  /** Merges `incoming` into the stored row; returns whether the row changed. */
  private mergeInto(space: string, table: SyncedTable, id: string, incoming: RowState, touched: Set<string>): boolean {
    const key = idColumn(table);
    const row = this.statement(`SELECT * FROM ${table} WHERE ${key} = ?`).get(id) as StoredRow | undefined;
    const incomingHlc = incoming.deletedHlc ?? '';
    if (!row) {
      // A row this device has never had: written as it comes (the common case of a pull).
      this.insertRow(space, table, id, incoming.fields, incomingHlc, incoming.deleted);
      this.saveClocks(table, id, incoming, incomingHlc, false);
      this.touch(table, id, incoming.fields, touched);
      return true;
    }
    if (table === 'settings' && row.synced === 0) return false;
    // A row that lives in another space here moved: only a change newer than all it holds follows it.
    if (row.space_id !== space && !(incomingHlc > (row.hlc ?? ''))) return false;
    const before = this.stateOf(table, id, row);
    const merged = mergeRows(before, incoming);
    if (sameState(before, merged) && row.space_id === space) return false;
    const columns = Object.keys(merged.fields);
    const hlc = merged.deletedHlc ?? incomingHlc;
    const set = columns.map((c) => `, ${c} = ?`).join('');
    this.statement(`UPDATE ${table} SET space_id = ?, hlc = ?, deleted = ?${set} WHERE ${key} = ?`).run(
      space, hlc, merged.deleted ? 1 : 0, ...columns.map((c) => merged.fields[c] ?? null), id,
    );
    this.saveClocks(table, id, merged, hlc, true);
    this.touch(table, id, merged.fields, touched);
    return true;
  }

  private insertRow(space: string, table: SyncedTable, id: string, given: Record<string, FieldValue>, hlc: string, deleted: boolean): void {
    // A change carries only what it set (a reply's insert has no text until it finishes):
    // a required column without a default gets the empty value of its type.
    let fields = given;
    for (const column of this.requiredColumns(table)) {
      if (fields[column] === undefined) fields = { ...fields, [column]: emptyValue(SYNC_SCHEMA[table][column as keyof (typeof SYNC_SCHEMA)[typeof table]]) };
    }
    const columns = Object.keys(fields);
    const extra = table === 'messages' ? ', seq' : table === 'settings' ? ', synced' : '';
    const sql = `INSERT INTO ${table} (${idColumn(table)}, space_id, hlc, deleted${extra}${columns.map((c) => `, ${c}`).join('')}) VALUES (?, ?, ?, ?${extra ? ', ?' : ''}${', ?'.repeat(columns.length)})`;
    const values: FieldValue[] = [id, space, hlc, deleted ? 1 : 0];
    if (table === 'messages') values.push(this.messages.allocateSeq(Number(fields.created_at ?? Date.now())));
    else if (table === 'settings') values.push(1);
    for (const column of columns) values.push(fields[column] ?? null);
    this.statement(sql).run(...values);
  }

  /** Synced columns that are NOT NULL without a default in this store's schema. */
  private requiredColumns(table: SyncedTable): string[] {
    let columns = this.required.get(table);
    if (!columns) {
      const info = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; dflt_value: unknown }[];
      const synced = SYNC_SCHEMA[table] as Record<string, Column>;
      columns = info.filter((c) => c.notnull === 1 && c.dflt_value === null && Object.prototype.hasOwnProperty.call(synced, c.name)).map((c) => c.name);
      this.required.set(table, columns);
    }
    return columns;
  }

  private touch(table: SyncedTable, id: string, fields: Record<string, FieldValue>, touched: Set<string>): void {
    const conversation = table === 'conversations' ? id : table === 'messages' || table === 'conversation_tags' ? fields.conversation_id : null;
    if (typeof conversation === 'string' && touched.size < 200) touched.add(conversation);
  }

  /**
   * Keeps the column clocks when they differ from the row's clock. A column no
   * change wrote holds its default and counts as written with the row's creation:
   * every later change to it was made after seeing the row, so has a later clock.
   */
  private saveClocks(table: SyncedTable, id: string, state: RowState, hlc: string, existed: boolean): void {
    const uniform = Object.values(state.clocks).every((clock) => clock === hlc);
    if (uniform) {
      if (existed) this.deleteClocks.run(table, id);
      return;
    }
    this.upsertClocks.run(table, id, JSON.stringify({ '*': '', ...state.clocks }));
  }
}

function emptyValue(column: Column): FieldValue {
  if (column.nullable) return null;
  if (column.values) return column.values[0]!;
  return column.type === 'string' ? '' : 0;
}

function sameState(a: RowState, b: RowState): boolean {
  if (a.deleted !== b.deleted || a.deletedHlc !== b.deletedHlc) return false;
  const names = Object.keys(b.clocks);
  if (names.length !== Object.keys(a.clocks).length) return false;
  return names.every((n) => a.clocks[n] === b.clocks[n] && a.fields[n] === b.fields[n]);
}
