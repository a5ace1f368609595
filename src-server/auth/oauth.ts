// Device sign-in as RFC 8252 asks of a native app: an authorization request with
// PKCE (S256) and a loopback redirect, a one-time code (60 s), and tokens: an
// access token (15 min) and a refresh token that rotates at every use. Presenting
// a used refresh token, or redeeming a code twice, revokes the device and every
// token of it: one of the two holders is not the device.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import { ACCESS_TOKEN_SECONDS, DESKTOP_CLIENT_ID, type TokenReply } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import type { Tables } from '../db/tables';
import { hashToken, newToken } from './secrets';
import { appendAuditEvent } from '../audit/chain';

export const CODE_SECONDS = 60;
export const REFRESH_TOKEN_DAYS = 60;

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  deviceName: string;
  devicePlatform: string;
  /** The app's version, when it says (shown in the list of devices). */
  appVersion: string | null;
}

export type ParsedAuthorization =
  | { ok: true; request: AuthorizationRequest }
  /** The redirect address cannot be trusted: say so on a page, never redirect. */
  | { ok: false; redirect: false; description: string }
  /** Anything else wrong goes back to the app at its redirect address (RFC 6749 §4.1.2.1). */
  | { ok: false; redirect: true; redirectUri: string; state: string; error: string; description: string };

export type OAuthFailure = { ok: false; error: 'invalid_request' | 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type'; description: string };
export type TokenResult = { ok: true; reply: TokenReply } | OAuthFailure;

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const PKCE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 8252 §7.3: a loopback IP literal, any port, over http. `localhost` is not one (§8.3). */
export function isLoopbackRedirect(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]') && !url.username && !url.password && !url.hash;
}

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);

/** An app version as a device names it: `1.2.3`, `0.2.0-beta.1`; anything else is not kept. */
export function appVersionOf(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9A-Za-z.+-]{1,40}$/.test(value) ? value : null;
}

export function parseAuthorizationRequest(query: Record<string, unknown>): ParsedAuthorization {
  const clientId = text(query.client_id, 100);
  if (clientId !== DESKTOP_CLIENT_ID) {
    return { ok: false, redirect: false, description: 'This sign-in link was not made by the RealMultiLLM app (unknown client). Start the sign-in again from the app.' };
  }
  const redirectUri = text(query.redirect_uri, 500);
  if (!redirectUri || !isLoopbackRedirect(redirectUri)) {
    return { ok: false, redirect: false, description: 'This sign-in link does not return to the app on this computer (its redirect address is not a loopback address). Start the sign-in again from the app.' };
  }
  const state = text(query.state, 500) ?? '';
  const fail = (error: string, description: string): ParsedAuthorization => ({ ok: false, redirect: true, redirectUri, state, error, description });
  if (!state) return fail('invalid_request', 'state is required');
  if (query.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (query.code_challenge_method !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method S256 is required');
  const codeChallenge = text(query.code_challenge, 43);
  if (!codeChallenge || !PKCE_CHALLENGE.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256');
  const deviceName = (text(query.device_name, 100) ?? '').trim() || 'Desktop';
  const devicePlatform = (text(query.device_platform, 40) ?? '').trim() || 'unknown';
  const appVersion = appVersionOf(query.app_version);
  return { ok: true, request: { clientId, redirectUri, state, codeChallenge, deviceName, devicePlatform, appVersion } };
}

export function redirectWithError(parsed: Extract<ParsedAuthorization, { redirect: true }>): string {
  const url = new URL(parsed.redirectUri);
  url.searchParams.set('error', parsed.error);
  url.searchParams.set('error_description', parsed.description);
  url.searchParams.set('state', parsed.state);
  return url.href;
}

/** Whoever proved the person (any authenticator) ends here: a one-time code, sent to the app. */
export async function finishAuthorization({ database: { db }, now }: ServerContext, request: AuthorizationRequest, accountId: string): Promise<string> {
  const code = newToken('code');
  await db
    .insertInto('auth_codes')
    .values({
      hash: hashToken(code),
      account_id: accountId,
      redirect_uri: request.redirectUri,
      code_challenge: request.codeChallenge,
      device_name: request.deviceName,
      device_platform: request.devicePlatform,
      app_version: request.appVersion,
      expires_at: now() + CODE_SECONDS * 1000,
      used_at: null,
      device_id: null,
    })
    .execute();
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', request.state);
  return url.href;
}

const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const invalidGrant = (description: string): OAuthFailure => ({ ok: false, error: 'invalid_grant', description });

async function issueTokens(trx: Transaction<Tables>, deviceId: string, now: number): Promise<TokenReply> {
  const access = newToken('access');
  const refresh = newToken('refresh');
  await trx
    .insertInto('device_tokens')
    .values([
      { hash: hashToken(access), kind: 'access', device_id: deviceId, expires_at: now + ACCESS_TOKEN_SECONDS * 1000, used_at: null },
      { hash: hashToken(refresh), kind: 'refresh', device_id: deviceId, expires_at: now + REFRESH_TOKEN_DAYS * 86_400_000, used_at: null },
    ])
    .execute();
  return { access_token: access, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, refresh_token: refresh, device_id: deviceId };
}

/** Revokes the device and ends every token of it, in the caller's transaction. */
export async function revokeDevice(context: ServerContext, trx: Transaction<Tables>, deviceId: string): Promise<void> {
  const now = context.now();
  await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', deviceId).where('revoked_at', 'is', null).execute();
  await trx.updateTable('device_tokens').set({ expires_at: 0 }).where('device_id', '=', deviceId).execute();
  await context.database.heads.inTransaction(trx, { type: 'revoked', device: deviceId });
}

export async function redeemCode(
  context: ServerContext,
  input: { code: string; codeVerifier: string; redirectUri: string; clientId: string },
): Promise<TokenResult> {
  if (input.clientId !== DESKTOP_CLIENT_ID) return { ok: false, error: 'invalid_client', description: 'unknown client_id' };
  if (!PKCE_VERIFIER.test(input.codeVerifier)) return { ok: false, error: 'invalid_request', description: 'code_verifier is missing or malformed' };
  const now = context.now();
  let revoked: string | null = null;
  const result = await context.database.db.transaction().execute(async (trx): Promise<TokenResult> => {
    const code = await trx.selectFrom('auth_codes').selectAll().where('hash', '=', hashToken(input.code)).executeTakeFirst();
    if (!code) return invalidGrant('The sign-in code is not known. Sign in again from the app.');
    if (code.used_at !== null) {
      if (code.device_id) {
        await revokeDevice(context, trx, code.device_id);
        revoked = code.device_id;
        await appendAuditEvent(trx, context.database.dialect, { action: 'auth.token_reuse', accountId: code.account_id, deviceId: code.device_id, detail: { token: 'code' } }, now);
      }
      return invalidGrant('The sign-in code was already used; the device it signed in was signed out. Sign in again from the app.');
    }
    if (code.expires_at <= now) return invalidGrant('The sign-in code has expired (it lasts 60 seconds). Sign in again from the app.');
    if (code.redirect_uri !== input.redirectUri) return invalidGrant('redirect_uri differs from the authorization request');
    if (challengeOf(input.codeVerifier) !== code.code_challenge) return invalidGrant('code_verifier does not match the code challenge');
    const deviceId = uuidv7(now);
    const taken = await trx
      .updateTable('auth_codes')
      .set({ used_at: now, device_id: deviceId })
      .where('hash', '=', code.hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (taken.numUpdatedRows !== 1n) return invalidGrant('The sign-in code was already used. Sign in again from the app.');
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        account_id: code.account_id,
        name: code.device_name,
        platform: code.device_platform,
        app_version: code.app_version,
        created_at: now,
        last_seen_at: now,
        revoked_at: null,
      })
      .execute();
    await appendAuditEvent(trx, context.database.dialect, { action: 'auth.sign_in', accountId: code.account_id, deviceId, detail: { platform: code.device_platform } }, now);
    return { ok: true, reply: await issueTokens(trx, deviceId, now) };
  });
  if (revoked) context.database.heads.committed({ type: 'revoked', device: revoked });
  return result;
}

export async function refreshTokens(context: ServerContext, refreshToken: string): Promise<TokenResult> {
  const now = context.now();
  let revoked: string | null = null;
  const result = await context.database.db.transaction().execute(async (trx): Promise<TokenResult> => {
    const token = await trx
      .selectFrom('device_tokens')
      .innerJoin('devices', 'devices.id', 'device_tokens.device_id')
      .select(['device_tokens.hash', 'device_tokens.device_id', 'device_tokens.expires_at', 'device_tokens.used_at', 'devices.revoked_at', 'devices.account_id'])
      .where('device_tokens.hash', '=', hashToken(refreshToken))
      .where('device_tokens.kind', '=', 'refresh')
      .executeTakeFirst();
    if (!token) return invalidGrant('The refresh token is not known. Sign in again from the app.');
    if (token.revoked_at !== null) return invalidGrant('This device was signed out. Sign in again from the app.');
    const reuse = async () => {
      await revokeDevice(context, trx, token.device_id);
      revoked = token.device_id;
      await appendAuditEvent(trx, context.database.dialect, { action: 'auth.token_reuse', accountId: token.account_id, deviceId: token.device_id, detail: { token: 'refresh' } }, now);
      return invalidGrant('This refresh token was already used, so it may have been copied; the device was signed out. Sign in again from the app.');
    };
    if (token.used_at !== null) return reuse();
    if (token.expires_at <= now) return invalidGrant('The sign-in has expired. Sign in again from the app.');
    const taken = await trx
      .updateTable('device_tokens')
      .set({ used_at: now })
      .where('hash', '=', token.hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (taken.numUpdatedRows !== 1n) return reuse();
    await trx.updateTable('devices').set({ last_seen_at: now }).where('id', '=', token.device_id).execute();
    return { ok: true, reply: await issueTokens(trx, token.device_id, now) };
  });
  if (revoked) context.database.heads.committed({ type: 'revoked', device: revoked });
  return result;
}

/** RFC 7009: signing out. Any token of the device revokes the device; an unknown token is not an error. */
export async function revokeByToken(context: ServerContext, token: string): Promise<void> {
  const row = await context.database.db
    .selectFrom('device_tokens')
    .innerJoin('devices', 'devices.id', 'device_tokens.device_id')
    .select(['device_tokens.device_id', 'devices.account_id', 'devices.revoked_at'])
    .where('device_tokens.hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return;
  await context.database.db.transaction().execute(async (trx) => {
    await revokeDevice(context, trx, row.device_id);
    if (row.revoked_at === null) await appendAuditEvent(trx, context.database.dialect, { action: 'auth.sign_out', accountId: row.account_id, deviceId: row.device_id }, context.now());
  });
  context.database.heads.committed({ type: 'revoked', device: row.device_id });
}

export interface Caller {
  accountId: string;
  deviceId: string;
  deviceName: string;
  /** When the access token ends: the events socket closes then. */
  expiresAt: number;
}

const LAST_SEEN_EVERY_MS = 60_000;

/** The device behind an access token, or null when the token is unknown, expired or its device revoked. */
export async function authenticateAccess(context: ServerContext, token: string, appVersion: string | null = null): Promise<Caller | null> {
  const now = context.now();
  const { db } = context.database;
  const row = await db
    .selectFrom('device_tokens')
    .innerJoin('devices', 'devices.id', 'device_tokens.device_id')
    .select(['devices.id as deviceId', 'devices.account_id as accountId', 'devices.name as deviceName', 'devices.last_seen_at as lastSeen', 'devices.app_version as appVersion', 'device_tokens.expires_at as expiresAt'])
    .where('device_tokens.hash', '=', hashToken(token))
    .where('device_tokens.kind', '=', 'access')
    .where('device_tokens.expires_at', '>', now)
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const newVersion = appVersion !== null && appVersion !== row.appVersion;
  if (row.lastSeen < now - LAST_SEEN_EVERY_MS || newVersion) {
    await db
      .updateTable('devices')
      .set(newVersion ? { last_seen_at: now, app_version: appVersion } : { last_seen_at: now })
      .where('id', '=', row.deviceId)
      .execute();
  }
  return { accountId: row.accountId, deviceId: row.deviceId, deviceName: row.deviceName, expiresAt: row.expiresAt };
}
