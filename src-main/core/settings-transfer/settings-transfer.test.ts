// Settings export and import over real SQLite stores: keys never leave unless
// the user gives a passphrase, and then only sealed; import restores them.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { useTempStores } from '../store/testing';
import type { LocalStore } from '../store';
import { createManagedVault } from '../vault/managed-vault';
import { createMemoryBackend, type MemoryBackend } from '../vault/testing/memory-backend';
import { loadVaultSettings } from '../vault/vault-settings';
import { exportSettings, importSettings } from './settings-transfer';

const stores = useTempStores();
const kdf = { log2N: 10, r: 8, p: 1 };
const passphrase = 'export passphrase 123';
const personal = `sk-personal-${uuidv7()}`;
const work = `sk-work-${uuidv7()}`;

async function setup(): Promise<{ store: LocalStore; keychain: MemoryBackend; vault: ReturnType<typeof createManagedVault> }> {
  const store = await stores.open();
  const keychain = createMemoryBackend('keychain');
  const vault = createManagedVault({
    store,
    backends: [keychain],
    active: { backend: 'keychain', reason: { code: 'keychain-answered', unusable: null, said: null } },
    settings: await loadVaultSettings(store),
  });
  return { store, keychain, vault };
}

async function source() {
  const here = await setup();
  const provider = await here.store.saveProvider({ id: uuidv7(), name: 'OpenAI', kind: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', createdAt: 1, updatedAt: 1 });
  await here.store.setProviderSettings(provider.id, { organization: 'org-42', headers: { 'X-Team': 'blue' } });
  await here.store.setSetting('ui.theme', 'dark', true);
  await here.store.setSetting('window.bounds', { w: 800 }, false);
  await here.vault.set(provider.id, personal, { label: 'personal' });
  await here.vault.set(provider.id, work, { label: 'work', makeDefault: true });
  return { ...here, provider };
}

describe('settings export', () => {
  it('carries providers, their settings and the synced settings, and no key, hint or key material without a passphrase', async () => {
    const { store, vault, provider } = await source();
    const exported = await exportSettings({ store, vault, kdf });
    expect(exported).toMatchObject({ includesKeys: false, keys: 0, skipped: [] });
    expect(exported.fileName).toMatch(/^realmultillm-settings-\d{4}-\d{2}-\d{2}\.json$/);
    for (const secret of [personal, work, personal.slice(-4), work.slice(-4)]) expect(exported.content).not.toContain(secret);
    const file = JSON.parse(exported.content);
    expect(file.encryptedKeys).toBeNull();
    expect(file.providers).toEqual([expect.objectContaining({ id: provider.id, name: 'OpenAI', settings: { organization: 'org-42', headers: { 'X-Team': 'blue' } } })]);
    expect(file.settings).toEqual([{ key: 'ui.theme', value: 'dark' }]);
    expect(file.keys).toEqual(
      expect.arrayContaining([
        { provider: provider.id, label: 'personal', isDefault: false },
        { provider: provider.id, label: 'work', isDefault: true },
      ]),
    );
  });

  it('seals the keys with the passphrase when asked, so they appear only encrypted', async () => {
    const { store, vault } = await source();
    const exported = await exportSettings({ store, vault, kdf }, passphrase);
    expect(exported).toMatchObject({ includesKeys: true, keys: 2, skipped: [] });
    expect(exported.fileName).toMatch(/-with-keys\.json$/);
    expect(exported.content).not.toContain(personal);
    expect(exported.content).not.toContain(work);
    const sealed = Buffer.from(JSON.parse(exported.content).encryptedKeys, 'base64');
    expect(sealed.subarray(0, 8).toString('ascii')).toBe('RMLLMKEY');
    expect(sealed.includes(personal)).toBe(false);
  });

  it('refuses a short export passphrase', async () => {
    const { store, vault } = await source();
    await expect(exportSettings({ store, vault, kdf }, 'short')).rejects.toMatchObject({ code: 'settings.weak_passphrase' });
  });

  it('names a key it could not read and leaves it out', async () => {
    const { store, vault, keychain, provider } = await source();
    keychain.slots.delete(`${provider.id}/personal`);
    const exported = await exportSettings({ store, vault, kdf }, passphrase);
    expect(exported.keys).toBe(1);
    expect(exported.skipped).toEqual([expect.objectContaining({ providerName: 'OpenAI', label: 'personal', error: expect.objectContaining({ code: 'vault.key_missing' }) })]);
  });
});

describe('settings import', () => {
  it('restores providers, settings and, with the passphrase, every key with its default', async () => {
    const from = await source();
    const content = (await exportSettings({ store: from.store, vault: from.vault, kdf }, passphrase)).content;
    const to = await setup();
    expect(await importSettings({ store: to.store, vault: to.vault }, content, passphrase)).toEqual({ providers: 1, settings: 1, keys: 2, keysLeftOut: 0 });
    expect(await to.store.getProvider(from.provider.id)).toMatchObject({ name: 'OpenAI', model: 'gpt-4o' });
    expect(await to.store.getProviderSettings(from.provider.id)).toEqual({ organization: 'org-42', headers: { 'X-Team': 'blue' } });
    expect((await to.store.getSetting('ui.theme'))?.value).toBe('dark');
    expect(await to.store.getSetting('window.bounds')).toBeNull();
    expect(await to.vault.get(from.provider.id)).toBe(work);
    expect((await to.vault.list()).map(({ label, isDefault }) => ({ label, isDefault }))).toEqual([
      { label: 'personal', isDefault: false },
      { label: 'work', isDefault: true },
    ]);
  });

  it('imports everything but the keys without a passphrase, and says how many it left out', async () => {
    const from = await source();
    const content = (await exportSettings({ store: from.store, vault: from.vault, kdf }, passphrase)).content;
    const to = await setup();
    expect(await importSettings({ store: to.store, vault: to.vault }, content)).toEqual({ providers: 1, settings: 1, keys: 0, keysLeftOut: 2 });
    expect(await to.vault.list()).toEqual([]);
  });

  it('writes nothing when the passphrase is wrong or the sealed keys were changed', async () => {
    const from = await source();
    const content = (await exportSettings({ store: from.store, vault: from.vault, kdf }, passphrase)).content;
    const to = await setup();
    await expect(importSettings({ store: to.store, vault: to.vault }, content, 'not the passphrase')).rejects.toMatchObject({ code: 'settings.wrong_passphrase' });
    const file = JSON.parse(content);
    const sealed = Buffer.from(file.encryptedKeys, 'base64');
    sealed[sealed.length - 20]! ^= 1;
    file.encryptedKeys = sealed.toString('base64');
    await expect(importSettings({ store: to.store, vault: to.vault }, JSON.stringify(file), passphrase)).rejects.toMatchObject({ code: 'settings.keys_tampered' });
    expect(await to.store.listProviders()).toEqual([]);
    expect(await to.vault.list()).toEqual([]);
  });

  it('writes nothing when the vault cannot take the keys, and says what to do', async () => {
    const from = await source();
    const content = (await exportSettings({ store: from.store, vault: from.vault, kdf }, passphrase)).content;
    const to = await setup();
    to.keychain.state = 'locked';
    await expect(importSettings({ store: to.store, vault: to.vault }, content, passphrase)).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/Unlock/) });
    expect(await to.store.listProviders()).toEqual([]);
  });

  it('refuses a file that is not a settings export', async () => {
    const { store, vault } = await setup();
    await expect(importSettings({ store, vault }, '{"hello":1}')).rejects.toMatchObject({ code: 'settings.not_an_export' });
    await expect(importSettings({ store, vault }, 'not json')).rejects.toMatchObject({ code: 'settings.not_an_export' });
  });

  it('says which field of a damaged export is wrong as a problem the renderer words, and writes nothing', async () => {
    const { store, vault } = await setup();
    const { content } = await exportSettings({ store, vault });
    const damaged = JSON.parse(content) as { providers: unknown };
    damaged.providers = 'not a list';
    const before = await store.listProviders();
    await expect(importSettings({ store, vault }, JSON.stringify(damaged))).rejects.toMatchObject({
      code: 'settings.damaged_export',
      params: {},
      problems: [{ path: 'providers', code: 'input.wrong_type', params: {} }],
    });
    expect(await store.listProviders()).toEqual(before);
  });
});
