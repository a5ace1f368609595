// The adapter between Electron's safeStorage and the core, on a fake shaped like
// Electron 45's safeStorage: the async API, plus the deprecated sync one, which
// must never be called.
import { describe, expect, it } from 'vitest';
import { createFakeSafeStorage } from '../core/vault/testing/fake-safe-storage';
import { adaptSafeStorage, type ElectronSafeStorage } from './safe-storage-adapter';

const syncForbidden = {
  isEncryptionAvailable: () => {
    throw new Error('the deprecated sync API must not be used');
  },
  encryptString: () => {
    throw new Error('the deprecated sync API must not be used');
  },
  decryptString: () => {
    throw new Error('the deprecated sync API must not be used');
  },
};

function electron45(options: Parameters<typeof createFakeSafeStorage>[0] = {}): ElectronSafeStorage {
  const fake = createFakeSafeStorage(options);
  return { ...syncForbidden, ...fake, getSelectedStorageBackend: () => fake.getSelectedStorageBackend() };
}

describe('safeStorage adapter', () => {
  it('encrypts and decrypts through the async API, never the sync one', async () => {
    const adapted = adaptSafeStorage(electron45(), 'darwin');
    expect(await adapted.isAsyncEncryptionAvailable()).toBe(true);
    const encrypted = await adapted.encryptStringAsync('sk-adapter-000000000000');
    expect((await adapted.decryptStringAsync(Buffer.from(encrypted))).result).toBe('sk-adapter-000000000000');
  });

  it('passes on that no OS key store can be reached', async () => {
    expect(await adaptSafeStorage(electron45({ available: false }), 'win32').isAsyncEncryptionAvailable()).toBe(false);
  });

  it("passes a decryption error through as Electron's rejection", async () => {
    const adapted = adaptSafeStorage(electron45(), 'linux');
    await expect(adapted.decryptStringAsync(Buffer.from('garbage that no key opens'))).rejects.toThrow(/decrypting/);
  });

  it('names the key store on Linux only, where Electron answers', async () => {
    const onLinux = adaptSafeStorage(electron45({ keyStore: 'kwallet6' }), 'linux');
    await onLinux.isAsyncEncryptionAvailable();
    expect(onLinux.getSelectedStorageBackend?.()).toBe('kwallet6');
    expect(adaptSafeStorage(electron45({ keyStore: 'kwallet6' }), 'darwin').getSelectedStorageBackend).toBeUndefined();
  });
});
