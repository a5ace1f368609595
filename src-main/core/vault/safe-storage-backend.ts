// Keys encrypted with Electron's safeStorage (its async API) and kept as
// ciphertext in the key's SQLite record. Used when no keychain answers. The core
// never imports electron: the shell passes in anything shaped like SafeStorageLike
// (src-main/electron/safe-storage.ts adapts the real module).
//
// On Linux without a keyring, safeStorage falls back to `basic_text`: a fixed,
// public password, so the "ciphertext" protects nothing. Saving a key then needs
// the user's explicit consent; reading keys already saved never does (refusing
// would lose them).
import { AppError } from '../../../src-shared/api/errors';
import type { Ciphertext, KeyBackend } from './backend';

/** The part of Electron's `safeStorage` this backend uses (Electron 42+ async API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean; isTemporarilyUnavailable?: boolean }>;
  /** Linux only: which key store safeStorage picked (`basic_text` means none). */
  getSelectedStorageBackend?(): string;
}

/** Linux key stores that protect nothing: `basic_text`, or `unknown` (not decided yet, so not trusted). */
const PLAINTEXT_STORES = new Set(['basic_text', 'unknown']);

export interface SafeStorageBackendOptions {
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  /** Whether the user agreed to keys stored without encryption (read at each save). */
  plaintextConsent(): boolean;
}

export interface SafeStorageBackend extends KeyBackend {
  readonly id: 'safe-storage';
  /** True when safeStorage on this system would keep keys unencrypted (Linux `basic_text`). */
  isPlaintext(): boolean;
}

export function safeStorageBackend(options: SafeStorageBackendOptions): SafeStorageBackend {
  const { safeStorage } = options;
  const platform = options.platform ?? process.platform;

  function selectedStore(): string | null {
    if (platform !== 'linux') return null;
    try {
      return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }

  const isPlaintext = () => {
    const store = selectedStore();
    return store !== null && PLAINTEXT_STORES.has(store);
  };

  async function available(): Promise<boolean> {
    try {
      return await safeStorage.isAsyncEncryptionAvailable();
    } catch {
      return false;
    }
  }

  const unavailable = () =>
    new AppError(
      'vault.unavailable',
      'Electron safeStorage cannot encrypt on this system right now: no OS key store answered. ' +
        'Unlock or start your keyring and try again, or keep your keys in the passphrase-protected key file instead.',
    );

  const needsConsent = () =>
    new AppError(
      'vault.consent_required',
      'This system has no keyring for Electron safeStorage to use (it reports "basic_text"), so keys saved now would be stored ' +
        'unencrypted in the app database. Agree to that in Settings → API keys, or use the passphrase-protected key file instead.',
    );

  return {
    id: 'safe-storage',
    isPlaintext,

    async health() {
      if (!(await available())) return { state: 'unavailable', error: unavailable() };
      if (isPlaintext() && !options.plaintextConsent()) return { state: 'needs-consent', error: needsConsent() };
      return { state: 'ready' };
    },

    async write(_slot, secret) {
      if (!(await available())) throw unavailable();
      if (isPlaintext() && !options.plaintextConsent()) throw needsConsent();
      try {
        return new Uint8Array(await safeStorage.encryptStringAsync(secret));
      } catch {
        // Electron's message never holds the plaintext, but we do not quote it anyway.
        throw new AppError('vault.encrypt_failed', 'Electron safeStorage could not encrypt the key. Nothing was saved; unlock your keyring and try again.');
      }
    },

    async read(_slot, stored) {
      if (!stored || stored.length === 0) return null;
      let decrypted: Awaited<ReturnType<SafeStorageLike['decryptStringAsync']>>;
      try {
        decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored));
      } catch {
        throw new AppError(
          'vault.key_unreadable',
          'Electron safeStorage cannot decrypt it: it was encrypted on another computer or user account, or the OS key store changed. ' +
            'Its record was kept; enter the key again to replace it.',
        );
      }
      if (decrypted.isTemporarilyUnavailable) {
        throw new AppError('vault.locked', 'The OS key store Electron safeStorage uses is locked or not ready. Unlock your keyring and try again; the key is not lost.');
      }
      let refreshed: Ciphertext | null = null;
      // A rotated key: keep the key under the new one. If that fails, the old ciphertext still works.
      if (decrypted.shouldReEncrypt) refreshed = await safeStorage.encryptStringAsync(decrypted.result).then((bytes) => new Uint8Array(bytes), () => null);
      return { secret: decrypted.result, refreshed };
    },

    // The ciphertext lives in the record; deleting the record deletes the key.
    async remove() {},

    async stored() {
      return [];
    },
  };
}
