// Picks the backend at start-up and says why. The keychain comes first; the
// passphrase key file is used only when the keychain cannot be reached at all and
// the caller offered a file. A locked keychain is never a reason to switch: the
// user's keys are in it, so they are asked to unlock it instead.
import { AppError } from '../../../src-shared/api/errors';
import { createKeychainVault, type KeychainVaultOptions } from './keychain-vault';
import { openPassphraseVault, type PassphraseVaultOptions } from './passphrase-vault';
import type { KeychainVault, PassphraseVault, SecretSink } from './types';

export type VaultBackend = 'keychain' | 'passphrase-file';

export interface OpenVaultOptions {
  keychain?: Omit<KeychainVaultOptions, 'secrets'>;
  /** Where the key file lives when there is no keychain; without it, no keychain is an error. */
  passphraseFile?: Omit<PassphraseVaultOptions, 'secrets'>;
  /** The backend recorded last run: keys stay where they were saved. */
  previousBackend?: VaultBackend;
  secrets?: SecretSink;
}

export type OpenedVault =
  | { backend: 'keychain'; vault: KeychainVault; reason: string }
  /** Locked: ask for the passphrase and call `vault.unlock`. */
  | { backend: 'passphrase-file'; vault: PassphraseVault; reason: string };

export async function openVault(options: OpenVaultOptions = {}): Promise<OpenedVault> {
  const fileOptions = options.passphraseFile;
  const openFile = (file: Omit<PassphraseVaultOptions, 'secrets'>, reason: string): OpenedVault => ({
    backend: 'passphrase-file',
    vault: openPassphraseVault({ ...file, secrets: options.secrets }),
    reason,
  });

  if (options.previousBackend === 'passphrase-file' && fileOptions) {
    return openFile(fileOptions, 'your keys were saved in the passphrase-protected key file last time');
  }
  const keychain = createKeychainVault({ ...options.keychain, secrets: options.secrets });
  try {
    await keychain.probe();
    return { backend: 'keychain', vault: keychain, reason: `the system keychain answered (service "${keychain.service}")` };
  } catch (error) {
    const unreachable = error instanceof AppError && error.code === 'vault.unavailable';
    if (!unreachable || !fileOptions || options.previousBackend === 'keychain') throw error;
    return openFile(fileOptions, `the system keychain cannot be reached: ${error.message}`);
  }
}
