// Pull and snapshot: reads of one space, after the caller's role is checked.
import type { FieldValue } from '../../src-shared/sync/schema';
import type { PullQuery, PullReply, SnapshotQuery, SnapshotReply } from '../../src-shared/sync/wire';
import type { Caller } from '../auth/oauth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { appendAuditEvent } from '../audit/chain';
import { tablesOf } from './audit';
import { requireRole } from './spaces';
import { unpackRow } from './stored-row';

async function headOf(context: ServerContext, space: string): Promise<number> {
  return (await context.database.db.selectFrom('spaces').select('head').where('id', '=', space).executeTakeFirstOrThrow()).head;
}

export async function pull(context: ServerContext, caller: Caller, query: PullQuery): Promise<PullReply> {
  const { db } = context.database;
  await requireRole(db, caller.accountId, query.space, 'viewer');
  const head = await headOf(context, query.space);
  if (query.since > head) {
    throw new ApiError(
      409,
      'sync.cursor_ahead',
      'This device has seen changes the server no longer has (was the server restored from a backup?). Sign out and in again on this device to sync it from the server.',
      { space: query.space, since: query.since, head },
    );
  }
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'change_id', 'table_name', 'row_id', 'fields', 'hlc', 'deleted'])
    .where('space_id', '=', query.space)
    .where('seq', '>', query.since)
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const changes = page.map((row) => ({
    id: row.change_id,
    table: row.table_name,
    row: row.row_id,
    fields: JSON.parse(row.fields) as Record<string, FieldValue>,
    hlc: row.hlc,
    deleted: row.deleted === 1,
    seq: row.seq,
  }));
  const now = context.now();
  await appendAuditEvent(db, context.database.dialect, { accountId: caller.accountId, deviceId: caller.deviceId, spaceId: query.space, action: 'sync.pull', detail: { tables: tablesOf(changes), changes: changes.length } }, now);
  return { changes, next: page.at(-1)?.seq ?? query.since, more: rows.length > query.limit };
}

interface SnapshotCursor {
  seq: number;
  table: string;
  row: string;
}

function encodeCursor(cursor: SnapshotCursor): string {
  return Buffer.from(JSON.stringify([cursor.seq, cursor.table, cursor.row])).toString('base64url');
}

function decodeCursor(text: string): SnapshotCursor {
  try {
    const [seq, table, row] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(seq) && typeof table === 'string' && typeof row === 'string') return { seq: seq as number, table, row };
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError(400, 'sync.cursor_invalid', 'The snapshot cursor is not one this server made. Start the snapshot again without a cursor.');
}

/**
 * The space's rows a page at a time. The first page reads the head before the
 * rows, so every page reflects at least that sequence; pulling from it afterwards
 * may repeat changes a page already reflects, which the merge makes harmless.
 */
export async function snapshot(context: ServerContext, caller: Caller, query: SnapshotQuery): Promise<SnapshotReply> {
  const { db } = context.database;
  await requireRole(db, caller.accountId, query.space, 'viewer');
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const seq = after?.seq ?? (await headOf(context, query.space));
  const rows = await db
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'fields', 'clocks', 'deleted', 'deleted_hlc'])
    .where('space_id', '=', query.space)
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('table_name', 'row_id'), '>', eb.tuple(after!.table, after!.row))))
    .orderBy('table_name')
    .orderBy('row_id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const now = context.now();
  await appendAuditEvent(db, context.database.dialect, { accountId: caller.accountId, deviceId: caller.deviceId, spaceId: query.space, action: 'sync.snapshot', detail: { tables: tablesOf(page.map((row) => ({ table: row.table_name }))), rows: page.length } }, now);
  return {
    rows: page.map((row) => {
      const { fields, clocks, deleted, deletedHlc } = unpackRow(row);
      return { table: row.table_name, row: row.row_id, fields, clocks, deleted, deletedHlc };
    }),
    seq,
    cursor: rows.length > query.limit && last ? encodeCursor({ seq, table: last.table_name, row: last.row_id }) : null,
  };
}
