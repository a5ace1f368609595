// Putting a backup in place of the database file. Used by the store's writer (with
// the database closed) and at start-up when the database cannot be opened. The
// file being replaced is never deleted: it is kept beside, renamed.
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { latestVersion } from '../schema/migrate';
import { findBackup, listBackups, verifyBackup } from './backups';

/** A sentence offering the newest backup, for the "cannot open" error; null when there is none. */
export function latestBackupNote(databaseFile: string): string | null {
  let latest;
  try {
    latest = listBackups(databaseFile)[0];
  } catch {
    return null;
  }
  if (!latest) return null;
  return (
    `The newest backup is ${latest.name}, made ${new Date(latest.createdAt).toISOString()} (at ${latest.path}). ` +
    'Restore it to continue from that point: the unreadable file will be kept beside it, renamed, not deleted.'
  );
}

/**
 * Replaces the (closed) database file with a copy of a backup. The current file,
 * if any, is renamed to `<file>.replaced-<time>` and its stale -wal/-shm removed
 * (they belong to the old file and would corrupt the restored one). Returns where
 * the old file went, or null when there was none.
 */
export function putBackupInPlace(databaseFile: string, backupPath: string, now = Date.now()): string | null {
  const incoming = `${databaseFile}.restoring`;
  copyFileSync(backupPath, incoming);
  if (process.platform !== 'win32') chmodSync(incoming, 0o600);
  let keptAs: string | null = null;
  if (existsSync(databaseFile)) {
    keptAs = `${databaseFile}.replaced-${new Date(now).toISOString().replace(/[-:.]/g, '')}`;
    renameSync(databaseFile, keptAs);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(databaseFile + suffix)) {
      if (keptAs) renameSync(databaseFile + suffix, keptAs + suffix);
      else rmSync(databaseFile + suffix);
    }
  }
  renameSync(incoming, databaseFile);
  return keptAs;
}

/** For start-up, when the database cannot be opened: put the named backup (default: the newest) in its place. */
export function restoreBackupFile(databaseFile: string, name?: string): { restored: string; keptAs: string | null } {
  const backup = name === undefined ? listBackups(databaseFile)[0] : findBackup(databaseFile, name);
  if (!backup) throw new Error(`There is no backup of ${basename(databaseFile)} to restore.`);
  verifyBackup(backup.path, latestVersion());
  return { restored: backup.name, keptAs: putBackupInPlace(databaseFile, backup.path) };
}
