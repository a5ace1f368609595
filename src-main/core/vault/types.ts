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

/** Anything that must learn each key so it can scrub it from logs (the logger's SecretRedactor). */
export interface SecretSink {
  add(secret: string): void;
}

/** The OS keychain through keytar. */
export interface KeychainVault extends Vault {
  readonly backend: 'keychain';
  /** The keychain "service" the keys are filed under; the account is the provider id. */
  readonly service: string;
  /** Resolves when the keychain answers and is unlocked; otherwise throws the AppError to show. */
  probe(): Promise<void>;
}

/** Keys in one file encrypted under a passphrase; locked until `unlock` is called in this run. */
export interface PassphraseVault extends Vault {
  readonly backend: 'passphrase-file';
  readonly file: string;
  readonly isUnlocked: boolean;
  /** Whether the key file exists yet (if not, `unlock` creates it with the passphrase given). */
  exists(): Promise<boolean>;
  /** Opens the key file with `passphrase`, or creates it when there is none. */
  unlock(passphrase: string): Promise<{ created: boolean }>;
  /** Forgets the derived key; calls fail with 'vault.locked' until the next `unlock`. */
  lock(): void;
}
