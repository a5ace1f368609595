import { isSyncVaultSlot } from '../../sync/credentials';
import { exportSettings, importSettings } from '../../settings-transfer/settings-transfer';
import type { ProviderStore, SettingStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';
import { requireProvider, setKey } from './providers';

export function vaultHandlers(deps: StoreDeps<ProviderStore & SettingStore>): HandlersOf<'vault'> & HandlersOf<'settings'> {
  const { vault, store } = deps;
  return {
    // The team server sign-in is in the vault too, but it is not a key the renderer lists.
    'vault.list': async () => (await vault.list()).filter((key) => !isSyncVaultSlot(key.provider)),
    'vault.status': async () => vault.vaultStatus(),
    'vault.setKey': async ({ provider, key, label, makeDefault }) => {
      await requireProvider(deps, provider);
      return setKey(deps, provider, key, { label, makeDefault });
    },
    'vault.deleteKey': async ({ provider, label }) => vault.delete(provider, label),
    'vault.setDefault': async ({ provider, label }) => vault.setDefault(provider, label),
    'vault.unlock': async ({ passphrase }) => {
      deps.redactor.add(passphrase);
      return vault.unlock(passphrase);
    },
    'vault.lock': async () => vault.lock(),
    'vault.setPlaintextConsent': async ({ consent }) => vault.setPlaintextConsent(consent),
    'vault.migrate': async ({ to }) => vault.migrate(to),
    'vault.verify': async () => (await vault.verify()).filter((key) => !isSyncVaultSlot(key.provider)),
    'settings.export': async ({ passphrase }) => {
      if (passphrase) deps.redactor.add(passphrase);
      return exportSettings({ store, vault }, passphrase);
    },
    'settings.import': async ({ content, passphrase }) => {
      if (passphrase) deps.redactor.add(passphrase);
      return importSettings({ store, vault }, content, passphrase);
    },
  };
}
