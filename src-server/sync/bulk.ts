// Writing a push's changes and rows in bulk. On PostgreSQL each column travels as
// one array parameter and `unnest` turns them back into rows: one short statement
// instead of thousands of parameters to bind and plan. SQLite runs in this
// process, where multi-row inserts are already cheap.
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/open';
import type { ChangesTable, RowsTable, Tables } from '../db/tables';

const CHUNK = 500;

export async function writeChanges(trx: Transaction<Tables>, dialect: Dialect, rows: ChangesTable[]): Promise<void> {
  if (dialect === 'postgres') {
    const column = <K extends keyof ChangesTable>(key: K) => rows.map((row) => row[key]);
    await sql`
      INSERT INTO changes (space_id, seq, change_id, table_name, row_id, fields, hlc, deleted, account_id, device_id, received_at)
      SELECT * FROM unnest(${column('space_id')}::text[], ${column('seq')}::bigint[], ${column('change_id')}::text[],
        ${column('table_name')}::text[], ${column('row_id')}::text[], ${column('fields')}::text[], ${column('hlc')}::text[],
        ${column('deleted')}::integer[], ${column('account_id')}::text[], ${column('device_id')}::text[], ${column('received_at')}::bigint[])
    `.execute(trx);
    return;
  }
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.insertInto('changes').values(rows.slice(start, start + CHUNK)).execute();
  }
}

export async function writeRows(trx: Transaction<Tables>, dialect: Dialect, rows: RowsTable[]): Promise<void> {
  if (dialect === 'postgres') {
    const column = <K extends keyof RowsTable>(key: K) => rows.map((row) => row[key]);
    await sql`
      INSERT INTO rows (space_id, table_name, row_id, fields, clocks, deleted, deleted_hlc, seq)
      SELECT * FROM unnest(${column('space_id')}::text[], ${column('table_name')}::text[], ${column('row_id')}::text[],
        ${column('fields')}::text[], ${column('clocks')}::text[], ${column('deleted')}::integer[], ${column('deleted_hlc')}::text[],
        ${column('seq')}::bigint[])
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
