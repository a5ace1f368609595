// Electron's real safeStorage, adapted for the core (see safe-storage-adapter.ts).
import { safeStorage } from 'electron';
import type { SafeStorageLike } from '../core/vault';
import { adaptSafeStorage, type ElectronSafeStorage } from './safe-storage-adapter';

// Type-checks Electron's own declaration against what the adapter needs: an
// Electron upgrade that changes safeStorage fails `tsc -p tsconfig.electron.json`.
const electronSafeStorage: ElectronSafeStorage = safeStorage;

/** Call after `app.whenReady()`: before it, Linux cannot tell which key store it has. */
export function desktopSafeStorage(): SafeStorageLike {
  return adaptSafeStorage(electronSafeStorage);
}
