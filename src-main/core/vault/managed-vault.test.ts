// The managed vault over a real SQLite store (vault_records), the real
// passphrase key file, the safeStorage backend on its fake, and an in-memory
// stand-in for the keychain (the real keychain is tested in *.keychain.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import { useTempStores } from '../store/testing';
import type { LocalStore } from '../store';
import { passphraseFileBackend, type KeyBackend } from './backend';
import { slotFor } from './key-status';
import { createManagedVault } from './managed-vault';
import { openPassphraseVault } from './passphrase-vault';
import { safeStorageBackend } from './safe-storage-backend';
import { createFakeSafeStorage, type FakeSafeStorage } from './testing/fake-safe-storage';
import { createMemoryBackend, type MemoryBackend } from './testing/memory-backend';
import type { PassphraseVault } from './types';
import { loadVaultSettings } from './vault-settings';

const stores = useTempStores();
const kdf = { log2N: 10, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';

let dir: string;
let store: LocalStore;
let keychain: MemoryBackend;
let fake: FakeSafeStorage;
let file: PassphraseVault;
let openai: ProviderConfig;
let anthropic: ProviderConfig;

async function provider(name: string): Promise<ProviderConfig> {
  return store.saveProvider({ id: uuidv7(), name, kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'echo', createdAt: 1, updatedAt: 1 });
}

async function vaultOn(active: KeyBackend['id'], options: { backends?: KeyBackend[]; consent?: boolean } = {}) {
  const settings = await loadVaultSettings(store);
  if (options.consent !== undefined) settings.plaintext.consent = options.consent;
  const safe = safeStorageBackend({ safeStorage: fake, platform: 'linux', plaintextConsent: () => settings.plaintext.consent });
  return createManagedVault({
    store,
    backends: options.backends ?? [keychain, safe, passphraseFileBackend(file)],
    passphraseFile: file,
    safeStorage: safe,
    active: { backend: active, reason: { code: 'chosen', unusable: null, said: null } },
    settings,
  });
}

/** Every byte of every file under `folder` (database, WAL, key file). */
function filesHolding(folder: string, needle: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => {
    const full = path.join(folder, name);
    return fs.statSync(full).isFile() && fs.readFileSync(full).includes(needle);
  });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-managed-vault-'));
  store = await stores.open(path.join(dir, 'realmultillm.sqlite'));
  keychain = createMemoryBackend('keychain');
  fake = createFakeSafeStorage({ keyStore: 'gnome_libsecret' });
  file = openPassphraseVault({ file: path.join(dir, 'keys.rmllm'), kdf });
  openai = await provider('OpenAI');
  anthropic = await provider('Anthropic');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('several keys per provider', () => {
  it('files labelled keys, gives the default to get, and lists each with its backend, hint and date', async () => {
    const vault = await vaultOn('keychain');
    const personal = await vault.set(openai.id, 'sk-personal-000000000000-AAAA');
    expect(personal).toMatchObject({ provider: openai.id, hasKey: true, hint: 'AAAA', label: 'default', isDefault: true, backend: 'keychain' });
    await vault.set(openai.id, 'sk-work-0000000000000000-BBBB', { label: 'work' });
    await vault.set(anthropic.id, 'sk-ant-00000000000000000-CCCC', { label: 'team' });

    expect(await vault.get(openai.id)).toBe('sk-personal-000000000000-AAAA');
    expect(keychain.slots.get(slotFor(openai.id, 'work'))).toBe('sk-work-0000000000000000-BBBB');
    const list = await vault.list();
    expect(list.map(({ provider: id, label, isDefault, hint }) => ({ id, label, isDefault, hint }))).toEqual(
      [
        { id: openai.id, label: 'default', isDefault: true, hint: 'AAAA' },
        { id: openai.id, label: 'work', isDefault: false, hint: 'BBBB' },
        { id: anthropic.id, label: 'team', isDefault: true, hint: 'CCCC' },
      ].sort((a, b) => a.id.localeCompare(b.id) || a.label.localeCompare(b.label)),
    );
    expect(list.every((status) => status.backend === 'keychain' && typeof status.updatedAt === 'number' && status.problem === null)).toBe(true);
    expect(JSON.stringify(list)).not.toContain('sk-');
  });

  it('switches the default, promotes another key when the default is deleted, and deletes all without a label', async () => {
    const vault = await vaultOn('keychain');
    await vault.set(openai.id, 'sk-personal-000000000000-AAAA', { label: 'personal' });
    await vault.set(openai.id, 'sk-work-0000000000000000-BBBB', { label: 'work', makeDefault: true });
    expect(await vault.get(openai.id)).toBe('sk-work-0000000000000000-BBBB');
    expect(await vault.setDefault(openai.id, 'personal')).toMatchObject({ label: 'personal', isDefault: true });
    expect(await vault.get(openai.id)).toBe('sk-personal-000000000000-AAAA');
    expect((await store.listVaultRecords(openai.id)).filter((record) => record.isDefault)).toHaveLength(1);

    expect(await vault.delete(openai.id, 'personal')).toMatchObject({ label: 'work', isDefault: true, hasKey: true });
    expect(keychain.slots.has(slotFor(openai.id, 'personal'))).toBe(false);
    await vault.set(openai.id, 'sk-third-000000000000000-DDDD', { label: 'third' });
    expect(await vault.delete(openai.id)).toMatchObject({ hasKey: false, hint: null });
    expect(await store.listVaultRecords(openai.id)).toEqual([]);
    expect(keychain.slots.size).toBe(0);
    await expect(vault.setDefault(openai.id, 'work')).rejects.toMatchObject({ code: 'vault.no_such_key' });
  });

  it('replaces a key in place, keeping it the default', async () => {
    const vault = await vaultOn('keychain');
    await vault.set(openai.id, 'sk-old-00000000000000000-OLD1');
    await vault.set(openai.id, 'sk-work-0000000000000000-BBBB', { label: 'work' });
    await vault.set(openai.id, 'sk-new-00000000000000000-NEW1');
    expect(await vault.get(openai.id)).toBe('sk-new-00000000000000000-NEW1');
    expect(await store.listVaultRecords(openai.id)).toHaveLength(2);
  });

  it('rejects a label with a slash or control characters', async () => {
    const vault = await vaultOn('keychain');
    await expect(vault.set(openai.id, 'sk-000000000000000000', { label: 'a/b' })).rejects.toMatchObject({ code: 'vault.bad_label' });
    await expect(vault.set(openai.id, 'sk-000000000000000000', { label: 'tab\there' })).rejects.toMatchObject({ code: 'vault.bad_label' });
  });
});

describe('safeStorage into SQLite', () => {
  it('keeps only ciphertext in vault_records: the key is in no file of the data folder', async () => {
    const key = `sk-canary-${uuidv7()}`;
    const vault = await vaultOn('safe-storage');
    await vault.set(openai.id, key);
    const [record] = await store.listVaultRecords(openai.id);
    expect(record).toMatchObject({ backend: 'safe-storage', hint: key.slice(-4) });
    expect(record!.encrypted!.length).toBeGreaterThan(key.length);
    expect(await vault.get(openai.id)).toBe(key);
    await store.close();
    expect(filesHolding(dir, key)).toEqual([]);
  });

  it('asks for consent on basic_text, remembers it across runs, and honours a withdrawal for new keys only', async () => {
    fake = createFakeSafeStorage({ keyStore: 'basic_text' });
    const first = await vaultOn('safe-storage');
    const before = await first.vaultStatus();
    expect(before).toMatchObject({ backend: 'safe-storage', state: 'needs-consent', needsConsent: true, plaintext: { applies: true, consent: false } });
    expect(before.problem).toMatchObject({ code: 'vault.consent_required', message: expect.stringMatching(/basic_text/) });
    await expect(first.set(openai.id, 'sk-plain-000000000000000-PPPP')).rejects.toMatchObject({ code: 'vault.consent_required' });
    expect(await store.listVaultRecords()).toEqual([]);

    const agreed = await first.setPlaintextConsent(true);
    expect(agreed).toMatchObject({ state: 'ready', plaintext: { consent: true, consentAt: expect.any(Number) } });
    await first.set(openai.id, 'sk-plain-000000000000000-PPPP');

    const nextRun = await vaultOn('safe-storage');
    expect((await nextRun.vaultStatus()).plaintext.consent).toBe(true);
    await nextRun.setPlaintextConsent(false);
    await expect(nextRun.set(anthropic.id, 'sk-more-0000000000000000-MMMM')).rejects.toMatchObject({ code: 'vault.consent_required' });
    expect(await nextRun.get(openai.id)).toBe('sk-plain-000000000000000-PPPP');
  });
});

describe('keys that cannot be read are reported by name, never dropped', () => {
  it('names provider and label when safeStorage can no longer decrypt a key, and keeps its record', async () => {
    const vault = await vaultOn('safe-storage');
    await vault.set(openai.id, 'sk-work-0000000000000000-BBBB', { label: 'work' });
    // The database moved to another machine: a new OS key that cannot open the old ciphertext.
    fake = createFakeSafeStorage();
    const moved = await vaultOn('safe-storage');
    const error = await moved.get(openai.id).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'vault.key_unreadable', message: expect.stringMatching(/"work" key of OpenAI/) });
    expect(await store.listVaultRecords(openai.id)).toHaveLength(1);
    const [listed] = await moved.list();
    expect(listed).toMatchObject({ label: 'work', hasKey: true, problem: { code: 'vault.key_unreadable' } });
    expect((await moved.vaultStatus()).unreadable).toEqual([
      expect.objectContaining({ provider: openai.id, providerName: 'OpenAI', label: 'work', backend: 'safe-storage', error: expect.objectContaining({ code: 'vault.key_unreadable' }) }),
    ]);
    expect(await moved.verify()).toEqual([expect.objectContaining({ label: 'work', ok: false })]);
    // Entering the key again clears the problem.
    await moved.set(openai.id, 'sk-work-again-0000000000-CCCC', { label: 'work' });
    expect((await moved.vaultStatus()).unreadable).toEqual([]);
  });

  it('says which key the keychain lost when its entry was removed outside the app', async () => {
    const vault = await vaultOn('keychain');
    await vault.set(anthropic.id, 'sk-ant-00000000000000000-CCCC', { label: 'team' });
    keychain.slots.clear();
    await expect(vault.get(anthropic.id)).rejects.toMatchObject({ code: 'vault.key_missing', message: expect.stringMatching(/"team" key of Anthropic.*Enter the key again/s) });
    expect(await store.listVaultRecords(anthropic.id)).toHaveLength(1);
  });

  it('keeps a safeStorage key readable by name from a run that has no safeStorage (the browser host)', async () => {
    await (await vaultOn('safe-storage')).set(openai.id, 'sk-desk-0000000000000000-DDDD');
    const browser = await vaultOn('keychain', { backends: [keychain, passphraseFileBackend(file)] });
    await expect(browser.get(openai.id)).rejects.toMatchObject({ code: 'vault.backend_unavailable', message: expect.stringMatching(/OpenAI.*desktop app/s) });
    expect((await browser.vaultStatus()).keysElsewhere).toBe(1);
  });

  it('says the keychain is locked, with the action, instead of "no key" or a silent switch', async () => {
    const vault = await vaultOn('keychain');
    await vault.set(openai.id, 'sk-personal-000000000000-AAAA');
    keychain.state = 'locked';
    await expect(vault.get(openai.id)).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/OpenAI.*Unlock it/s) });
    await expect(vault.set(anthropic.id, 'sk-ant-00000000000000000-CCCC')).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(vault.delete(openai.id)).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await vault.vaultStatus()).toMatchObject({ backend: 'keychain', state: 'locked', locked: true, problem: { code: 'vault.locked', message: expect.stringMatching(/Unlock/) } });
    expect(await store.listVaultRecords()).toHaveLength(1);
    keychain.state = 'ready';
    expect(await vault.get(openai.id)).toBe('sk-personal-000000000000-AAAA');
  });
});

describe('the passphrase key file', () => {
  it('is locked until unlocked, creates the file on first unlock, and locks again on request', async () => {
    const vault = await vaultOn('passphrase-file');
    expect(await vault.vaultStatus()).toMatchObject({ state: 'locked', locked: true, passphraseFile: { exists: false, unlocked: false } });
    await expect(vault.set(openai.id, 'sk-file-0000000000000000-FFFF')).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/Choose a passphrase/) });
    expect(await vault.unlock(passphrase)).toMatchObject({ state: 'ready', passphraseFile: { exists: true, unlocked: true } });
    await vault.set(openai.id, 'sk-file-0000000000000000-FFFF');
    expect(await vault.lock()).toMatchObject({ state: 'locked', passphraseFile: { exists: true, unlocked: false } });
    await expect(vault.get(openai.id)).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(vault.unlock('wrong passphrase here')).rejects.toMatchObject({ code: 'vault.wrong_passphrase' });
    await vault.unlock(passphrase);
    expect(await vault.get(openai.id)).toBe('sk-file-0000000000000000-FFFF');
  });
});

describe('after unlocking the key file', () => {
  it('no longer lists keys as unreadable because the file was locked', async () => {
    const vault = await vaultOn('passphrase-file');
    await vault.unlock(passphrase);
    await vault.set(openai.id, 'sk-file-0000000000000000-FFFF');
    await vault.lock();
    await expect(vault.get(openai.id)).rejects.toMatchObject({ code: 'vault.locked' });
    expect((await vault.vaultStatus()).unreadable).toHaveLength(1);
    const unlocked = await vault.unlock(passphrase);
    expect(unlocked).toMatchObject({ state: 'ready', locked: false, unreadable: [] });
    expect((await vault.list()).map((key) => key.problem)).toEqual([null]);
  });

  it('says whether a new key can be saved now, and why not', async () => {
    const vault = await vaultOn('passphrase-file');
    await expect(vault.ensureWritable()).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/Settings → Keys and vault/) });
    await vault.unlock(passphrase);
    await expect(vault.ensureWritable()).resolves.toBeUndefined();
  });
});

describe('moving keys between backends', () => {
  const keys = {
    openaiDefault: 'sk-openai-default-0000000-AAAA',
    openaiWork: 'sk-openai-work-000000000-BBBB',
    anthropic: 'sk-anthropic-000000000000-CCCC',
  };

  async function fillOn(active: KeyBackend['id']) {
    const vault = await vaultOn(active);
    await vault.set(openai.id, keys.openaiDefault);
    await vault.set(openai.id, keys.openaiWork, { label: 'work' });
    await vault.set(anthropic.id, keys.anthropic);
    return vault;
  }

  async function expectEveryKey(vault: Awaited<ReturnType<typeof vaultOn>>) {
    const all = await vault.readAll();
    expect(all.failed).toEqual([]);
    expect(new Set(all.keys.map((key) => key.key))).toEqual(new Set(Object.values(keys)));
    expect(await vault.get(openai.id)).toBe(keys.openaiDefault);
  }

  it('keeps every key through keychain → safeStorage → key file → keychain, removing the old copies', async () => {
    await file.unlock(passphrase);
    const vault = await fillOn('keychain');

    const toSafe = await vault.migrate('safe-storage');
    expect(toSafe).toMatchObject({ backend: 'safe-storage', failed: [], leftCopies: [] });
    expect(toSafe.moved).toHaveLength(3);
    expect(keychain.slots.size).toBe(0);
    expect((await store.listVaultRecords()).every((record) => record.backend === 'safe-storage' && record.encrypted !== null)).toBe(true);
    await expectEveryKey(vault);

    const toFile = await vault.migrate('passphrase-file');
    expect(toFile.moved).toHaveLength(3);
    expect((await store.listVaultRecords()).every((record) => record.backend === 'passphrase-file' && record.encrypted === null)).toBe(true);
    await expectEveryKey(vault);

    const back = await vault.migrate('keychain');
    expect(back.moved).toHaveLength(3);
    expect(await file.list()).toEqual([]);
    await expectEveryKey(vault);
    expect(back.status).toMatchObject({ backend: 'keychain', keysElsewhere: 0 });
    // The choice is remembered for the next run.
    expect((await loadVaultSettings(store)).backend).toBe('keychain');
  });

  it('loses nothing when the move fails part-way: failed keys stay where they were and are named', async () => {
    await fillOn('keychain');
    const target = createMemoryBackend('passphrase-file');
    target.failWrite = (slot) => slot === slotFor(openai.id, 'work');
    const withFlaky = await vaultOn('keychain', { backends: [keychain, target] });
    const report = await withFlaky.migrate('passphrase-file');
    expect(report.moved).toHaveLength(2);
    expect(report.failed).toEqual([expect.objectContaining({ provider: openai.id, providerName: 'OpenAI', label: 'work', backend: 'keychain' })]);
    expect(keychain.slots.get(slotFor(openai.id, 'work'))).toBe(keys.openaiWork);
    expect(report.status.keysElsewhere).toBe(1);
    const all = await withFlaky.readAll();
    expect(new Set(all.keys.map((key) => key.key))).toEqual(new Set(Object.values(keys)));

    // Retrying once the target works finishes the move.
    target.failWrite = null;
    const retry = await withFlaky.migrate('passphrase-file');
    expect(retry.moved).toEqual([expect.objectContaining({ label: 'work' })]);
    expect(keychain.slots.size).toBe(0);
  });

  it('undoes the copy when the record cannot be updated, and reports a copy it could not remove', async () => {
    await fillOn('keychain');
    const target = createMemoryBackend('passphrase-file');
    const withTarget = await vaultOn('keychain', { backends: [keychain, target] });
    // A record update that fails for Anthropic's key only.
    const realPut = store.putVaultRecord.bind(store);
    Object.assign(store, {
      putVaultRecord: (record: Parameters<typeof realPut>[0]) =>
        record.providerId === anthropic.id && record.backend === 'passphrase-file' ? Promise.reject(new Error('disk full')) : realPut(record),
    });
    keychain.failRemove = (slot) => slot === openai.id;
    const report = await withTarget.migrate('passphrase-file');
    Object.assign(store, { putVaultRecord: realPut });

    expect(report.failed).toEqual([expect.objectContaining({ provider: anthropic.id, error: expect.objectContaining({ code: 'vault.migrate_failed' }) })]);
    expect(target.slots.has(anthropic.id)).toBe(false);
    expect(keychain.slots.get(anthropic.id)).toBe(keys.anthropic);
    expect(report.leftCopies).toEqual([expect.objectContaining({ provider: openai.id, label: 'default' })]);
    expect(await withTarget.get(anthropic.id)).toBe(keys.anthropic);
    expect(await withTarget.get(openai.id)).toBe(keys.openaiDefault);
  });

  it('refuses to move to a backend that is not ready, changing nothing', async () => {
    const vault = await fillOn('keychain');
    await expect(vault.migrate('passphrase-file')).rejects.toMatchObject({ code: 'vault.locked' });
    expect((await store.listVaultRecords()).every((record) => record.backend === 'keychain')).toBe(true);
    expect(vault.backend).toBe('keychain');
  });
});

describe('keys saved before keys had records', () => {
  it('adopts keychain entries of known providers as their default key, and ignores other data folders', async () => {
    keychain.slots.set(openai.id, 'sk-earlier-0000000000000-EEEE');
    keychain.slots.set(uuidv7(), 'sk-other-folder-00000000-OOOO');
    keychain.slots.set('not-a-provider-id', 'sk-something-else-000000-XXXX');
    const vault = await vaultOn('keychain');
    await vault.adoptEarlierKeys();
    expect(await vault.list()).toEqual([expect.objectContaining({ provider: openai.id, label: 'default', isDefault: true, hint: 'EEEE', backend: 'keychain' })]);
    expect(await vault.get(openai.id)).toBe('sk-earlier-0000000000000-EEEE');
  });
});
