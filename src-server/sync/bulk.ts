// Writing a push's changes and rows in bulk. On PostgreSQL the rows travel as one
// JSON parameter that json_to_recordset turns back into rows: one short statement
// instead of thousands of parameters to bind and plan, and no per-element array
// escaping in the driver (`fields` and `clocks` are JSON already and go in as is). SQLite runs in this
// process, where multi-row inserts are already cheap.
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/open';
import type { ChangesTable, RowsTable, Tables } from '../db/tables';

const CHUNK = 500;

export async function writeChanges(trx: Transaction<Tables>, dialect: Dialect, rows: ChangesTable[]): Promise<void> {
  if (dialect === 'postgres' && rows.length > 0) {
    // Every change of a push shares its space, author, device and time.
    const { space_id: space, account_id: account, device_id: device, received_at: at } = rows[0]!;
    const json = `[${rows.map((row) => `{"s":${row.seq},"i":${JSON.stringify(row.change_id)},"t":${JSON.stringify(row.table_name)},"r":${JSON.stringify(row.row_id)},"f":${row.fields},"h":${JSON.stringify(row.hlc)},"d":${row.deleted}}`).join(',')}]`;
    await sql`
      INSERT INTO changes (space_id, seq, change_id, table_name, row_id, fields, hlc, deleted, account_id, device_id, received_at)
      SELECT ${space}, x.s, x.i, x.t, x.r, x.f::text, x.h, x.d, ${account}, ${device}, ${at}::bigint
      FROM json_to_recordset(${json}::json) AS x(s bigint, i text, t text, r text, f json, h text, d integer)
    `.execute(trx);
    return;
  }
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.insertInto('changes').values(rows.slice(start, start + CHUNK)).execute();
  }
}

export async function writeRows(trx: Transaction<Tables>, dialect: Dialect, rows: RowsTable[]): Promise<void> {
  if (dialect === 'postgres' && rows.length > 0) {
    const space = rows[0]!.space_id;
    const json = `[${rows.map((row) => `{"t":${JSON.stringify(row.table_name)},"r":${JSON.stringify(row.row_id)},"f":${row.fields},"c":${row.clocks},"d":${row.deleted},"h":${JSON.stringify(row.deleted_hlc)},"s":${row.seq}}`).join(',')}]`;
    await sql`
      INSERT INTO rows (space_id, table_name, row_id, fields, clocks, deleted, deleted_hlc, seq)
      SELECT ${space}, x.t, x.r, x.f::text, x.c::text, x.d, x.h, x.s
      FROM json_to_recordset(${json}::json) AS x(t text, r text, f json, c json, d integer, h text, s bigint)
      ON CONFLICT (space_id, table_name, row_id) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks,
        deleted = excluded.deleted, deleted_hlc = excluded.deleted_hlc, seq = excluded.seq
    `.execute(trx);
    return;
  }
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
