// Every schema version, oldest first, for Kysely's Migrator. A new version is a new
// entry at the end; a shipped entry is never edited (servers already ran it).
// Column types that differ between SQLite and PostgreSQL come from the context.
import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../open';
import { accounts } from './0001-accounts';
import { sync } from './0002-sync';
import { pushWithoutForeignKeyChecks } from './0003-push-without-fk-checks';
import { organizations } from './0004-organizations';
import { auditChain } from './0005-audit-chain';

export interface MigrationContext {
  bigint: 'bigint' | 'integer';
  bytes: 'bytea' | 'blob';
  dialect: Dialect;
}

const VERSIONS = {
  '0001-accounts': accounts,
  '0002-sync': sync,
  '0003-push-without-fk-checks': pushWithoutForeignKeyChecks,
  '0004-organizations': organizations,
  '0005-audit-chain': auditChain,
};

export const MIGRATION_NAMES = Object.keys(VERSIONS);

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const context: MigrationContext = dialect === 'postgres' ? { bigint: 'bigint', bytes: 'bytea', dialect } : { bigint: 'integer', bytes: 'blob', dialect };
  const migrations: Record<string, Migration> = {};
  for (const [name, make] of Object.entries(VERSIONS)) migrations[name] = make(context);
  return { getMigrations: async () => migrations };
}
