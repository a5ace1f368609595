// Opens the SQLite file for the worker. A file that is not a database, or one
// written by a newer app, is refused before anything could write to it.
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { storeErrors } from './errors';
import { assertSupportedVersion, migrate, schemaVersion } from './migrate';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Why an existing file cannot be a SQLite database, or null when it may be one. */
function headerProblem(file: string, size: number): string | null {
  if (size === 0) return null;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.equals(SQLITE_HEADER) ? null : 'it is not a SQLite database, or its header is damaged';
}

function existingSize(file: string): number | null {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw storeErrors.unreadable(file, 'it is not a file');
    return stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function openDatabase(file: string): Database.Database {
  const size = existingSize(file);
  if (size === null) {
    mkdirSync(dirname(file), { recursive: true });
  } else {
    const problem = headerProblem(file, size);
    if (problem) throw storeErrors.unreadable(file, problem);
  }

  const db = new Database(file, { fileMustExist: size !== null });
  try {
    db.pragma('busy_timeout = 5000');
    let version: number;
    try {
      // Reads the header and parses the schema: a damaged file fails here, before any write.
      version = schemaVersion(db);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      throw storeErrors.unreadable(file, `SQLite says "${(error as Error).message}"`);
    }
    assertSupportedVersion(file, version);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
