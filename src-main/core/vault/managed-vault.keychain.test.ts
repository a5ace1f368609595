// The managed vault on the real keychain (a private gnome-keyring, see
// scripts/with-keyring.mjs) and a real SQLite store: labelled keys, moving them
// to safeStorage (on its fake) and the key file and back, adopting keys that
// earlier versions filed. Run with `npm run test:keychain`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import { useTempStores } from '../store/testing';
import type { LocalStore } from '../store';
import { openKeyVault } from './open-vault';
import { createFakeSafeStorage } from './testing/fake-safe-storage';
import { requirePrivateKeyring } from './testing/keyring';

requirePrivateKeyring();

const service = process.env.REALMULTILLM_KEYCHAIN_SERVICE as string;
const stores = useTempStores();
const kdf = { log2N: 10, r: 8, p: 1 };
let dir: string;
let store: LocalStore;
let provider: ProviderConfig;

const fakeKey = (label: string) => `sk-managed-${label}-${crypto.randomBytes(12).toString('hex')}`;

async function open() {
  return openKeyVault({
    store,
    safeStorage: { api: createFakeSafeStorage(), platform: 'linux' },
    passphraseFile: { file: path.join(dir, 'keys.rmllm'), kdf },
  });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-managed-keychain-'));
  store = await stores.open(path.join(dir, 'realmultillm.sqlite'));
  provider = await store.saveProvider({ id: uuidv7(), name: 'Keychain test', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'echo', createdAt: 1, updatedAt: 1 });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(async () => {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
});

describe('managed vault on a real keychain', () => {
  it('picks the keychain and files each labelled key under its own account', async () => {
    const { vault, choice } = await open();
    expect(choice.backend).toBe('keychain');
    const personal = fakeKey('personal');
    const work = fakeKey('work');
    await vault.set(provider.id, personal);
    await vault.set(provider.id, work, { label: 'work', makeDefault: true });
    expect(await keytar.getPassword(service, provider.id)).toBe(personal);
    expect(await keytar.getPassword(service, `${provider.id}/work`)).toBe(work);
    expect(await vault.get(provider.id)).toBe(work);
    expect((await vault.vaultStatus()).state).toBe('ready');
    // Nothing secret in SQLite: records hold no ciphertext for the keychain.
    expect((await store.listVaultRecords()).every((record) => record.encrypted === null && record.backend === 'keychain')).toBe(true);
  });

  it('keeps every key when they move keychain → safeStorage → key file → keychain, and empties the old places', async () => {
    const { vault } = await open();
    const keys = [fakeKey('a'), fakeKey('b'), fakeKey('c')];
    await vault.set(provider.id, keys[0]!);
    await vault.set(provider.id, keys[1]!, { label: 'second' });
    await vault.set(provider.id, keys[2]!, { label: 'third' });

    expect((await vault.migrate('safe-storage')).failed).toEqual([]);
    expect(await keytar.getPassword(service, provider.id)).toBeNull();
    expect(await keytar.getPassword(service, `${provider.id}/second`)).toBeNull();

    await vault.unlock('key file passphrase');
    expect((await vault.migrate('passphrase-file')).failed).toEqual([]);
    expect((await vault.migrate('keychain')).failed).toEqual([]);
    expect(await keytar.getPassword(service, `${provider.id}/third`)).toBe(keys[2]);
    const all = await vault.readAll();
    expect(all.failed).toEqual([]);
    expect(all.keys.map((key) => key.key).sort()).toEqual([...keys].sort());
    expect((await vault.vaultStatus()).keysElsewhere).toBe(0);
  });

  it('adopts a key an earlier version filed under the provider id, as its default', async () => {
    const earlier = fakeKey('earlier');
    await keytar.setPassword(service, provider.id, earlier);
    const { vault } = await open();
    expect(await vault.list()).toEqual([expect.objectContaining({ provider: provider.id, label: 'default', isDefault: true, hint: earlier.slice(-4) })]);
    expect(await vault.get(provider.id)).toBe(earlier);
  });
});
