// Local backups: consistent snapshots of the database (VACUUM INTO, which reads
// one transaction's view while writers carry on), kept in a `backups` folder
// beside it, each verified by opening it and running an integrity check.
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../../src-shared/api/errors';
import type { BackupInfo, BackupKind } from '../../../../src-shared/entities/backup';

const NAME = /^realmultillm-(\d{8}T\d{9}Z)-(scheduled|manual|before-restore)\.sqlite$/;

export const DEFAULT_KEEP = 10;

export function backupDir(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

/** Backups in the folder, newest first. */
export function listBackups(databaseFile: string): BackupInfo[] {
  const dir = backupDir(databaseFile);
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    found.push({ name, path, kind: match[2] as BackupKind, createdAt: parseStamp(match[1]!), bytes: statSync(path).size });
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** Opens a backup read-only and checks it; throws a readable error when it is not a sound database of ours. */
export function verifyBackup(path: string, newestKnownSchema: number): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity check says "${String(result)}"`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > newestKnownSchema) throw new Error(`it has schema ${version}, this app knows 1 to ${newestKnownSchema}`);
  } catch (error) {
    throw new AppError('backup.unusable', `The backup ${basename(path)} cannot be used: ${(error as Error).message}.`, {
      name: basename(path),
      details: (error as Error).message,
    });
  } finally {
    db?.close();
  }
}

/**
 * Writes a snapshot of `db` into the backups folder, verifies it, then removes the
 * oldest backups of the same kind beyond `keep`. A snapshot that fails to verify is deleted.
 */
export function createBackup(
  db: Database.Database,
  databaseFile: string,
  kind: BackupKind,
  options: { keep?: number; newestKnownSchema: number; now?: number },
): BackupInfo {
  const dir = backupDir(databaseFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let now = options.now ?? Date.now();
  let name = `realmultillm-${stamp(now)}-${kind}.sqlite`;
  while (existsSync(join(dir, name))) name = `realmultillm-${stamp(++now)}-${kind}.sqlite`;
  const path = join(dir, name);
  const temp = `${path}.partial`;
  rmSync(temp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    // VACUUM INTO makes the file with the umask's mode; a backup is as private as the database.
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    verifyBackup(temp, options.newestKnownSchema);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  const sameKind = listBackups(databaseFile).filter((b) => b.kind === kind);
  for (const old of sameKind.slice(keep)) rmSync(old.path, { force: true });
  return { name, path, kind, createdAt: now, bytes: statSync(path).size };
}

/** The backup called `name`, or a readable error. Names never reach outside the folder. */
export function findBackup(databaseFile: string, name: string): BackupInfo {
  const found = NAME.test(name) ? listBackups(databaseFile).find((b) => b.name === name) : undefined;
  if (!found) throw new AppError('backup.missing', `There is no backup called "${name}". Choose one from the list of backups.`, { name });
  return found;
}
