// Errors the store reports, worded for the person using the app, and how they
// cross the thread boundary (a worker cannot post an Error's class).
import type { ErrorWord } from '../../../src-shared/api/error-codes';
import { AppError } from '../../../src-shared/api/errors';
import type { WireError } from './protocol';

/** The record kinds in the English message (the renderer has its own words). */
const THING_NAMES: Record<ErrorWord<'thing'>, string> = {
  goal: 'Goal',
  conversation: 'Conversation',
  pipeline_run: 'Pipeline run',
  comparison: 'Comparison',
  attachment: 'Attachment',
  parent_message: 'Parent message',
  message: 'Message',
  provider: 'Provider',
  pipeline: 'Pipeline',
};

export const storeErrors = {
  unreadable: (file: string, reason: string, backupNote: string | null = null) =>
    new AppError(
      'store.unreadable',
      `The conversation database ${file} could not be opened: ${reason}. ` +
        'It was left untouched. ' +
        (backupNote ?? 'Move it aside or restore it from a backup, then start RealMultiLLM again to begin a new one.'),
      { file, details: reason },
    ),
  newerSchema: (file: string, found: number, known: number) =>
    new AppError(
      'store.newer-schema',
      `The conversation database ${file} was written by a newer version of RealMultiLLM ` +
        `(schema ${found}; this version knows up to ${known}). It was left unchanged. Update RealMultiLLM to open it.`,
      { file, found, known },
    ),
  migrationFailed: (file: string, version: number, name: string, reason: string) =>
    new AppError(
      'store.migration-failed',
      `Upgrading the conversation database ${file} to schema ${version} (${name}) failed: ${reason}. ` +
        'The upgrade was rolled back and the database is as it was. Please report this problem.',
      { file, version, details: `${name}: ${reason}` },
    ),
  attachmentMissing: (fileName: string, path: string) =>
    new AppError(
      'store.attachment-missing',
      `The file for the attachment "${fileName}" is missing (it should be at ${path}). ` +
        'It may have been moved or deleted outside RealMultiLLM. Attach the file again; the conversation itself is intact.',
      { name: fileName, path },
    ),
  diskFull: (file: string) =>
    new AppError(
      'store.disk-full',
      `The disk holding ${file} is full, so the last change could not be saved. Nothing saved before it was lost. ` +
        'Free some space, then try again.',
      { file },
    ),
  readOnly: (file: string) =>
    new AppError(
      'store.read-only',
      `RealMultiLLM cannot write to ${file}: the file or its folder is read-only. Your saved data is intact. ` +
        'Make the data folder writable (or choose another one), then try again.',
      { file },
    ),
  cancelled: () => new AppError('transfer.cancelled', 'The import or export was cancelled.'),
  notFound: (thing: ErrorWord<'thing'>, id: string) =>
    new AppError('store.not-found', `${THING_NAMES[thing]} ${id} does not exist or was deleted.`, { thing, id }),
  conflict: (message: string) => new AppError('store.conflict', message, { details: message }),
  invalid: (message: string) => new AppError('store.invalid', message, { details: message }),
  closed: (file: string) => new AppError('store.closed', `The conversation database ${file} is closed.`, { file }),
  workerStopped: (file: string, detail: string) =>
    new AppError(
      'store.worker-stopped',
      `The database worker for ${file} stopped unexpectedly (${detail}). Restart RealMultiLLM; your saved conversations are kept.`,
      { file, details: detail },
    ),
};

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EACCES', 'EPERM', 'EROFS']);

/** Turns a disk-full or read-only failure from SQLite or the file system into a message for the user. */
export function explainIoError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (DISK_FULL.has(code)) return storeErrors.diskFull(file);
  if (READ_ONLY.has(code)) return storeErrors.readOnly(file);
  return error;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) {
    return { name: error.name, message: error.message, code: error.code, params: error.params, ...(error.problems && { problems: error.problems }) };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined) return AppError.revive({ code: wire.code, message: wire.message, params: wire.params ?? {}, problems: wire.problems });
  const error = new Error(`The local database failed: ${wire.message}`);
  error.name = wire.name;
  return error;
}
