// One interface over the three places a key can live, so the managed vault can
// file, read, move and delete keys without knowing which one holds them. The
// keychain and the key file keep the key under a slot name; safeStorage hands
// back ciphertext that the vault keeps in the key's SQLite record.
import { AppError } from '../../../src-shared/api/errors';
import type { KeyBackend as BackendId } from '../../../src-shared/domain';
import type { KeychainVault, PassphraseVault } from './types';

export type { BackendId };

/** safeStorage's ciphertext, as the key's record keeps it. */
export type Ciphertext = Uint8Array<ArrayBuffer>;

export type BackendHealth =
  | { state: 'ready' }
  /** The error says what happened and what to do (unlock, agree, choose another backend). */
  | { state: 'locked' | 'unavailable' | 'needs-consent'; error: AppError };

export interface StoredSlot {
  slot: string;
  hint: string | null;
}

export interface KeyBackend {
  readonly id: BackendId;
  /** Whether it can read and save keys now. Never throws. */
  health(): Promise<BackendHealth>;
  /** Saves `secret` under `slot`; returns the ciphertext the key's record must keep (safeStorage), or null. */
  write(slot: string, secret: string): Promise<Ciphertext | null>;
  /**
   * The key under `slot`, given the ciphertext its record keeps; null when the
   * backend holds no such key. `refreshed`: new ciphertext to keep (safeStorage rotated its key).
   */
  read(slot: string, stored: Uint8Array | null): Promise<{ secret: string; refreshed: Ciphertext | null } | null>;
  remove(slot: string): Promise<void>;
  /** The keys it holds by slot, to adopt ones filed before keys had records. */
  stored(): Promise<StoredSlot[]>;
}

/** Turns whatever a probe threw into a health the status line can show. */
export function healthFromError(error: unknown, lockedCodes: readonly string[] = ['vault.locked']): BackendHealth {
  const appError =
    error instanceof AppError
      ? error
      : new AppError('vault.unavailable', `The key store failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  return { state: lockedCodes.includes(appError.code) ? 'locked' : 'unavailable', error: appError };
}

export function keychainBackend(vault: KeychainVault): KeyBackend {
  return {
    id: 'keychain',
    async health() {
      try {
        await vault.probe();
        return { state: 'ready' };
      } catch (error) {
        return healthFromError(error);
      }
    },
    async write(slot, secret) {
      await vault.set(slot, secret);
      return null;
    },
    async read(slot) {
      const secret = await vault.get(slot);
      return secret === null ? null : { secret, refreshed: null };
    },
    async remove(slot) {
      await vault.delete(slot);
    },
    async stored() {
      return (await vault.list()).map(({ provider, hint }) => ({ slot: provider, hint }));
    },
  };
}

export function passphraseFileBackend(vault: PassphraseVault): KeyBackend {
  return {
    id: 'passphrase-file',
    async health() {
      if (vault.isUnlocked) return { state: 'ready' };
      const exists = await vault.exists().catch(() => true);
      return {
        state: 'locked',
        error: exists
          ? new AppError(
              'vault.locked',
              `The key file (${vault.file}) is locked. Unlock it in Settings → Keys and vault with its passphrase; your keys are safe in it.`,
            )
          : new AppError(
              'vault.locked',
              `There is no key file yet. Create it in Settings → Keys and vault. Choose a passphrase (at least 8 characters) for ${vault.file}; you will type it once each time the app starts.`,
            ),
      };
    },
    async write(slot, secret) {
      await vault.set(slot, secret);
      return null;
    },
    async read(slot) {
      const secret = await vault.get(slot);
      return secret === null ? null : { secret, refreshed: null };
    },
    async remove(slot) {
      await vault.delete(slot);
    },
    async stored() {
      return (await vault.list()).map(({ provider, hint }) => ({ slot: provider, hint }));
    },
  };
}
