// Appending to the audit chain. Every append reads and moves the chain's head row
// in the same transaction as the action it records: on PostgreSQL the row lock
// orders appends from every replica into one chain (SQLite has one writer), and an
// action that rolls back leaves no event. Callers append last in their
// transaction, so the lock is held only until the commit.
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import type { Dialect } from '../db/open';
import type { Tables } from '../db/tables';
import { canonicalJson, hashEvent } from './encoding';

/** What can be audited. Never content: ids, table names, counts, reasons. */
export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_refused'
  | 'auth.sign_out'
  | 'auth.sign_out_everywhere'
  | 'auth.token_reuse'
  | 'admin.setup'
  | 'admin.invitation_created'
  | 'admin.invitation_used'
  | 'space.created'
  | 'member.set'
  | 'member.removed'
  | 'org.created'
  | 'org.updated'
  | 'org.member_set'
  | 'org.member_removed'
  | 'org.ownership_transferred'
  | 'org.member_devices_revoked'
  | 'org.team_created'
  | 'org.team_member_added'
  | 'org.team_member_removed'
  | 'sync.push'
  | 'sync.pull'
  | 'sync.snapshot'
  | 'audit.read'
  | 'audit.export'
  | 'data.export'
  | 'data.erase'
  | 'data.restore';

export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

export interface AuditEvent {
  action: AuditAction;
  /** Who: null when nobody is known (a refused sign-in of an unknown email). */
  accountId: string | null;
  deviceId?: string | null;
  spaceId?: string | null;
  detail?: AuditDetail;
}

export const MAIN_CHAIN = 'main';

async function append(trx: Transaction<Tables>, dialect: Dialect, event: AuditEvent, now: number): Promise<void> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('chain', '=', MAIN_CHAIN)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  const fields = {
    seq: head.seq + 1,
    id: uuidv7(now),
    at: now,
    account_id: event.accountId,
    device_id: event.deviceId ?? null,
    space_id: event.spaceId ?? null,
    action: event.action,
    detail: canonicalJson(event.detail ?? {}),
    prev_hash: head.hash,
  };
  const hash = hashEvent(fields);
  await trx.insertInto('audit_events').values({ ...fields, hash }).execute();
  await trx.updateTable('audit_head').set({ seq: fields.seq, hash }).where('chain', '=', MAIN_CHAIN).execute();
}

/** Appends one event: inside the caller's transaction when given one, else in its own. */
export async function appendAuditEvent(db: Kysely<Tables>, dialect: Dialect, event: AuditEvent, now: number): Promise<void> {
  if (db.isTransaction) await append(db as Transaction<Tables>, dialect, event, now);
  else await db.transaction().execute((trx) => append(trx, dialect, event, now));
}
