// A push: the whole batch is checked first (schema, clock, role) and refused whole
// with the first bad change's index; then, in one transaction that holds the
// space's row, new changes get the next sequence numbers, duplicates (a change id
// already stored) get none, and each touched row is merged with merge.ts.
import type { Transaction } from 'kysely';
import { MAX_CLOCK_SKEW_MS, parseHlc } from '../../src-shared/sync/hlc';
import { applyChange, type RowState } from '../../src-shared/sync/merge';
import { checkFields } from '../../src-shared/sync/schema';
import type { Change, PushReply, PushRequest } from '../../src-shared/sync/wire';
import type { Caller } from '../auth/oauth';
import type { ServerContext } from '../context';
import type { Dialect } from '../db/open';
import type { Tables } from '../db/tables';
import { oneOf, writeChanges, writeRows, type MergedRow } from './bulk';
import { unpackRow } from './stored-row';
import { ApiError } from '../errors';
import { appendAuditEvent } from '../audit/chain';
import { tablesOf } from './audit';
import { requireRole } from './spaces';

function checkBatch(changes: Change[], caller: Caller, now: number): void {
  changes.forEach((change, index) => {
    const problem = checkFields(change.table, change.fields);
    if (problem) {
      throw new ApiError(400, 'sync.invalid_change', `Change ${index} of the batch was refused: ${problem}. Nothing of the batch was stored; update the app, or report this if it is up to date.`, {
        index,
        reason: problem,
      });
    }
  });
  changes.forEach((change, index) => {
    const clock = parseHlc(change.hlc);
    const ahead = clock.wallMs - now;
    if (ahead > MAX_CLOCK_SKEW_MS) {
      const minutes = Math.round(ahead / 60_000);
      throw new ApiError(
        409,
        'sync.clock_ahead',
        `The clock of the device "${caller.deviceName}" is about ${minutes} minutes ahead of the server's, so its changes were refused and nothing of the batch was stored. Correct that device's date and time, then sync again.`,
        { index, device: caller.deviceName, deviceId: caller.deviceId, node: clock.node, aheadSeconds: Math.round(ahead / 1000) },
      );
    }
  });
}

const rowKey = (table: string, row: string) => `${table}\u0000${row}`;

async function mergeRows(trx: Transaction<Tables>, dialect: Dialect, space: string, fresh: { change: Change; seq: number }[]): Promise<void> {
  const touched = new Map<string, { table: string; row: string; state: RowState | undefined; seq: number; stored: boolean }>();
  for (const { change } of fresh) {
    touched.set(rowKey(change.table, change.row), { table: change.table, row: change.row, state: undefined, seq: 0, stored: false });
  }
  const rowIds = [...new Set(fresh.map(({ change }) => change.row))];
  const tables = [...new Set(fresh.map(({ change }) => change.table))];
  // Naming the tables lets the primary key (space, table, row) find the rows, instead of every row of the space.
  const stored = await trx
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'fields', 'clocks', 'deleted', 'deleted_hlc'])
    .where('space_id', '=', space)
    .where('table_name', 'in', tables)
    .where(oneOf(dialect, 'row_id', rowIds))
    .execute();
  for (const row of stored) {
    const entry = touched.get(rowKey(row.table_name, row.row_id));
    if (!entry) continue;
    entry.state = unpackRow(row);
    entry.stored = true;
  }
  for (const { change, seq } of fresh) {
    const entry = touched.get(rowKey(change.table, change.row))!;
    entry.state = applyChange(entry.state, change);
    entry.seq = seq;
  }
  await writeRows(trx, dialect, space, [...touched.values()] as MergedRow[]);
}

export async function push(context: ServerContext, caller: Caller, request: PushRequest): Promise<PushReply> {
  const { db, dialect, heads } = context.database;
  const now = context.now();
  checkBatch(request.changes, caller, now);
  await requireRole(db, caller.accountId, request.space, 'editor');
  const space = request.space;
  const result = await db.transaction().execute(async (trx) => {
    // Holding the space's row orders concurrent pushes to one space (PostgreSQL; SQLite has one writer).
    const head = (await trx.selectFrom('spaces').select('head').where('id', '=', space).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirstOrThrow()).head;
    const ids = [...new Set(request.changes.map((change) => change.id))];
    const stored = await trx
      .selectFrom('changes')
      .select('change_id')
      .where('space_id', '=', space)
      .where(oneOf(dialect, 'change_id', ids))
      .execute();
    const known = new Set(stored.map((row) => row.change_id));
    const fresh: { change: Change; seq: number }[] = [];
    for (const change of request.changes) {
      if (known.has(change.id)) continue;
      known.add(change.id);
      fresh.push({ change, seq: head + fresh.length + 1 });
    }
    const newHead = head + fresh.length;
    if (fresh.length > 0) {
      await writeChanges(trx, dialect, { space, account: caller.accountId, device: caller.deviceId, at: now }, fresh);
      await mergeRows(trx, dialect, space, fresh);
      const hashes = [...new Set(fresh.flatMap(({ change }) => (change.table === 'attachments' && typeof change.fields.hash === 'string' ? [change.fields.hash] : [])))];
      if (hashes.length > 0) {
        await trx
          .insertInto('blob_refs')
          .values(hashes.map((sha256) => ({ space_id: space, sha256 })))
          .onConflict((conflict) => conflict.columns(['sha256', 'space_id']).doNothing())
          .execute();
      }
      await trx.updateTable('spaces').set({ head: newHead }).where('id', '=', space).execute();
      await heads.inTransaction(trx, { type: 'at', space, seq: newHead });
    }
    await appendAuditEvent(
      trx,
      dialect,
      { accountId: caller.accountId, deviceId: caller.deviceId, spaceId: space, action: 'sync.push', detail: { tables: tablesOf(request.changes), accepted: fresh.length, duplicates: request.changes.length - fresh.length } },
      now,
    );
    return { accepted: fresh.length, duplicates: request.changes.length - fresh.length, seq: newHead };
  });
  if (result.accepted > 0) heads.committed({ type: 'at', space, seq: result.seq });
  return result;
}
