// Reading and writing a push's changes and rows in bulk. On PostgreSQL the rows
// travel as one JSON parameter that json_to_recordset turns back into rows: one
// short statement instead of thousands of parameters to bind and plan, and no
// per-element array escaping in the driver; lookups are one index probe per key,
// so a push costs the same in a space of ten rows or ten million. SQLite runs in
// this process, where multi-row statements are already cheap.
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/open';
import type { RowState } from '../../src-shared/sync/merge';
import type { Change } from '../../src-shared/sync/wire';
import type { ChangesTable, RowsTable, Tables } from '../db/tables';
import { packClocks } from './stored-row';

const CHUNK = 500;

export interface PushOrigin {
  space: string;
  account: string;
  device: string;
  at: number;
}

/** A change the push stores, with its sequence number. */
export interface FreshChange {
  change: Change;
  seq: number;
  /** The change alone makes a row the space did not have: store it as that row too. */
  newRow?: boolean;
}

/** Stores the changes, and as a row (fields as sent, every clock the change's) each one marked `newRow`. */
export async function writeChanges(trx: Transaction<Tables>, dialect: Dialect, origin: PushOrigin, fresh: FreshChange[]): Promise<void> {
  if (dialect === 'postgres') {
    // One native stringify for the whole batch, parsed once by PostgreSQL for both tables.
    // Declared `text`, the object `f` comes out as its JSON text as sent (a `json` column
    // would parse it a second time).
    const json = JSON.stringify(fresh.map(({ change, seq, newRow }) => ({ s: seq, i: change.id, t: change.table, r: change.row, f: change.fields, h: change.hlc, d: change.deleted ? 1 : 0, n: newRow ? 1 : 0 })));
    await sql`
      WITH x AS MATERIALIZED (
        SELECT * FROM json_to_recordset(${json}::json) AS x(s bigint, i text, t text, r text, f text, h text, d integer, n integer)
      ), logged AS (
        INSERT INTO changes (space_id, seq, change_id, table_name, row_id, fields, hlc, deleted, account_id, device_id, received_at)
        SELECT ${origin.space}, x.s, x.i, x.t, x.r, x.f, x.h, x.d, ${origin.account}, ${origin.device}, ${origin.at}::bigint FROM x
      )
      INSERT INTO rows (space_id, table_name, row_id, fields, clocks, deleted, deleted_hlc, seq)
      SELECT ${origin.space}, x.t, x.r, x.f, '{}', x.d, x.h, x.s FROM x WHERE x.n = 1
    `.execute(trx);
    return;
  }
  const changes: ChangesTable[] = [];
  const rows: RowsTable[] = [];
  for (const { change, seq, newRow } of fresh) {
    const fields = JSON.stringify(change.fields);
    const deleted = change.deleted ? 1 : 0;
    changes.push({ space_id: origin.space, seq, change_id: change.id, table_name: change.table, row_id: change.row, fields, hlc: change.hlc, deleted, account_id: origin.account, device_id: origin.device, received_at: origin.at });
    if (newRow) rows.push({ space_id: origin.space, table_name: change.table, row_id: change.row, fields, clocks: '{}', deleted, deleted_hlc: change.hlc, seq });
  }
  for (let start = 0; start < changes.length; start += CHUNK) await trx.insertInto('changes').values(changes.slice(start, start + CHUNK)).execute();
  for (let start = 0; start < rows.length; start += CHUNK) await trx.insertInto('rows').values(rows.slice(start, start + CHUNK)).execute();
}

/** A row after the push's changes were merged into it, with the sequence of the last one. */
export interface MergedRow {
  table: string;
  row: string;
  state: RowState;
  seq: number;
  /** Whether the row was in the table before this push. */
  stored: boolean;
}

export async function writeRows(trx: Transaction<Tables>, dialect: Dialect, space: string, merged: MergedRow[]): Promise<void> {
  if (merged.length === 0) return;
  if (dialect === 'postgres') {
    // The push holds its space's row, so no one else writes these rows meanwhile: new
    // ones are plain inserts and known ones plain updates, cheaper than an upsert.
    const json = (rows: MergedRow[]) =>
      JSON.stringify(rows.map(({ table, row, state, seq }) => ({ t: table, r: row, f: state.fields, c: packClocks(state), d: state.deleted ? 1 : 0, h: state.deletedHlc, s: seq })));
    const fresh = merged.filter((row) => !row.stored);
    const known = merged.filter((row) => row.stored);
    if (fresh.length > 0) {
      await sql`
        INSERT INTO rows (space_id, table_name, row_id, fields, clocks, deleted, deleted_hlc, seq)
        SELECT ${space}, x.t, x.r, x.f, x.c, x.d, x.h, x.s
        FROM json_to_recordset(${json(fresh)}::json) AS x(t text, r text, f text, c text, d integer, h text, s bigint)
      `.execute(trx);
    }
    if (known.length > 0) {
      await sql`
        UPDATE rows SET fields = x.f, clocks = x.c, deleted = x.d, deleted_hlc = x.h, seq = x.s
        FROM json_to_recordset(${json(known)}::json) AS x(t text, r text, f text, c text, d integer, h text, s bigint)
        WHERE rows.space_id = ${space} AND rows.table_name = x.t AND rows.row_id = x.r
      `.execute(trx);
    }
    return;
  }
  const rows: RowsTable[] = merged.map(({ table, row, state, seq }) => ({
    space_id: space,
    table_name: table,
    row_id: row,
    fields: JSON.stringify(state.fields),
    clocks: JSON.stringify(packClocks(state)),
    deleted: state.deleted ? 1 : 0,
    deleted_hlc: state.deletedHlc,
    seq,
  }));
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx
      .insertInto('rows')
      .values(rows.slice(start, start + CHUNK))
      .onConflict((conflict) =>
        conflict.columns(['space_id', 'table_name', 'row_id']).doUpdateSet((eb) => ({
          fields: eb.ref('excluded.fields'),
          clocks: eb.ref('excluded.clocks'),
          deleted: eb.ref('excluded.deleted'),
          deleted_hlc: eb.ref('excluded.deleted_hlc'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

/** The ids among `ids` that the space's change log already holds. */
export async function storedChangeIds(trx: Transaction<Tables>, dialect: Dialect, space: string, ids: string[]): Promise<Set<string>> {
  if (dialect === 'postgres') {
    // One index probe per id, whatever the statistics say: with `change_id = any(...)` or a plain
    // join, a planner that underestimates the space (fresh statistics lag) reads every change of
    // the space, which grows with it. The LIMIT keeps the lateral subquery a per-id probe.
    const found = await sql<{ change_id: string }>`
      SELECT c.change_id FROM unnest(${ids}::text[]) AS w(id)
      CROSS JOIN LATERAL (SELECT change_id FROM changes WHERE space_id = ${space} AND change_id = w.id LIMIT 1) c
    `.execute(trx);
    return new Set(found.rows.map((row) => row.change_id));
  }
  const found = await trx.selectFrom('changes').select('change_id').where('space_id', '=', space).where('change_id', 'in', ids).execute();
  return new Set(found.map((row) => row.change_id));
}

export type StoredRow = Pick<RowsTable, 'table_name' | 'row_id' | 'fields' | 'clocks' | 'deleted' | 'deleted_hlc'>;

/** The stored rows among `keys` (table and row id) of the space. */
export async function storedRows(trx: Transaction<Tables>, dialect: Dialect, space: string, keys: { table: string; row: string }[]): Promise<StoredRow[]> {
  if (dialect === 'postgres') {
    const found = await sql<StoredRow>`
      SELECT r.* FROM unnest(${keys.map((key) => key.table)}::text[], ${keys.map((key) => key.row)}::text[]) AS w(t, r)
      CROSS JOIN LATERAL (
        SELECT table_name, row_id, fields, clocks, deleted, deleted_hlc FROM rows
        WHERE space_id = ${space} AND table_name = w.t AND row_id = w.r LIMIT 1
      ) r
    `.execute(trx);
    return found.rows;
  }
  // SQLite binds up to 32,766 parameters, more than a batch's rows. Naming the tables lets the
  // primary key (space, table, row) find the rows, instead of every row of the space.
  const wanted = new Set(keys.map((key) => `${key.table}\u0000${key.row}`));
  const found = await trx
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'fields', 'clocks', 'deleted', 'deleted_hlc'])
    .where('space_id', '=', space)
    .where('table_name', 'in', [...new Set(keys.map((key) => key.table))])
    .where('row_id', 'in', [...new Set(keys.map((key) => key.row))])
    .execute();
  return found.filter((row) => wanted.has(`${row.table_name}\u0000${row.row_id}`));
}
