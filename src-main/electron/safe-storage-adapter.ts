// Adapts Electron's safeStorage to the core's SafeStorageLike. No electron import
// here (so it is unit-tested in plain Node); safe-storage.ts hands in the real
// module, and its type must fit ElectronSafeStorage, checked against Electron's types.
//
// The async API (isAsyncEncryptionAvailable, encryptStringAsync, decryptStringAsync)
// arrived in Electron 42; the sync one is deprecated in 45 and removed in 46. We
// use the async API whenever the running Electron has it. On an older Electron
// (this repo pins 40) we wrap the sync calls: Electron documents that data written
// by encryptString decrypts with decryptStringAsync, so upgrading needs no migration.
import type { SafeStorageLike } from '../core/vault';

interface AsyncSafeStorageApi {
  /** A Promise since Electron 43; a plain boolean in 42. */
  isAsyncEncryptionAvailable(): Promise<boolean> | boolean;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean; isTemporarilyUnavailable?: boolean }>;
}

interface SyncSafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** What we need of `electron.safeStorage`, in any Electron from 40 on. */
export type ElectronSafeStorage = Partial<AsyncSafeStorageApi> &
  Partial<SyncSafeStorageApi> & {
    /** Linux only (Electron's type declares it everywhere). */
    getSelectedStorageBackend?(): string;
  };

export interface AdaptedSafeStorage extends SafeStorageLike {
  /** 'async': Electron's async API; 'sync-compat': an Electron without it, its sync calls wrapped. */
  readonly mode: 'async' | 'sync-compat';
}

function hasAsyncApi(api: ElectronSafeStorage): api is ElectronSafeStorage & AsyncSafeStorageApi {
  return (
    typeof api.isAsyncEncryptionAvailable === 'function' &&
    typeof api.encryptStringAsync === 'function' &&
    typeof api.decryptStringAsync === 'function'
  );
}

function hasSyncApi(api: ElectronSafeStorage): api is ElectronSafeStorage & SyncSafeStorageApi {
  return typeof api.isEncryptionAvailable === 'function' && typeof api.encryptString === 'function' && typeof api.decryptString === 'function';
}

export function adaptSafeStorage(api: ElectronSafeStorage, platform: NodeJS.Platform = process.platform): AdaptedSafeStorage {
  const selected =
    platform === 'linux' && typeof api.getSelectedStorageBackend === 'function' ? () => api.getSelectedStorageBackend!.call(api) : undefined;
  if (hasAsyncApi(api)) {
    return {
      mode: 'async',
      isAsyncEncryptionAvailable: async () => Boolean(await api.isAsyncEncryptionAvailable()),
      encryptStringAsync: (plainText) => api.encryptStringAsync(plainText),
      decryptStringAsync: (encrypted) => api.decryptStringAsync(encrypted),
      getSelectedStorageBackend: selected,
    };
  }
  if (hasSyncApi(api)) {
    return {
      mode: 'sync-compat',
      isAsyncEncryptionAvailable: async () => api.isEncryptionAvailable(),
      encryptStringAsync: async (plainText) => api.encryptString(plainText),
      decryptStringAsync: async (encrypted) => ({ result: api.decryptString(encrypted), shouldReEncrypt: false }),
      getSelectedStorageBackend: selected,
    };
  }
  throw new Error('This Electron has no safeStorage encryption API.');
}
