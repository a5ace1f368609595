export type { KeychainVault, ManagedVault, PassphraseVault, ReadableKey, SecretSink, SetKeyOptions, Vault, VaultStore } from './types';
export { createKeychainVault, keychainService, DEFAULT_KEYCHAIN_SERVICE, type KeychainVaultOptions } from './keychain-vault';
export { createPassphraseVault, openPassphraseVault, KEY_FILE_NAME, MIN_NEW_PASSPHRASE_LENGTH, type PassphraseVaultOptions } from './passphrase-vault';
export { chooseBackend, openKeyVault, type BackendChoice, type OpenedKeyVault, type OpenKeyVaultOptions } from './open-vault';
export { createManagedVault, type ManagedVaultOptions } from './managed-vault';
export type { SafeStorageLike } from './safe-storage-backend';
export { keyHint, DEFAULT_LABEL } from './key-status';
export { DEFAULT_KDF, type KdfParams } from './key-file-format';
