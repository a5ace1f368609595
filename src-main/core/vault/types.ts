import type { KeyStatus } from '../../../src-shared/domain';

/**
 * Holds provider API keys. Only the core calls `get`, at the moment of a provider
 * call; everything the renderer sees is a KeyStatus (hasKey and the last 4 chars).
 */
export interface Vault {
  /** Which backend holds the keys, e.g. "keychain". */
  readonly backend: string;
  status(provider: string): Promise<KeyStatus>;
  list(): Promise<KeyStatus[]>;
  set(provider: string, key: string): Promise<KeyStatus>;
  get(provider: string): Promise<string | null>;
  delete(provider: string): Promise<KeyStatus>;
}
