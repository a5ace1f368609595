// Databases for tests: a fresh SQLite file in a temp folder, or a fresh PostgreSQL
// database (rmllm_test_<random>) on the local server, dropped afterwards. When
// PostgreSQL cannot be reached the test fails and says so: it is never skipped.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseTarget, type Dialect, type ServerDatabase } from '../db/open';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** The maintenance database tests connect to in order to make their own (override with TEST_POSTGRES_URL). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  dialect: Dialect;
  target: DatabaseTarget;
  /** Removes the database (PostgreSQL: drops it, ending its connections) or the temp folder. */
  drop(): Promise<void>;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(POSTGRES_ADMIN_URL).host} (${error instanceof Error ? error.message : String(error)}). ` +
        'The server tests need it: start PostgreSQL (trust auth, user postgres) or set TEST_POSTGRES_URL.',
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-server-test-'));
    return { dialect, target: { sqliteFile: path.join(dir, 'server.sqlite') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rmllm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { dialect, target: { postgresUrl: url.href }, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function openTestDatabase(dialect: Dialect): Promise<{ database: ServerDatabase; test: TestDatabase }> {
  const test = await createTestDatabase(dialect);
  return { database: await openDatabase(test.target), test };
}
