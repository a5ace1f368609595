// Version 3 (PostgreSQL only): the change log and the merged rows lose their foreign
// keys to spaces. Every push already holds its space's row (SELECT … FOR UPDATE)
// before it writes, and spaces are never deleted, so the per-row check proved
// nothing new, yet it was a quarter of PostgreSQL's time in a push (a trigger and
// a query per change and per row). SQLite checks keys in process, cheaply: kept.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index';

export function pushWithoutForeignKeyChecks({ dialect }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`ALTER TABLE changes DROP CONSTRAINT changes_space_id_fkey`.execute(db);
      await sql`ALTER TABLE rows DROP CONSTRAINT rows_space_id_fkey`.execute(db);
    },
  };
}
