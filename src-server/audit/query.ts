// Reading the audit trail: the API's filtered pages (newest first) and the
// exports (oldest first, as JSON lines or CSV), a page at a time so that a long
// trail never sits in memory whole.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Tables } from '../db/tables';

export const AuditQuery = z
  .object({
    account: z.string().max(64).optional(),
    /** An action (`sync.push`), or a family ending in a dot (`auth.`). */
    action: z.string().regex(/^[a-z_]+(\.[a-z_]*)?$/).max(64).optional(),
    space: z.string().max(64).optional(),
    since: z.coerce.number().int().nonnegative().optional(),
    until: z.coerce.number().int().nonnegative().optional(),
    /** The `next` of the page before: events older than it. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditRecord {
  seq: number;
  id: string;
  at: number;
  account: string | null;
  device: string | null;
  space: string | null;
  action: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

type Row = Tables['audit_events'];

const toRecord = (row: Row): AuditRecord => ({
  seq: row.seq,
  id: row.id,
  at: row.at,
  account: row.account_id,
  device: row.device_id,
  space: row.space_id,
  action: row.action,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export async function listAudit(db: Kysely<Tables>, query: AuditQuery): Promise<{ events: AuditRecord[]; next: number | null }> {
  const { account, action, space, since, until, before, limit } = query;
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .$if(account !== undefined, (q) => q.where('account_id', '=', account!))
    .$if(action !== undefined && !action.endsWith('.'), (q) => q.where('action', '=', action!))
    .$if(action !== undefined && action.endsWith('.'), (q) => q.where('action', 'like', `${action!}%`))
    .$if(space !== undefined, (q) => q.where('space_id', '=', space!))
    .$if(since !== undefined, (q) => q.where('at', '>=', since!))
    .$if(until !== undefined, (q) => q.where('at', '<', until!))
    .$if(before !== undefined, (q) => q.where('seq', '<', before!))
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return { events: page.map(toRecord), next: rows.length > limit ? page.at(-1)!.seq : null };
}

const CSV_COLUMNS = ['seq', 'id', 'at', 'time', 'account', 'device', 'space', 'action', 'detail', 'prev_hash', 'hash'] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every event, oldest first, as JSON lines or CSV (with a header), a page at a time. */
export async function* exportAudit(db: Kysely<Tables>, format: 'jsonl' | 'csv', pageSize = 10_000): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    let chunk = '';
    for (const row of rows) {
      if (format === 'jsonl') {
        chunk += `${JSON.stringify(toRecord(row))}\n`;
      } else {
        const cells = [row.seq, row.id, row.at, new Date(row.at).toISOString(), row.account_id, row.device_id, row.space_id, row.action, row.detail, row.prev_hash, row.hash];
        chunk += `${cells.map(csvCell).join(',')}\r\n`;
      }
    }
    if (chunk) yield chunk;
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.seq;
  }
}
