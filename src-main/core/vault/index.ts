export type { KeychainVault, PassphraseVault, SecretSink, Vault } from './types';
export { createKeychainVault, keychainService, DEFAULT_KEYCHAIN_SERVICE, type KeychainVaultOptions } from './keychain-vault';
export { createPassphraseVault, openPassphraseVault, MIN_NEW_PASSPHRASE_LENGTH, type PassphraseVaultOptions } from './passphrase-vault';
export { openVault, type OpenedVault, type OpenVaultOptions, type VaultBackend } from './open-vault';
export { keyHint } from './key-status';
export { DEFAULT_KDF, type KdfParams } from './key-file-format';
