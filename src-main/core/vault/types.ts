import type { KeyCheck, MigrationReport, VaultStatus } from '../../../src-shared/api/methods/vault';
import type { KeyBackend, KeyStatus } from '../../../src-shared/domain';
import type { ProviderStore, SettingStore, VaultRecordStore } from '../store';

/**
 * Holds provider API keys. Only the core calls `get`, at the moment of a provider
 * call; everything the renderer sees is a KeyStatus (hasKey and the last 4 chars).
 * The keychain and key-file vaults implement it with one key per name; the
 * ManagedVault on top of them adds labels, backends and migration.
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

export interface SetKeyOptions {
  /** Defaults to "default". */
  label?: string;
  /** Make it the provider's default key (a provider's first key always is). */
  makeDefault?: boolean;
}

/** A key read for a settings export: core only, never sent anywhere unencrypted. */
export interface ReadableKey {
  provider: string;
  label: string;
  isDefault: boolean;
  key: string;
}

/**
 * The vault the core uses: several labelled keys per provider, each recorded (in
 * SQLite's vault_records) with the backend that holds it, so a change of backend
 * moves keys instead of losing them. `get` returns the provider's default key.
 */
export interface ManagedVault extends Vault {
  /** Where new keys are saved. */
  readonly backend: KeyBackend;
  set(provider: string, key: string, options?: SetKeyOptions): Promise<KeyStatus>;
  /** Resolves when a new key can be saved now; otherwise throws the error that says what to do (unlock, create, agree). */
  ensureWritable(): Promise<void>;
  /** One key by label, or every key of the provider when `label` is omitted. */
  delete(provider: string, label?: string): Promise<KeyStatus>;
  setDefault(provider: string, label: string): Promise<KeyStatus>;
  vaultStatus(): Promise<VaultStatus>;
  unlock(passphrase: string): Promise<VaultStatus>;
  lock(): Promise<VaultStatus>;
  setPlaintextConsent(consent: boolean): Promise<VaultStatus>;
  migrate(to: KeyBackend): Promise<MigrationReport>;
  verify(): Promise<KeyCheck[]>;
  /** Every key that can be read, and by name the ones that cannot: for an encrypted export only. */
  readAll(): Promise<{ keys: ReadableKey[]; failed: KeyCheck[] }>;
}

/** What the vault needs of the store: its records, two local settings, and provider names. */
export type VaultStore = VaultRecordStore & Pick<SettingStore, 'getSetting' | 'setSetting'> & Pick<ProviderStore, 'getProvider'>;
