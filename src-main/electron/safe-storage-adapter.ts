// Adapts Electron's safeStorage to the core's SafeStorageLike. No electron import
// here (so it is unit-tested in plain Node); safe-storage.ts hands in the real
// module, and its type must fit ElectronSafeStorage, checked against Electron's types.
//
// Only the async API is used (Electron 42+; the sync one is deprecated in 45, which
// this repo pins, and removed in 46). Electron documents that data written by the
// sync encryptString decrypts with decryptStringAsync, so keys saved by a build on
// an older Electron still read.
import type { SafeStorageLike } from '../core/vault';

/** What we need of `electron.safeStorage`. */
export interface ElectronSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean; isTemporarilyUnavailable?: boolean }>;
  /** Electron declares it on every platform; it answers on Linux only. */
  getSelectedStorageBackend(): string;
}

export function adaptSafeStorage(api: ElectronSafeStorage, platform: NodeJS.Platform = process.platform): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: () => api.isAsyncEncryptionAvailable(),
    encryptStringAsync: (plainText) => api.encryptStringAsync(plainText),
    decryptStringAsync: (encrypted) => api.decryptStringAsync(encrypted),
    getSelectedStorageBackend: platform === 'linux' ? () => api.getSelectedStorageBackend() : undefined,
  };
}
