// A signed-in device: the server's API with this device's tokens. The access
// token is refreshed before it expires and once more when the server refuses it;
// the refresh token rotates at every use. A refused refresh (reused or revoked)
// means the server signed this device out: `onSignedOut` says so once.
import { AppError } from '../../../src-shared/api/errors';
import type { TokenReply } from '../../../src-shared/sync/wire';
import type { CredentialStore, Credentials } from './credentials';
import { isTokenRefused, type ServerApi } from './server-api';

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

export function credentialsOf(reply: TokenReply, now = Date.now()): Credentials {
  return { accessToken: reply.access_token, refreshToken: reply.refresh_token, expiresAt: now + reply.expires_in * 1000, deviceId: reply.device_id };
}

export class SyncSession {
  private refreshing: Promise<string> | null = null;
  private ended = false;

  constructor(
    readonly api: ServerApi,
    private readonly credentials: CredentialStore,
    private readonly onSignedOut: (error: AppError) => void,
  ) {}

  /** A working access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const current = await this.credentials.load();
    if (!current || this.ended) throw this.signedOut();
    if (current.expiresAt - REFRESH_MARGIN_MS > Date.now()) return current.accessToken;
    return this.refresh();
  }

  /** Calls the server with the access token; a refused token is refreshed and the call tried once more. */
  async call<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await fn(token);
    } catch (error) {
      if (!isTokenRefused(error)) throw error;
      return fn(await this.refresh());
    }
  }

  /** Rotates the tokens (one refresh at a time: a second would present a used token and sign the device out). */
  refresh(): Promise<string> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async rotate(): Promise<string> {
    const current = await this.credentials.load();
    if (!current || this.ended) throw this.signedOut();
    const result = await this.api.token({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
    if (!result.ok) {
      this.ended = true;
      await this.credentials.clear();
      const error = this.signedOut();
      this.onSignedOut(error);
      throw error;
    }
    const next = credentialsOf(result.reply);
    await this.credentials.save(next);
    return next.accessToken;
  }

  /** Revokes the device on the server (its refresh token revokes every token of it). */
  async revoke(): Promise<void> {
    this.ended = true;
    const current = await this.credentials.load();
    await this.credentials.clear();
    if (current) await this.api.revoke(current.refreshToken);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private signedOut(): AppError {
    return new AppError('sync.signed_out', `${this.api.host} signed this device out.`, { host: this.api.host });
  }
}
