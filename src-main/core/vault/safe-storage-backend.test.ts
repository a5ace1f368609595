// The safeStorage backend against a fake of Electron's async safeStorage API
// (testing/fake-safe-storage.ts) that behaves like the real one: async, lazily
// initialised, machine-bound ciphertext, `basic_text` on Linux without a keyring.
import { describe, expect, it } from 'vitest';
import { safeStorageBackend } from './safe-storage-backend';
import { createFakeSafeStorage, type FakeSafeStorageOptions } from './testing/fake-safe-storage';

const key = 'sk-proj-safe-storage-0123456789-WXYZ';

function backendWith(options: FakeSafeStorageOptions & { consent?: boolean; platform?: NodeJS.Platform } = {}) {
  const fake = createFakeSafeStorage(options);
  let consent = options.consent ?? false;
  const backend = safeStorageBackend({ safeStorage: fake, platform: options.platform ?? 'linux', plaintextConsent: () => consent });
  return { fake, backend, setConsent: (value: boolean) => (consent = value) };
}

describe('safeStorage backend', () => {
  it('encrypts with the async API into ciphertext that holds no trace of the key, and reads it back', async () => {
    const { fake, backend } = backendWith();
    expect(await backend.health()).toEqual({ state: 'ready' });
    const ciphertext = await backend.write('provider', key);
    expect(ciphertext).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(ciphertext!).includes(key)).toBe(false);
    expect(Buffer.from(ciphertext!).includes(key.slice(-8))).toBe(false);
    expect(await backend.read('provider', ciphertext)).toEqual({ secret: key, refreshed: null });
    expect(fake.calls).toContain('encryptStringAsync');
    expect(fake.calls).toContain('decryptStringAsync');
    expect(fake.calls.some((call) => /^(encryptString|decryptString|isEncryptionAvailable)$/.test(call))).toBe(false);
  });

  it('refuses to save a key on Linux basic_text until the user agrees, then saves it', async () => {
    const { backend, setConsent } = backendWith({ keyStore: 'basic_text' });
    const health = await backend.health();
    expect(health.state).toBe('needs-consent');
    expect(backend.isPlaintext()).toBe(true);
    await expect(backend.write('provider', key)).rejects.toMatchObject({ code: 'vault.consent_required', message: expect.stringMatching(/basic_text.*unencrypted.*passphrase/s) });
    setConsent(true);
    expect(await backend.health()).toEqual({ state: 'ready' });
    const ciphertext = await backend.write('provider', key);
    // Withdrawing consent stops new saves but never loses a key already saved.
    setConsent(false);
    expect((await backend.read('provider', ciphertext))?.secret).toBe(key);
    await expect(backend.write('provider', key)).rejects.toMatchObject({ code: 'vault.consent_required' });
  });

  it('treats a Linux key store it cannot name ("unknown") as plaintext', async () => {
    const { backend } = backendWith({ keyStore: 'unknown' });
    expect((await backend.health()).state).toBe('needs-consent');
  });

  it('asks for no consent on macOS and Windows, where safeStorage always has an OS key', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { backend } = backendWith({ keyStore: 'basic_text', platform });
      expect(await backend.health()).toEqual({ state: 'ready' });
      expect(backend.isPlaintext()).toBe(false);
    }
  });

  it('says so, and saves nothing, when no OS key store answers', async () => {
    const { backend } = backendWith({ available: false });
    const health = await backend.health();
    expect(health).toMatchObject({ state: 'unavailable', error: { code: 'vault.unavailable' } });
    await expect(backend.write('provider', key)).rejects.toMatchObject({ code: 'vault.unavailable' });
  });

  it('reports a key encrypted on another machine, or damaged, as unreadable, without quoting it', async () => {
    const here = backendWith();
    const elsewhere = backendWith();
    const foreign = await elsewhere.backend.write('provider', key);
    const error = await here.backend.read('provider', foreign).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'vault.key_unreadable', message: expect.stringMatching(/another computer.*enter the key again/s) });
    expect((error as Error).message).not.toContain(key);

    const damaged = await here.backend.write('provider', key);
    damaged![damaged!.length - 1]! ^= 1;
    await expect(here.backend.read('provider', damaged)).rejects.toMatchObject({ code: 'vault.key_unreadable' });
  });

  it('says the key store is locked, not that the key is gone, while safeStorage is temporarily unavailable', async () => {
    const { fake, backend } = backendWith();
    const ciphertext = await backend.write('provider', key);
    fake.setTemporarilyUnavailable(true);
    await expect(backend.read('provider', ciphertext)).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/not lost/) });
    fake.setTemporarilyUnavailable(false);
    expect((await backend.read('provider', ciphertext))?.secret).toBe(key);
  });

  it('hands back fresh ciphertext after the OS key rotated, which then reads without re-encryption', async () => {
    const { fake, backend } = backendWith();
    const old = await backend.write('provider', key);
    fake.rotateKey();
    const read = await backend.read('provider', old);
    expect(read?.secret).toBe(key);
    expect(read?.refreshed).toBeInstanceOf(Uint8Array);
    expect(await backend.read('provider', read!.refreshed)).toEqual({ secret: key, refreshed: null });
  });

  it('has no key for a record without ciphertext', async () => {
    const { backend } = backendWith();
    expect(await backend.read('provider', null)).toBeNull();
  });
});
