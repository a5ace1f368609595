// Version 2: the change log with its sequence per space, the merged rows that
// snapshots read, blobs by content hash with the spaces that reference them, and
// the audit events of pushes and pulls.
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index';

export function sync({ bigint, bytes }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('changes')
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('seq', bigint, (c) => c.notNull())
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('hlc', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('received_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('changes_pk', ['space_id', 'seq'])
        .addUniqueConstraint('changes_once', ['space_id', 'change_id'])
        .execute();
      await db.schema
        .createTable('rows')
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('clocks', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('deleted_hlc', 'text')
        .addColumn('seq', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('rows_pk', ['space_id', 'table_name', 'row_id'])
        .execute();
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', bigint, (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('blob_refs')
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('blob_refs_pk', ['sha256', 'space_id'])
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', bigint, (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('space_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_by_time').on('audit_events').column('at').execute();
    },
  };
}
