// Errors the store reports, worded for the person using the app, and how they
// cross the thread boundary (a worker cannot post an Error's class).
import { AppError } from '../../../src-shared/api/errors';
import type { WireError } from './protocol';

export const storeErrors = {
  unreadable: (file: string, reason: string) =>
    new AppError(
      'store.unreadable',
      `The conversation database ${file} could not be opened: ${reason}. ` +
        'It was left untouched. Move it aside or restore it from a backup, then start RealMultiLLM again to begin a new one.',
    ),
  newerSchema: (file: string, found: number, known: number) =>
    new AppError(
      'store.newer-schema',
      `The conversation database ${file} was written by a newer version of RealMultiLLM ` +
        `(schema ${found}; this version knows up to ${known}). It was left unchanged. Update RealMultiLLM to open it.`,
    ),
  migrationFailed: (file: string, version: number, name: string, reason: string) =>
    new AppError(
      'store.migration-failed',
      `Upgrading the conversation database ${file} to schema ${version} (${name}) failed: ${reason}. ` +
        'The upgrade was rolled back and the database is as it was. Please report this problem.',
    ),
  notFound: (what: string, id: string) => new AppError('store.not-found', `${what} ${id} does not exist or was deleted.`),
  conflict: (message: string) => new AppError('store.conflict', message),
  invalid: (message: string) => new AppError('store.invalid', message),
  closed: (file: string) => new AppError('store.closed', `The conversation database ${file} is closed.`),
  workerStopped: (file: string, detail: string) =>
    new AppError(
      'store.worker-stopped',
      `The database worker for ${file} stopped unexpectedly (${detail}). Restart RealMultiLLM; your saved conversations are kept.`,
    ),
};

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined) return new AppError(wire.code, wire.message);
  const error = new Error(`The local database failed: ${wire.message}`);
  error.name = wire.name;
  return error;
}
