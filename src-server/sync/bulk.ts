// Writing a push's changes and rows in bulk. On PostgreSQL the rows travel as one
// JSON parameter that json_to_recordset turns back into rows: one short statement
// instead of thousands of parameters to bind and plan, and no per-element array
// escaping in the driver. SQLite runs in this process, where multi-row inserts
// are already cheap.
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

export async function writeChanges(trx: Transaction<Tables>, dialect: Dialect, origin: PushOrigin, fresh: { change: Change; seq: number }[]): Promise<void> {
  if (dialect === 'postgres') {
    // One native stringify for the whole batch; `f` stays a JSON object, stored as its text.
    const json = JSON.stringify(fresh.map(({ change, seq }) => ({ s: seq, i: change.id, t: change.table, r: change.row, f: change.fields, h: change.hlc, d: change.deleted ? 1 : 0 })));
    await sql`
      INSERT INTO changes (space_id, seq, change_id, table_name, row_id, fields, hlc, deleted, account_id, device_id, received_at)
      SELECT ${origin.space}, x.s, x.i, x.t, x.r, x.f::text, x.h, x.d, ${origin.account}, ${origin.device}, ${origin.at}::bigint
      FROM json_to_recordset(${json}::json) AS x(s bigint, i text, t text, r text, f json, h text, d integer)
    `.execute(trx);
    return;
  }
  const rows: ChangesTable[] = fresh.map(({ change, seq }) => ({
    space_id: origin.space,
    seq,
    change_id: change.id,
    table_name: change.table,
    row_id: change.row,
    fields: JSON.stringify(change.fields),
    hlc: change.hlc,
    deleted: change.deleted ? 1 : 0,
    account_id: origin.account,
    device_id: origin.device,
    received_at: origin.at,
  }));
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.insertInto('changes').values(rows.slice(start, start + CHUNK)).execute();
  }
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
        SELECT ${space}, x.t, x.r, x.f::text, x.c::text, x.d, x.h, x.s
        FROM json_to_recordset(${json(fresh)}::json) AS x(t text, r text, f json, c json, d integer, h text, s bigint)
      `.execute(trx);
    }
    if (known.length > 0) {
      await sql`
        UPDATE rows SET fields = x.f::text, clocks = x.c::text, deleted = x.d, deleted_hlc = x.h, seq = x.s
        FROM json_to_recordset(${json(known)}::json) AS x(t text, r text, f json, c json, d integer, h text, s bigint)
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

/** `column IN (values)`; on PostgreSQL `column = ANY($1)`, one array parameter. */
export function oneOf(dialect: Dialect, column: 'change_id' | 'row_id', values: string[]) {
  return dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} = any(${values}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
}
