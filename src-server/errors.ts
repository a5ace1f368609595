// An error a request's caller can act on: a 4xx (or 503) status, a code programs
// read, and a sentence saying what happened and what to do.
import type { ErrorCode } from '../src-shared/sync/wire';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const forbidden = (space: string) =>
  new ApiError(403, 'sync.forbidden', 'Your account may not do this in that space (or the space does not exist). Ask an owner of the space for access.', { space });
