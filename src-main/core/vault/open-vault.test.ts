// Which backend new keys go to at start-up. The real keychain's part (answers,
// locked, unreachable) runs in keychain-vault.keychain.test.ts under gnome-keyring.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/api/errors';
import { uuidv7 } from '../../../src-shared/ids';
import { useTempStores } from '../store/testing';
import type { BackendHealth } from './backend';
import { chooseBackend, openKeyVault, type OfferedBackend } from './open-vault';
import { createFakeSafeStorage } from './testing/fake-safe-storage';

const ready: BackendHealth = { state: 'ready' };
const locked: BackendHealth = { state: 'locked', error: new AppError('vault.locked', 'Your system keychain is locked. Unlock it.') };
const unreachable: BackendHealth = {
  state: 'unavailable',
  error: new AppError('vault.unavailable', 'RealMultiLLM cannot reach the system keychain. Start a keyring.', { said: 'Cannot autolaunch D-Bus without X11 $DISPLAY' }),
};
const consent: BackendHealth = { state: 'needs-consent', error: new AppError('vault.consent_required', 'Keys would be stored unencrypted.') };
const fileLocked: BackendHealth = { state: 'locked', error: new AppError('vault.locked', 'The key file is locked.') };

const offer = (keychain: BackendHealth, safe: BackendHealth | null, file: BackendHealth | null): OfferedBackend[] => [
  { id: 'keychain', health: keychain },
  ...(safe ? [{ id: 'safe-storage' as const, health: safe }] : []),
  ...(file ? [{ id: 'passphrase-file' as const, health: file }] : []),
];

describe('choosing where new keys go', () => {
  it('takes the keychain when it answers', () => {
    expect(chooseBackend(offer(ready, ready, fileLocked), null, [])).toMatchObject({ backend: 'keychain', reason: { code: 'keychain-answered', unusable: null } });
  });

  it('takes safeStorage in the desktop app when no keychain answers, and says why with the system\'s words', () => {
    expect(chooseBackend(offer(unreachable, ready, fileLocked), null, [])).toEqual({
      backend: 'safe-storage',
      reason: { code: 'keychain-unreachable', unusable: null, said: 'Cannot autolaunch D-Bus without X11 $DISPLAY' },
    });
  });

  it('stays on a locked keychain (the user can unlock it) rather than switching', () => {
    expect(chooseBackend(offer(locked, ready, fileLocked), null, []).backend).toBe('keychain');
    expect(chooseBackend(offer(locked, consent, fileLocked), null, []).backend).toBe('keychain');
    expect(chooseBackend(offer(locked, null, fileLocked), null, []).backend).toBe('keychain');
  });

  it('asks for plaintext consent before falling to the key file in the desktop app', () => {
    expect(chooseBackend(offer(unreachable, consent, fileLocked), null, [])).toMatchObject({ backend: 'safe-storage', reason: { code: 'safe-storage-no-keyring' } });
  });

  it('takes the key file in the browser host when no keychain answers', () => {
    expect(chooseBackend(offer(unreachable, null, fileLocked), null, [])).toMatchObject({ backend: 'passphrase-file', reason: { code: 'keychain-unreachable' } });
    expect(chooseBackend([{ id: 'passphrase-file', health: fileLocked }], null, [])).toEqual({
      backend: 'passphrase-file',
      reason: { code: 'no-keychain', unusable: null, said: null },
    });
  });

  it('keeps the backend recorded last run even when it does not answer today: no silent fallback', () => {
    expect(chooseBackend(offer(unreachable, ready, fileLocked), 'keychain', ['keychain'])).toMatchObject({
      backend: 'keychain',
      reason: { code: 'saved-last-time', unusable: null, said: null },
    });
    expect(chooseBackend(offer(ready, ready, fileLocked), 'passphrase-file', []).backend).toBe('passphrase-file');
  });

  it('follows the keys when nothing was recorded, and says so when the recorded backend is missing in this run', () => {
    expect(chooseBackend(offer(ready, null, fileLocked), null, ['passphrase-file', 'passphrase-file', 'keychain'])).toMatchObject({
      backend: 'passphrase-file',
      reason: { code: 'keys-kept-there' },
    });
    const browser = chooseBackend(offer(unreachable, null, fileLocked), 'safe-storage', ['safe-storage']);
    expect(browser).toMatchObject({ backend: 'passphrase-file', reason: { code: 'keychain-unreachable', unusable: 'safe-storage' } });
  });
});

describe('opening the vault over a real store', () => {
  const stores = useTempStores();
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens on safeStorage without a keychain, and remembers it once a key is saved', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-open-vault-'));
    const store = await stores.open(path.join(dir, 'db.sqlite'));
    const provider = await store.saveProvider({ id: uuidv7(), name: 'Echo', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'echo', createdAt: 1, updatedAt: 1 });
    const safeStorage = { api: createFakeSafeStorage(), platform: 'linux' as const };
    const options = { store, keychain: false as const, safeStorage, passphraseFile: { file: path.join(dir, 'keys.rmllm'), kdf: { log2N: 10, r: 8, p: 1 } } };

    const first = await openKeyVault(options);
    expect(first.choice.backend).toBe('safe-storage');
    await first.vault.set(provider.id, 'sk-open-vault-0000000000-KKKK');
    const status = await first.vault.vaultStatus();
    expect(status).toMatchObject({ backend: 'safe-storage', state: 'ready', passphraseFile: { exists: false, unlocked: false }, plaintext: { applies: false } });
    expect(status.backends.map(({ backend, state, keys }) => ({ backend, state, keys }))).toEqual([
      { backend: 'safe-storage', state: 'ready', keys: 1 },
      { backend: 'passphrase-file', state: 'locked', keys: 0 },
    ]);

    // Next run safeStorage is unusable: the vault stays on it and says what to do; the key is not lost.
    const brokenSafeStorage = { api: createFakeSafeStorage({ available: false }), platform: 'linux' as const };
    const next = await openKeyVault({ ...options, safeStorage: brokenSafeStorage });
    expect(next.choice).toMatchObject({ backend: 'safe-storage', reason: { code: 'saved-last-time' } });
    expect(await next.vault.vaultStatus()).toMatchObject({ state: 'unavailable', problem: { code: 'vault.unavailable' } });
    expect(await store.listVaultRecords()).toHaveLength(1);
  });
});
