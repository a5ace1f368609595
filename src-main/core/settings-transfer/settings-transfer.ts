// Settings export and import: providers (with their settings), the app settings
// the user chose (the synced ones), and which keys each provider has. Keys
// themselves travel only when the user gives a passphrase, and then only inside
// `encryptedKeys` (see sealed-keys.ts). Import reads and checks the whole file,
// and opens its keys, before it writes anything.
import { z } from 'zod';
import { AppError } from '../../../src-shared/api/errors';
import { describeInvalidInput, inputProblems } from '../../../src-shared/api/input-problems';
import { isSyncVaultSlot } from '../sync/credentials';
import type { SettingsExport, SettingsImportResult } from '../../../src-shared/api/methods/vault';
import { HttpUrl, Id, ProviderKind } from '../../../src-shared/domain';
import { ProviderSettings } from '../../../src-shared/entities/provider-settings';
import { SettingKey } from '../../../src-shared/entities/settings';
import type { ProviderStore, SettingStore } from '../store';
import type { KdfParams } from '../vault/key-file-format';
import { checkLabel, parseSlot, slotFor } from '../vault/key-status';
import type { ManagedVault } from '../vault/types';
import { openSealedKeys, sealKeys } from './sealed-keys';

export const SETTINGS_FORMAT = 'realmultillm.settings';
export const SETTINGS_VERSION = 1;

const SettingsFile = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  providers: z.array(
    z.object({ id: Id, name: z.string().min(1).max(100), kind: ProviderKind, baseUrl: HttpUrl, model: z.string().min(1).max(200), settings: ProviderSettings }),
  ),
  settings: z.array(z.object({ key: SettingKey, value: z.json() })),
  /** Which keys each provider had: names only, never a key or a hint. */
  keys: z.array(z.object({ provider: Id, label: z.string(), isDefault: z.boolean() })),
  /** Base64 of a key file holding the keys, sealed with the export passphrase; null when keys were left out. */
  encryptedKeys: z.string().nullable(),
});
type SettingsFile = z.infer<typeof SettingsFile>;

export type SettingsTransferStore = Pick<
  ProviderStore,
  'listProviders' | 'getProvider' | 'saveProvider' | 'getProviderSettings' | 'setProviderSettings'
> &
  Pick<SettingStore, 'listSettings' | 'setSetting'>;

export interface SettingsTransferOptions {
  store: SettingsTransferStore;
  vault: ManagedVault;
  /** scrypt cost for the export passphrase; tests lower it. */
  kdf?: KdfParams;
  now?: () => number;
}

export async function exportSettings(options: SettingsTransferOptions, passphrase?: string): Promise<SettingsExport> {
  const { store, vault } = options;
  const now = new Date((options.now ?? Date.now)());
  const providers = await store.listProviders();
  const withSettings = await Promise.all(
    providers.map(async ({ id, name, kind, baseUrl, model }) => ({ id, name, kind, baseUrl, model, settings: await store.getProviderSettings(id) })),
  );
  const settings = (await store.listSettings()).filter((setting) => setting.synced).map(({ key, value }) => ({ key, value }));
  const listed = (await vault.list()).filter((status) => status.hasKey && !isSyncVaultSlot(status.provider));
  const file: SettingsFile = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    providers: withSettings,
    settings: settings as SettingsFile['settings'],
    keys: listed.map((status) => ({ provider: status.provider, label: status.label ?? 'default', isDefault: status.isDefault ?? false })),
    encryptedKeys: null,
  };
  let skipped: SettingsExport['skipped'] = [];
  let keyCount = 0;
  if (passphrase !== undefined) {
    // The team server sign-in belongs to this device: it never travels in an export.
    const all = await vault.readAll();
    const keys = all.keys.filter((key) => !isSyncVaultSlot(key.provider));
    const failed = all.failed.filter((key) => !isSyncVaultSlot(key.provider));
    const sealed = await sealKeys(new Map(keys.map((key) => [slotFor(key.provider, key.label), key.key])), passphrase, options.kdf);
    file.encryptedKeys = sealed.toString('base64');
    file.keys = keys.map(({ provider, label, isDefault }) => ({ provider, label, isDefault }));
    skipped = failed.map(({ provider, providerName, label, backend, error }) => ({ provider, providerName, label, backend, error: error ?? new AppError('vault.key_unreadable', 'It could not be read.').toJSON() }));
    keyCount = keys.length;
  }
  const day = now.toISOString().slice(0, 10);
  return {
    fileName: `realmultillm-settings-${day}${passphrase !== undefined ? '-with-keys' : ''}.json`,
    content: `${JSON.stringify(file, null, 2)}\n`,
    includesKeys: passphrase !== undefined,
    keys: keyCount,
    skipped,
  };
}

function parseFile(content: string): SettingsFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new AppError('settings.not_an_export', 'That file is not a RealMultiLLM settings export (it is not JSON). Choose the file the export made.');
  }
  if ((json as { format?: unknown } | null)?.format !== SETTINGS_FORMAT) {
    throw new AppError('settings.not_an_export', 'That file is not a RealMultiLLM settings export. Choose the file the export made.');
  }
  if ((json as { version?: unknown }).version !== SETTINGS_VERSION) {
    throw new AppError('settings.newer_export', 'That settings export was made by a newer version of RealMultiLLM. Update the app, then import it.');
  }
  const parsed = SettingsFile.safeParse(json);
  if (!parsed.success) {
    throw new AppError('settings.damaged_export', `That settings export is damaged (${describeInvalidInput(parsed.error)}). Nothing was imported.`).withProblems(
      inputProblems(parsed.error),
    );
  }
  return parsed.data;
}

export async function importSettings(options: SettingsTransferOptions, content: string, passphrase?: string): Promise<SettingsImportResult> {
  const { store, vault } = options;
  const file = parseFile(content);
  const labels = new Map(file.keys.map((key) => [slotFor(key.provider, checkLabel(key.label)), key]));

  let keys = new Map<string, string>();
  if (file.encryptedKeys !== null && passphrase !== undefined) {
    keys = await openSealedKeys(Buffer.from(file.encryptedKeys, 'base64'), passphrase);
    const status = await vault.vaultStatus();
    if (keys.size > 0 && status.state !== 'ready') {
      throw new AppError(status.needsConsent ? 'vault.consent_required' : 'vault.locked', `The keys cannot be saved yet: ${status.problem?.message ?? 'the vault is not ready.'} Nothing was imported.`);
    }
  }

  const time = (options.now ?? Date.now)();
  for (const provider of file.providers) {
    const existing = await store.getProvider(provider.id);
    const { settings, ...config } = provider;
    await store.saveProvider({ ...config, createdAt: existing?.createdAt ?? time, updatedAt: time });
    if (Object.keys(settings).length > 0) await store.setProviderSettings(provider.id, settings);
  }
  for (const setting of file.settings) await store.setSetting(setting.key, setting.value, true);

  let imported = 0;
  for (const [slot, key] of keys) {
    const { provider, label } = parseSlot(slot);
    if (!(await store.getProvider(provider))) continue;
    await vault.set(provider, key, { label, makeDefault: labels.get(slot)?.isDefault ?? false });
    imported += 1;
  }
  return {
    providers: file.providers.length,
    settings: file.settings.length,
    keys: imported,
    keysLeftOut: file.encryptedKeys !== null && passphrase === undefined ? file.keys.length : 0,
  };
}
