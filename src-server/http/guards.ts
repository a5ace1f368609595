// The checks every API request passes: the protocol version it speaks, and the
// device's access token. The WebSocket upgrade uses the same two.
import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { APP_VERSION_HEADER, PROTOCOL_HEADER, PROTOCOL_RANGE } from '../../src-shared/sync/wire';
import { appVersionOf, authenticateAccess, type Caller } from '../auth/oauth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

export function checkProtocol(headers: IncomingHttpHeaders): ApiError | null {
  const value = headers[PROTOCOL_HEADER.toLowerCase()];
  const version = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : null;
  if (version === null) {
    return new ApiError(400, 'protocol.missing', `Every request names the sync protocol it speaks in the ${PROTOCOL_HEADER} header (this server speaks ${PROTOCOL_RANGE.min} to ${PROTOCOL_RANGE.max}).`);
  }
  if (version < PROTOCOL_RANGE.min) {
    return new ApiError(426, 'protocol.client_too_old', 'This version of the app is too old for the team server. Update the app, then sync again.', { client: version, ...PROTOCOL_RANGE });
  }
  if (version > PROTOCOL_RANGE.max) {
    return new ApiError(426, 'protocol.server_too_old', 'The team server is older than this app. Ask your admin to update the server; until then this device does not sync.', { client: version, ...PROTOCOL_RANGE });
  }
  return null;
}

export function requireProtocol(request: Request, _response: Response, next: NextFunction): void {
  next(checkProtocol(request.headers) ?? undefined);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Sets `response.locals.caller` from the access token, or answers 401. */
export function requireDevice(context: ServerContext) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      next(new ApiError(401, 'auth.required', 'Sign in to the team server from the app first (Settings → Team sync).'));
      return;
    }
    const caller = await authenticateAccess(context, token, appVersionOf(request.headers[APP_VERSION_HEADER.toLowerCase()]));
    if (!caller) {
      next(new ApiError(401, 'auth.invalid_token', 'The sign-in of this device has expired or was revoked. Refresh the token, or sign in again.'));
      return;
    }
    response.locals.caller = caller;
    next();
  };
}

export const callerOf = (response: Response): Caller => response.locals.caller as Caller;
