// Picks, at start-up, the backend new keys go to, and says why. Keys already
// saved are read from wherever their record says, whatever is picked here.
//
// The backend recorded last run wins, even when it does not answer today: a
// locked or missing keychain is shown to the user with what to do, never
// silently swapped for another store. On a fresh install the order is: a keychain
// that answers, even locked (the user can unlock it; a locked keychain is never a
// reason to switch), then safeStorage (desktop app), then safeStorage that needs
// consent for plaintext, then the passphrase key file, and as a last resort the
// unreachable keychain, whose error says what to install.
import type { VaultReason, VaultReasonCode } from '../../../src-shared/api/methods/vault';
import { keychainBackend, passphraseFileBackend, type BackendHealth, type BackendId, type KeyBackend } from './backend';
import type { VaultLog } from './key-records';
import { createKeychainVault, type KeychainVaultOptions } from './keychain-vault';
import { createManagedVault } from './managed-vault';
import { openPassphraseVault, type PassphraseVaultOptions } from './passphrase-vault';
import { safeStorageBackend, type SafeStorageBackend, type SafeStorageLike } from './safe-storage-backend';
import type { ManagedVault, SecretSink, VaultStore } from './types';
import { loadVaultSettings } from './vault-settings';

export interface OfferedBackend {
  id: BackendId;
  health: BackendHealth;
}

export interface BackendChoice {
  backend: BackendId;
  reason: VaultReason;
}

/** What the system said when it could not be reached, for the reason's quote. */
function saidBy(health: BackendHealth | undefined): string | null {
  if (!health || health.state === 'ready') return null;
  const said = health.error.params.said;
  return typeof said === 'string' && said ? said : null;
}

/**
 * `offered` is in preference order (keychain, safeStorage, key file); `recorded`
 * is the backend saved in settings; `keysOn` the backend of each recorded key.
 */
export function chooseBackend(offered: readonly OfferedBackend[], recorded: BackendId | null, keysOn: readonly BackendId[]): BackendChoice {
  const find = (id: BackendId) => offered.find((candidate) => candidate.id === id);
  if (recorded && find(recorded)) return { backend: recorded, reason: { code: 'saved-last-time', unusable: null, said: null } };
  const unusable = recorded;
  const because = (backend: BackendId, code: VaultReasonCode, said: string | null = null): BackendChoice => ({ backend, reason: { code, unusable, said } });

  if (!recorded && keysOn.length > 0) {
    const counts = new Map<BackendId, number>();
    for (const id of keysOn) counts.set(id, (counts.get(id) ?? 0) + 1);
    const [most] = [...counts].filter(([id]) => find(id)).sort((a, b) => b[1] - a[1]);
    if (most) return because(most[0], 'keys-kept-there');
  }

  const keychain = find('keychain');
  const safeStorage = find('safe-storage');
  const keyFile = find('passphrase-file');
  if (keychain?.health.state === 'ready') return because('keychain', 'keychain-answered');
  if (keychain?.health.state === 'locked') return because('keychain', 'keychain-locked');
  const unreachable = keychain ? 'keychain-unreachable' : 'no-keychain';
  if (safeStorage?.health.state === 'ready') return because('safe-storage', unreachable, saidBy(keychain?.health));
  if (safeStorage?.health.state === 'needs-consent') return because('safe-storage', 'safe-storage-no-keyring', saidBy(keychain?.health));
  if (keyFile) return because('passphrase-file', unreachable, saidBy(keychain?.health));
  return because(offered[0]?.id ?? 'keychain', 'none-answers');
}

export interface OpenKeyVaultOptions {
  store: VaultStore;
  /** The OS keychain through keytar; false offers none (tests of the other backends). */
  keychain?: Omit<KeychainVaultOptions, 'secrets'> | false;
  /** The passphrase-protected key file; offered when given. */
  passphraseFile?: Omit<PassphraseVaultOptions, 'secrets'> | null;
  /** Electron's safeStorage (desktop app only). */
  safeStorage?: { api: SafeStorageLike; platform?: NodeJS.Platform } | null;
  secrets?: SecretSink;
  log?: VaultLog;
}

export interface OpenedKeyVault {
  vault: ManagedVault;
  choice: BackendChoice;
}

export async function openKeyVault(options: OpenKeyVaultOptions): Promise<OpenedKeyVault> {
  const settings = await loadVaultSettings(options.store);
  const backends: KeyBackend[] = [];
  if (options.keychain !== false) backends.push(keychainBackend(createKeychainVault({ ...options.keychain, secrets: options.secrets })));
  let safeStorage: SafeStorageBackend | null = null;
  if (options.safeStorage) {
    safeStorage = safeStorageBackend({
      safeStorage: options.safeStorage.api,
      platform: options.safeStorage.platform,
      // Read at each save, so a consent given or withdrawn applies at once.
      plaintextConsent: () => settings.plaintext.consent,
    });
    backends.push(safeStorage);
  }
  const passphraseFile = options.passphraseFile ? openPassphraseVault({ ...options.passphraseFile, secrets: options.secrets }) : null;
  if (passphraseFile) backends.push(passphraseFileBackend(passphraseFile));

  const offered = await Promise.all(backends.map(async (backend) => ({ id: backend.id, health: await backend.health() })));
  const records = await options.store.listVaultRecords();
  const choice = chooseBackend(offered, settings.backend, records.map((record) => record.backend));
  const vault = createManagedVault({
    store: options.store,
    backends,
    passphraseFile,
    safeStorage,
    active: choice,
    settings,
    secrets: options.secrets,
    log: options.log,
  });
  // Only before any backend was recorded: listing the whole keychain is the one call
  // that can crash on a keyring that locks at that very moment (see README).
  if (settings.backend === null) await vault.adoptEarlierKeys();
  options.log?.info('vault opened', { backend: choice.backend, reason: choice.reason.code, unusable: choice.reason.unusable, keys: records.length });
  return { vault, choice };
}
