// The vault's two settings, kept in the store's settings table as local (never
// synced) values, because both are about this device: which backend new keys go
// to, and whether the user agreed to keys stored unencrypted (Linux basic_text).
import { KeyBackend } from '../../../src-shared/domain';
import type { VaultStore } from './types';

export const BACKEND_SETTING = 'vault.backend';
export const PLAINTEXT_CONSENT_SETTING = 'vault.plaintextConsent';

export interface PlaintextConsent {
  consent: boolean;
  /** When the user last gave or withdrew it. */
  at: number | null;
}

export interface VaultSettings {
  /** The backend recorded last time keys were saved or moved; null on a fresh install. */
  backend: KeyBackend | null;
  plaintext: PlaintextConsent;
}

export async function loadVaultSettings(store: Pick<VaultStore, 'getSetting'>): Promise<VaultSettings> {
  const [backend, consent] = await Promise.all([store.getSetting(BACKEND_SETTING), store.getSetting(PLAINTEXT_CONSENT_SETTING)]);
  const parsedBackend = KeyBackend.safeParse(backend?.value);
  const value = consent?.value as { consent?: unknown; at?: unknown } | null | undefined;
  return {
    backend: parsedBackend.success ? parsedBackend.data : null,
    plaintext: {
      consent: value?.consent === true,
      at: typeof value?.at === 'number' ? value.at : null,
    },
  };
}

export async function saveBackendSetting(store: Pick<VaultStore, 'setSetting'>, backend: KeyBackend): Promise<void> {
  await store.setSetting(BACKEND_SETTING, backend, false);
}

export async function savePlaintextConsent(store: Pick<VaultStore, 'setSetting'>, consent: PlaintextConsent): Promise<void> {
  await store.setSetting(PLAINTEXT_CONSENT_SETTING, consent, false);
}
