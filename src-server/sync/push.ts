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
import { storedChangeIds, storedRows, writeChanges, writeRows, type FreshChange, type MergedRow, type PushOrigin, type StoredRow } from './bulk';
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

/**
 * Writes the push's new changes and merges each touched row. Most rows of a push are
 * new and written by one change (a finished reply): that change is the row as it
 * stands, so it is stored as such beside the change, without a merge or a second copy
 * on the wire. The other rows are merged here with merge.ts.
 */
async function writeFresh(trx: Transaction<Tables>, dialect: Dialect, origin: PushOrigin, fresh: FreshChange[]): Promise<void> {
  const touched = new Map<string, { table: string; row: string; writers: FreshChange[]; stored: StoredRow | undefined }>();
  for (const entry of fresh) {
    const key = rowKey(entry.change.table, entry.change.row);
    const row = touched.get(key);
    if (row) row.writers.push(entry);
    else touched.set(key, { table: entry.change.table, row: entry.change.row, writers: [entry], stored: undefined });
  }
  for (const row of await storedRows(trx, dialect, origin.space, [...touched.values()])) {
    touched.get(rowKey(row.table_name, row.row_id))!.stored = row;
  }
  const merged: MergedRow[] = [];
  for (const { table, row, writers, stored } of touched.values()) {
    if (!stored && writers.length === 1) {
      writers[0]!.newRow = true;
      continue;
    }
    let state: RowState | undefined = stored && unpackRow(stored);
    for (const { change } of writers) state = applyChange(state, change);
    merged.push({ table, row, state: state!, seq: writers.at(-1)!.seq, stored: stored !== undefined });
  }
  await writeChanges(trx, dialect, origin, fresh);
  await writeRows(trx, dialect, origin.space, merged);
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
    const known = await storedChangeIds(trx, dialect, space, [...new Set(request.changes.map((change) => change.id))]);
    const fresh: FreshChange[] = [];
    for (const change of request.changes) {
      if (known.has(change.id)) continue;
      known.add(change.id);
      fresh.push({ change, seq: head + fresh.length + 1 });
    }
    const newHead = head + fresh.length;
    if (fresh.length > 0) {
      await writeFresh(trx, dialect, { space, account: caller.accountId, device: caller.deviceId, at: now }, fresh);
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
