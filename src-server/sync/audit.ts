// Audit events: who did what to which space, with counts and table names, never
// content. The hash chain that makes the log tamper-evident comes with the admin
// console; this table already holds what it will chain.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import type { Tables } from '../db/tables';

export interface AuditEvent {
  accountId: string;
  deviceId: string | null;
  spaceId: string | null;
  action: 'sync.push' | 'sync.pull' | 'sync.snapshot';
  detail: { tables: string[] } & Record<string, number | string[]>;
}

export async function recordAudit(db: Kysely<Tables>, event: AuditEvent, now: number): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: uuidv7(now),
      at: now,
      account_id: event.accountId,
      device_id: event.deviceId,
      space_id: event.spaceId,
      action: event.action,
      detail: JSON.stringify(event.detail),
    })
    .execute();
}

export const tablesOf = (changes: { table: string }[]) => [...new Set(changes.map((change) => change.table))].sort();
