// The team server's HTTP API as the app calls it: every request carries the
// protocol header, every reply is parsed with its wire schema (a server's reply
// is untrusted), and every failure becomes a coded AppError that says what to do.
import type { z } from 'zod';
import { AppError } from '../../../src-shared/api/errors';
import {
  ApiErrorBody,
  Hello,
  Me,
  OAuthError,
  PROTOCOL_HEADER,
  PROTOCOL_RANGE,
  PROTOCOL_VERSION,
  PullReply,
  PushReply,
  SnapshotReply,
  SpaceSummary,
  TokenReply,
  type PushRequest,
} from '../../../src-shared/sync/wire';

/** How long one request may take before the server counts as unreachable. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A failure that passes by itself (network, a server restarting): retried with backoff, shown as offline. */
export function isTransient(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'sync.server_unreachable' || error.code === 'sync.server_error');
}

/** The access token was refused: refresh it and try again. */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof AppError && error.code === 'sync.not_signed_in';
}

/** Checks and normalises a server address typed by the user. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('sync.bad_server_url', `"${raw}" is not a server address.`, { url: raw.slice(0, 200) });
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.username || url.password || url.search || url.hash) {
    throw new AppError('sync.bad_server_url', `"${raw}" is not a server address (https://, or http:// on this computer).`, { url: raw.slice(0, 200) });
  }
  return url.href.replace(/\/+$/, '');
}

export type TokenResult = { ok: true; reply: TokenReply } | { ok: false; error: string; description: string };

export class ServerApi {
  readonly host: string;

  constructor(readonly baseUrl: string) {
    this.host = new URL(baseUrl).host;
  }

  /** The server's protocol range; refuses a server this build cannot speak with. */
  async hello(): Promise<Hello> {
    const hello = await this.request('GET', '/api/v1/hello', Hello, {});
    if (hello.protocol.max < PROTOCOL_RANGE.min) throw new AppError('sync.server_too_old', `${this.host} is older than this app.`, { host: this.host });
    if (hello.protocol.min > PROTOCOL_RANGE.max) throw new AppError('sync.client_too_old', `${this.host} needs a newer app.`, { host: this.host });
    return hello;
  }

  me(token: string): Promise<Me> {
    return this.request('GET', '/api/v1/me', Me, { token });
  }

  createSpace(token: string, body: { id?: string; name: string }): Promise<SpaceSummary> {
    return this.request('POST', '/api/v1/spaces', SpaceSummary, { token, json: body });
  }

  push(token: string, body: PushRequest): Promise<PushReply> {
    return this.request('POST', '/api/v1/sync/push', PushReply, { token, json: body });
  }

  pull(token: string, space: string, since: number, limit: number): Promise<PullReply> {
    return this.request('GET', `/api/v1/sync/pull?${new URLSearchParams({ space, since: String(since), limit: String(limit) })}`, PullReply, { token });
  }

  snapshot(token: string, space: string, cursor: string | null, limit: number): Promise<SnapshotReply> {
    const query = new URLSearchParams({ space, limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    return this.request('GET', `/api/v1/sync/snapshot?${query}`, SnapshotReply, { token });
  }

  /** POST /oauth/token: OAuth's own error shape comes back as a result, not a throw. */
  async token(form: Record<string, string>): Promise<TokenResult> {
    const response = await this.send('POST', '/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const body = await this.readJson(response);
    if (response.ok) return { ok: true, reply: this.parse(TokenReply, body) };
    if (response.status >= 500) throw new AppError('sync.server_error', `${this.host} failed (HTTP ${response.status}).`, { host: this.host, status: response.status });
    const error = OAuthError.safeParse(body);
    if (!error.success) throw new AppError('sync.not_a_server', `${this.host} is not a RealMultiLLM team server.`, { host: this.host });
    return { ok: false, error: error.data.error, description: error.data.error_description };
  }

  /** Revokes a token (and with it the device); a server that cannot be reached is the only failure. */
  async revoke(token: string): Promise<void> {
    const response = await this.send('POST', '/oauth/revoke', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    await response.body?.cancel();
  }

  private async request<S extends z.ZodType>(method: string, path: string, schema: S, options: { token?: string; json?: unknown }): Promise<z.output<S>> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.send(method, path, { headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
    const body = await this.readJson(response);
    if (!response.ok) throw this.errorOf(response.status, body);
    return this.parse(schema, body);
  }

  private async send(method: string, path: string, init: { headers: Record<string, string>; body?: string }): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, { method, ...init, redirect: 'error', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch {
      throw new AppError('sync.server_unreachable', `${this.host} cannot be reached.`, { host: this.host });
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      if (response.status >= 500) throw new AppError('sync.server_error', `${this.host} failed (HTTP ${response.status}).`, { host: this.host, status: response.status });
      throw new AppError('sync.not_a_server', `${this.host} did not answer as a RealMultiLLM team server.`, { host: this.host });
    }
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError('sync.not_a_server', `${this.host} answered with something this app does not understand.`, { host: this.host });
    return parsed.data;
  }

  /** A server error reply as the user's error: what happened and what to do. */
  private errorOf(status: number, body: unknown): AppError {
    const host = this.host;
    const parsed = ApiErrorBody.safeParse(body);
    if (!parsed.success) {
      if (status >= 500) return new AppError('sync.server_error', `${host} failed (HTTP ${status}).`, { host, status });
      return new AppError('sync.not_a_server', `${host} did not answer as a RealMultiLLM team server.`, { host });
    }
    const { code, message, params = {} } = parsed.data.error;
    switch (code) {
      case 'protocol.client_too_old':
        return new AppError('sync.client_too_old', message, { host });
      case 'protocol.server_too_old':
        return new AppError('sync.server_too_old', message, { host });
      case 'auth.required':
      case 'auth.invalid_token':
        return new AppError('sync.not_signed_in', message);
      case 'sync.clock_ahead':
        return new AppError('sync.clock_ahead', message, {
          device: typeof params.device === 'string' ? params.device.slice(0, 100) : 'unknown',
          seconds: typeof params.aheadSeconds === 'number' ? params.aheadSeconds : 0,
        });
      case 'sync.forbidden':
        return new AppError('sync.forbidden', message, { space: typeof params.space === 'string' ? params.space : '' });
      case 'sync.cursor_ahead':
        return new AppError('sync.cursor_ahead', message, { host });
      case 'server.unavailable':
      case 'server.fault':
        return new AppError('sync.server_error', message, { host, status });
      default:
        if (status >= 500) return new AppError('sync.server_error', message, { host, status });
        return new AppError('sync.refused', message, { host, details: `${code}: ${message}`.slice(0, 300) });
    }
  }
}
