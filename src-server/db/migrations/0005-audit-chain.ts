// Version 5: the audit trail becomes a hash chain. Events get a sequence, the hash
// of the event before and their own hash; account_id may be null (a refused
// sign-in of an unknown email). One head row per chain serializes appends across
// replicas; signed checkpoints of the chain are kept here and in a file elsewhere.
// Events made by version 2 are chained in the order they happened.
import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH, hashEvent } from '../../audit/encoding';
import type { MigrationContext } from './index';

interface OldEvent {
  id: string;
  at: number | string;
  account_id: string;
  device_id: string | null;
  space_id: string | null;
  action: string;
  detail: string;
}

export function auditChain({ bigint }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_chain')
        .addColumn('seq', bigint, (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', bigint, (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('device_id', 'text')
        .addColumn('space_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      const old = (await sql<OldEvent>`select id, at, account_id, device_id, space_id, action, detail from audit_events order by at, id`.execute(db)).rows;
      let prev = GENESIS_HASH;
      let seq = 0;
      for (const row of old) {
        seq += 1;
        const event = { seq, id: row.id, at: Number(row.at), account_id: row.account_id, device_id: row.device_id, space_id: row.space_id, action: row.action, detail: row.detail, prev_hash: prev };
        const hash = hashEvent(event);
        await sql`insert into audit_chain (seq, id, at, account_id, device_id, space_id, action, detail, prev_hash, hash)
          values (${seq}, ${event.id}, ${event.at}, ${event.account_id}, ${event.device_id}, ${event.space_id}, ${event.action}, ${event.detail}, ${prev}, ${hash})`.execute(db);
        prev = hash;
      }
      await db.schema.dropTable('audit_events').execute();
      await db.schema.alterTable('audit_chain').renameTo('audit_events').execute();
      await db.schema.createIndex('audit_events_by_time').on('audit_events').column('at').execute();
      await db.schema.createIndex('audit_events_by_account').on('audit_events').columns(['account_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_by_action').on('audit_events').columns(['action', 'seq']).execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('seq', bigint, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (chain, seq, hash) values ('main', ${seq}, ${prev})`.execute(db);
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', bigint, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('at', bigint, (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_checkpoints_pk', ['seq', 'key_id'])
        .execute();
    },
  };
}
