// Opens the SQLite file for the worker. A file that is not a database, or one
// written by a newer app, is refused before anything could write to it.
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { latestBackupNote } from '../backup/restore';
import { storeErrors } from '../errors';
import { assertSupportedVersion, migrate, schemaVersion } from '../schema/migrate';

/** The page size of a database this app creates. */
export const NEW_PAGE_SIZE = 16_384;

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

/** Refuses, in words, a file or folder the writer cannot write (SQLite needs the folder for its -wal and -shm files). */
function assertWritable(file: string, exists: boolean): void {
  try {
    accessSync(dirname(file), constants.W_OK);
    if (exists) accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw storeErrors.readOnly(file);
    throw error;
  }
}

/**
 * The database is the user's alone: made 0600 before its -wal and -shm exist
 * (SQLite gives them the database's mode). Not on Windows, where the folder's
 * access list decides.
 */
function keepPrivate(file: string): void {
  if (process.platform === 'win32') return;
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(each) && (statSync(each).mode & 0o077) !== 0) chmodSync(each, 0o600);
  }
}

/** Opens the database for the writer: created if missing, migrated to the current schema. */
export function openDatabase(file: string): Database.Database {
  const size = existingSize(file);
  if (size === null) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw storeErrors.readOnly(file);
      throw error;
    }
    assertWritable(file, false);
  } else {
    assertWritable(file, true);
    const problem = headerProblem(file, size);
    if (problem) throw storeErrors.unreadable(file, problem, latestBackupNote(file));
  }

  const db = new Database(file, { fileMustExist: size !== null });
  try {
    keepPrivate(file);
    db.pragma('busy_timeout = 5000');
    let version: number;
    try {
      // Reads the header and parses the schema: a damaged file fails here, before any write.
      version = schemaVersion(db);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      throw storeErrors.unreadable(file, `SQLite says "${(error as Error).message}"`, latestBackupNote(file));
    }
    assertSupportedVersion(file, version);
    // A new file gets 16 KB pages: an import writes a quarter of the log frames
    // (and system calls) of SQLite's 4 KB, and was faster in every measured pair
    // (docs/perf/store.md). An existing file keeps its page size, as
    // changing it would rewrite the whole file.
    if (!size) db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A write-ahead log that once grew large (an import) is cut back to 64 MB at
    // the next checkpoint instead of keeping its largest size on disk for good.
    db.pragma('journal_size_limit = 67108864');
    // 64 MB of page cache: imports and large conversations stay off the disk.
    db.pragma('cache_size = -65536');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A read-only connection for the reader worker; the writer has already opened and migrated the file. */
export function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  return db;
}
