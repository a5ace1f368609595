// API keys in the OS keychain through keytar: service "RealMultiLLM" (or
// REALMULTILLM_KEYCHAIN_SERVICE), account = provider id.
//
// A locked Secret Service collection does not fail reads: keytar's getPassword
// returns null and deletePassword false, as if there were no key, and its
// findCredentials crashes the process (libsecret hands it a null secret). So an
// empty answer is confirmed by reading a marker entry, and writing it if it is
// missing; a locked keychain refuses that write, and we say so instead of
// reporting "no key". list() runs findCredentials only after that check.
import type * as Keytar from 'keytar';
import type { KeyStatus } from '../../../src-shared/domain';
import { checkProviderId, keyStatus, normaliseKey } from './key-status';
import { keychainError, keychainUnavailable } from './keychain-errors';
import type { KeychainVault, SecretSink } from './types';

export const DEFAULT_KEYCHAIN_SERVICE = 'RealMultiLLM';
/** The marker's account name; not a UUID, so no provider id can collide with it. */
export const KEYCHAIN_MARKER_ACCOUNT = 'realmultillm.keychain-check';
const MARKER_VALUE = 'Lets RealMultiLLM tell a locked keychain from an empty one. Holds no secret.';

export interface KeychainVaultOptions {
  /** Defaults to REALMULTILLM_KEYCHAIN_SERVICE, then "RealMultiLLM". */
  service?: string;
  env?: NodeJS.ProcessEnv;
  /** Learns every key read or written, so logs can scrub it. */
  secrets?: SecretSink;
}

type KeytarApi = typeof Keytar;
let keytarModule: Promise<KeytarApi> | null = null;

// Loaded on first use so a missing native build is a vault error, not a crash at import.
function loadKeytar(): Promise<KeytarApi> {
  keytarModule ??= import('keytar').then((mod) => ((mod as { default?: KeytarApi }).default ?? mod) as KeytarApi);
  return keytarModule;
}

export function keychainService(options: KeychainVaultOptions = {}): string {
  const env = options.env ?? process.env;
  return options.service || env.REALMULTILLM_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
}

export function createKeychainVault(options: KeychainVaultOptions = {}): KeychainVault {
  const service = keychainService(options);
  const reserved = [KEYCHAIN_MARKER_ACCOUNT];

  async function call<T>(operation: (keytar: KeytarApi) => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    let keytar: KeytarApi;
    try {
      keytar = await loadKeytar();
    } catch (error) {
      keytarModule = null;
      throw keychainUnavailable(`the keytar module did not load: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      return await operation(keytar);
    } catch (error) {
      throw keychainError(error, secrets);
    }
  }

  /** Throws 'vault.locked' / 'vault.unavailable' unless the keychain really answers. */
  async function confirmOpen(): Promise<void> {
    const marker = await call((keytar) => keytar.getPassword(service, KEYCHAIN_MARKER_ACCOUNT));
    if (marker !== null) return;
    await call((keytar) => keytar.setPassword(service, KEYCHAIN_MARKER_ACCOUNT, MARKER_VALUE));
  }

  async function read(provider: string): Promise<string | null> {
    const key = await call((keytar) => keytar.getPassword(service, provider));
    if (key === null) await confirmOpen();
    else options.secrets?.add(key);
    return key;
  }

  return {
    backend: 'keychain',
    service,

    probe: confirmOpen,

    async status(provider) {
      const id = checkProviderId(provider, reserved);
      return keyStatus(id, await read(id));
    },

    async get(provider) {
      return read(checkProviderId(provider, reserved));
    },

    async list(): Promise<KeyStatus[]> {
      await confirmOpen();
      const found = await call((keytar) => keytar.findCredentials(service));
      for (const { password } of found) options.secrets?.add(password);
      return found
        .filter(({ account }) => account !== KEYCHAIN_MARKER_ACCOUNT)
        .map(({ account, password }) => keyStatus(account, password))
        .sort((a, b) => a.provider.localeCompare(b.provider));
    },

    async set(provider, key) {
      const id = checkProviderId(provider, reserved);
      const value = normaliseKey(key);
      options.secrets?.add(value);
      await call((keytar) => keytar.setPassword(service, id, value), [value, String(key)]);
      return keyStatus(id, value);
    },

    async delete(provider) {
      const id = checkProviderId(provider, reserved);
      const deleted = await call((keytar) => keytar.deletePassword(service, id));
      if (!deleted) await confirmOpen();
      return keyStatus(id, null);
    },
  };
}
