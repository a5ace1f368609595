// This device's sign-in to the team server: the access token, the rotating
// refresh token and the device id, kept as one secret in the vault beside the API
// keys (never in SQLite, a log or the renderer). The vault slot is per data
// folder (the store's node id), since one keychain serves every data folder.
import { AppError } from '../../../src-shared/api/errors';
import type { SecretSink } from '../vault/types';

export interface Credentials {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working (ms since the epoch). */
  expiresAt: number;
  deviceId: string;
}

/** What the credential store needs of the vault. */
export interface CredentialVault {
  set(provider: string, key: string): Promise<unknown>;
  get(provider: string): Promise<string | null>;
  delete(provider: string): Promise<unknown>;
}

/** The vault's "provider" slot of a data folder's sync sign-in. */
export const SYNC_VAULT_PREFIX = 'team-sync:';
export const syncVaultSlot = (nodeId: string) => `${SYNC_VAULT_PREFIX}${nodeId}`;
export const isSyncVaultSlot = (provider: string) => provider.startsWith(SYNC_VAULT_PREFIX);

export class CredentialStore {
  private cached: Credentials | null | undefined;

  constructor(
    private readonly vault: CredentialVault,
    private readonly slot: string,
    private readonly secrets: SecretSink,
  ) {}

  async load(): Promise<Credentials | null> {
    if (this.cached !== undefined) return this.cached;
    let text: string | null;
    try {
      text = await this.vault.get(this.slot);
    } catch {
      // A locked vault: signed out for now; unlocking it and syncing again reads it.
      return null;
    }
    this.cached = text === null ? null : parse(text);
    if (this.cached) this.remember(this.cached);
    return this.cached;
  }

  async save(credentials: Credentials): Promise<void> {
    this.remember(credentials);
    try {
      await this.vault.set(this.slot, JSON.stringify(credentials));
    } catch (error) {
      throw new AppError('sync.vault', `The sign-in could not be kept in the key store (${error instanceof Error ? error.message : String(error)}).`);
    }
    this.cached = credentials;
  }

  async clear(): Promise<void> {
    this.cached = null;
    await this.vault.delete(this.slot).catch(() => {});
  }

  private remember(credentials: Credentials): void {
    this.secrets.add(credentials.accessToken);
    this.secrets.add(credentials.refreshToken);
  }
}

function parse(text: string): Credentials | null {
  try {
    const value = JSON.parse(text) as Partial<Credentials>;
    if (typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && typeof value.deviceId === 'string' && typeof value.expiresAt === 'number') {
      return value as Credentials;
    }
  } catch {
    // Not ours: treated as signed out.
  }
  return null;
}
