// Opens the server's database: one SQLite file in the data folder by default, or
// PostgreSQL when a DATABASE_URL is given. Both go through Kysely, and both are
// migrated to the latest version before the server answers a request.
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { HeadBus, LocalHeadBus, PostgresHeadBus } from './heads';
import { migrationProvider } from './migrations';
import type { Tables } from './tables';

export type Dialect = 'sqlite' | 'postgres';

export interface ServerDatabase {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** Where replicas (and this process's WebSocket hub) hear that a space moved. */
  heads: HeadBus;
  /** A short description for logs: the file, or the PostgreSQL host and database (never a password). */
  where: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { sqliteFile: string } | { postgresUrl: string };

// int8 (bigint) columns hold times and sequences, far below 2^53: read them as numbers.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** Opens the database and migrates it to the latest version (`migrate: false` only for the migration tests). */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<ServerDatabase> {
  const migrate = options.migrate ?? true;
  if ('sqliteFile' in target) {
    fs.mkdirSync(path.dirname(target.sqliteFile), { recursive: true });
    const file = new Database(target.sqliteFile);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) });
    const heads = new LocalHeadBus();
    return finishOpening(
      {
        db,
        dialect: 'sqlite',
        heads,
        where: target.sqliteFile,
        close: async () => {
          heads.close();
          await db.destroy();
        },
      },
      migrate,
    );
  }
  const pool = new pg.Pool({ connectionString: target.postgresUrl, max: 10, types: pgTypes });
  // A connection PostgreSQL drops (a restart, pg_terminate_backend) leaves the pool by itself;
  // without a listener its error would end the process. The pool listens only to idle
  // connections: one in the middle of a transaction (between two of a push's statements)
  // needs its own listener; its next statement fails (503) and the pool discards it on release.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const heads = new PostgresHeadBus(target.postgresUrl);
  const database: ServerDatabase = {
    db,
    dialect: 'postgres',
    heads,
    where: describePostgres(target.postgresUrl),
    close: async () => {
      await heads.close();
      await db.destroy();
    },
  };
  try {
    await heads.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  return finishOpening(database, migrate);
}

async function finishOpening(database: ServerDatabase, migrate: boolean): Promise<ServerDatabase> {
  try {
    if (migrate) await migrateToLatest(database);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function migrateToLatest(database: Pick<ServerDatabase, 'db' | 'dialect'>): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`The database could not be migrated (at ${failed}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whether the database answers: /readyz. */
export async function isReachable(database: ServerDatabase): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
