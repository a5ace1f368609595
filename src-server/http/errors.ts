// The last handlers: an unknown address, and every error turned into the
// `{error: {code, message, params}}` body. Malformed JSON, oversized bodies and
// input a schema refuses are the caller's to fix (4xx); a database that cannot be
// reached is 503 (retry later); only a fault of the server itself is a 500.
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { PUSH_MAX_BYTES, PUSH_MAX_CHANGES } from '../../src-shared/sync/wire';
import type { Logger } from '../context';
import { isUnavailable } from '../db/errors';
import { ApiError } from '../errors';

export function notFound(request: Request, _response: Response, next: NextFunction): void {
  next(new ApiError(404, 'request.not_found', `There is nothing at ${request.method} ${request.path} on this server. Check the server address in the app.`));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromZod(error: ZodError, path: string): ApiError {
  const issue = error.issues[0]!;
  const where = issue.path.join('.');
  // A push's changes are refused with the index of the first bad one.
  if (issue.path[0] === 'changes' && typeof issue.path[1] === 'number') {
    return new ApiError(400, 'sync.invalid_change', `Change ${issue.path[1]} of the batch was refused: ${where} ${issue.message}. Nothing of the batch was stored.`, {
      index: issue.path[1],
      reason: `${where}: ${issue.message}`,
    });
  }
  if (path.endsWith('/sync/push') && issue.path[0] === 'changes' && issue.code === 'too_big') return batchTooLarge();
  return new ApiError(400, 'request.invalid', `The request was refused: ${where || 'the body'} ${issue.message}.`, { path: where, reason: issue.message });
}

function batchTooLarge(): ApiError {
  return new ApiError(413, 'sync.batch_too_large', `A push carries at most ${PUSH_MAX_CHANGES} changes and ${PUSH_MAX_BYTES / 1024 / 1024} MB; nothing of this batch was stored. Send it in smaller batches.`, {
    maxChanges: PUSH_MAX_CHANGES,
    maxBytes: PUSH_MAX_BYTES,
  });
}

function toApiError(error: unknown, request: Request): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return fromZod(error, request.path);
  const parser = error as BodyParserError;
  switch (parser?.type) {
    case 'entity.too.large':
      if (request.path.endsWith('/sync/push')) return batchTooLarge();
      if (request.path.includes('/blobs/')) return new ApiError(413, 'blobs.too_large', 'The attachment is larger than the server takes. Attach a smaller file.');
      return new ApiError(413, 'request.too_large', 'The request is larger than this endpoint takes.');
    case 'entity.parse.failed':
      return new ApiError(400, 'request.bad_json', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'request.unsupported_type', 'The request body uses an encoding this server does not read; send UTF-8 JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new ApiError(400, 'request.invalid', 'The request body was cut short.');
  }
  if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500) {
    return new ApiError(parser.status, 'request.invalid', 'The request could not be read.');
  }
  if (isUnavailable(error)) return new ApiError(503, 'server.unavailable', 'The server cannot reach its database right now. Nothing was changed; try again in a minute.');
  return null;
}

export function errorHandler(log: Logger) {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const known = toApiError(error, request);
    if (known) {
      if (known.status === 503) response.setHeader('Retry-After', '5');
      response.status(known.status).json({ error: { code: known.code, message: known.message, ...(known.params ? { params: known.params } : {}) } });
      return;
    }
    log.error('request failed', { method: request.method, path: request.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    response.status(500).json({ error: { code: 'server.fault', message: 'The server failed to handle this request. Nothing may have been saved; try again, and tell your admin if it keeps happening.' } });
  };
}
