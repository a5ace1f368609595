// The adapter between Electron's safeStorage and the core, on fakes shaped like
// each Electron line: 43+ (async API, isAsyncEncryptionAvailable a Promise),
// 42 (a boolean), and 40/41 (sync API only, as this repo pins).
import { describe, expect, it } from 'vitest';
import { createFakeSafeStorage } from '../core/vault/testing/fake-safe-storage';
import { adaptSafeStorage, type ElectronSafeStorage } from './safe-storage-adapter';

const syncForbidden = {
  isEncryptionAvailable: () => {
    throw new Error('the sync API must not be used when the async one exists');
  },
  encryptString: () => {
    throw new Error('the sync API must not be used when the async one exists');
  },
  decryptString: () => {
    throw new Error('the sync API must not be used when the async one exists');
  },
};

describe('safeStorage adapter', () => {
  it('uses the async API when Electron has it, and never the sync one', async () => {
    const fake = createFakeSafeStorage({ keyStore: 'kwallet6' });
    const electron43: ElectronSafeStorage = { ...syncForbidden, ...fake, getSelectedStorageBackend: () => fake.getSelectedStorageBackend() };
    const adapted = adaptSafeStorage(electron43, 'linux');
    expect(adapted.mode).toBe('async');
    expect(await adapted.isAsyncEncryptionAvailable()).toBe(true);
    const encrypted = await adapted.encryptStringAsync('sk-adapter-000000000000');
    expect((await adapted.decryptStringAsync(Buffer.from(encrypted))).result).toBe('sk-adapter-000000000000');
    expect(adapted.getSelectedStorageBackend?.()).toBe('kwallet6');
  });

  it("accepts Electron 42's boolean isAsyncEncryptionAvailable", async () => {
    const fake = createFakeSafeStorage();
    const adapted = adaptSafeStorage({ ...fake, isAsyncEncryptionAvailable: () => false }, 'darwin');
    expect(await adapted.isAsyncEncryptionAvailable()).toBe(false);
    expect(adapted.getSelectedStorageBackend).toBeUndefined();
  });

  it('wraps the sync API on an Electron without the async one, passing its errors through', async () => {
    const electron40: ElectronSafeStorage = {
      isEncryptionAvailable: () => true,
      encryptString: (plainText) => Buffer.from(`enc:${plainText}`),
      decryptString: (encrypted) => {
        if (!encrypted.toString().startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return encrypted.toString().slice(4);
      },
      getSelectedStorageBackend: () => 'basic_text',
    };
    const adapted = adaptSafeStorage(electron40, 'linux');
    expect(adapted.mode).toBe('sync-compat');
    const encrypted = await adapted.encryptStringAsync('sk-old-electron');
    expect(await adapted.decryptStringAsync(Buffer.from(encrypted))).toEqual({ result: 'sk-old-electron', shouldReEncrypt: false });
    await expect(adapted.decryptStringAsync(Buffer.from('garbage'))).rejects.toThrow(/decrypting/);
    expect(adapted.getSelectedStorageBackend?.()).toBe('basic_text');
  });

  it('refuses an object with no encryption API at all', () => {
    expect(() => adaptSafeStorage({})).toThrow(/no safeStorage/);
  });
});
