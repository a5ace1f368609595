// Runs the migrations a database has not seen yet, each in its own transaction,
// recording progress in PRAGMA user_version.
import type Database from 'better-sqlite3';
import { storeErrors } from '../errors';
import { MIGRATIONS } from './migrations';

export interface Migration {
  /** The user_version the database has after this migration: 1, 2, 3... */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/** Refuses a database written by a newer version of the app, before anything writes to it. */
export function assertSupportedVersion(file: string, version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const known = latestVersion(migrations);
  if (version > known) throw storeErrors.newerSchema(file, version, known);
}

/** Brings the database up to the last migration; returns the version it started at. */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" is numbered ${migration.version}; expected ${index + 1}.`);
    }
  });
  const start = schemaVersion(db);
  assertSupportedVersion(file, start, migrations);
  const pending = migrations.slice(start);
  if (pending.length === 0) return start;
  // SQLite's procedure for schema changes that rebuild a table: foreign keys off
  // (the pragma is a no-op inside a transaction), then checked before each commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of pending) {
      const apply = db.transaction(() => {
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0) throw new Error(`${broken.length} rows of ${broken[0]!.table} point at rows that do not exist`);
        db.pragma(`user_version = ${migration.version}`);
      });
      try {
        apply.immediate();
      } catch (error) {
        throw storeErrors.migrationFailed(file, migration.version, migration.name, error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return start;
}
