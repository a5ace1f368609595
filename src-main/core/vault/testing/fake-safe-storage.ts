// A stand-in for Electron's safeStorage async API that behaves like the real one
// where our code can tell: every call is async; encryption needs the (lazily
// initialised) OS key; ciphertext carries a version prefix and is tied to one
// machine's key, so another "machine" cannot decrypt it; a damaged or foreign
// ciphertext rejects with Electron's message; on Linux without a keyring the
// store is `basic_text` and the key is Chromium's public fixed password, so it
// protects nothing; a rotated key still decrypts old data with shouldReEncrypt.
import crypto from 'node:crypto';
import type { SafeStorageLike } from '../safe-storage-backend';

export type LinuxKeyStore = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export interface FakeSafeStorageOptions {
  /** Which key store getSelectedStorageBackend reports (Linux). */
  keyStore?: LinuxKeyStore;
  /** false: no OS key store can be reached (isAsyncEncryptionAvailable resolves false). */
  available?: boolean;
}

export interface FakeSafeStorage extends SafeStorageLike {
  /** A Buffer, like Electron's. */
  encryptStringAsync(plainText: string): Promise<Buffer>;
  getSelectedStorageBackend(): LinuxKeyStore;
  /** Every call made, in order, by method name. */
  readonly calls: string[];
  /** A new OS key: old ciphertext still decrypts, flagged shouldReEncrypt. */
  rotateKey(): void;
  /** The OS key store is locked for a while: decrypts report isTemporarilyUnavailable. */
  setTemporarilyUnavailable(value: boolean): void;
  setAvailable(value: boolean): void;
}

const DECRYPT_ERROR = 'Error while decrypting the ciphertext provided to safeStorage.decryptString.';
// Chromium's OSCrypt on Linux without a keyring derives its key from this public word.
const BASIC_TEXT_KEY = crypto.pbkdf2Sync('peanuts', 'saltysalt', 1, 32, 'sha1');

function seal(prefix: string, key: Buffer, plainText: string): Buffer {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from(prefix, 'ascii'), nonce, body, cipher.getAuthTag()]);
}

function open(key: Buffer, encrypted: Buffer): string | null {
  if (encrypted.length < 3 + 12 + 16) return null;
  const nonce = encrypted.subarray(3, 15);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
  try {
    return Buffer.concat([decipher.update(encrypted.subarray(15, encrypted.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): FakeSafeStorage {
  const keyStore = options.keyStore ?? 'gnome_libsecret';
  let available = options.available ?? true;
  let temporarilyUnavailable = false;
  let initialised = false;
  // Newest first; basic_text always uses the fixed public key.
  const keys: Buffer[] = [keyStore === 'basic_text' ? BASIC_TEXT_KEY : crypto.randomBytes(32)];
  const calls: string[] = [];

  async function init(): Promise<boolean> {
    await tick();
    initialised = true;
    return available;
  }

  return {
    calls,
    getSelectedStorageBackend() {
      calls.push('getSelectedStorageBackend');
      // Like Electron before the async encryptor is up: it does not know yet.
      return initialised ? keyStore : 'unknown';
    },
    async isAsyncEncryptionAvailable() {
      calls.push('isAsyncEncryptionAvailable');
      return init();
    },
    async encryptStringAsync(plainText: string) {
      calls.push('encryptStringAsync');
      if (typeof plainText !== 'string') throw new TypeError('plainText must be a string');
      if (!(await init())) throw new Error('Encryption is not available.');
      return seal(keyStore === 'basic_text' ? 'v10' : 'v11', keys[0]!, plainText);
    },
    async decryptStringAsync(encrypted: Buffer) {
      calls.push('decryptStringAsync');
      if (!Buffer.isBuffer(encrypted)) throw new TypeError('Expected the first argument of decryptString() to be a buffer');
      if (!(await init())) throw new Error('Decryption is not available.');
      if (temporarilyUnavailable) return { result: '', shouldReEncrypt: false, isTemporarilyUnavailable: true };
      const prefix = encrypted.subarray(0, 3).toString('ascii');
      if (prefix !== 'v10' && prefix !== 'v11') throw new Error(DECRYPT_ERROR);
      for (const [index, key] of keys.entries()) {
        const result = open(key, encrypted);
        if (result !== null) return { result, shouldReEncrypt: index > 0, isTemporarilyUnavailable: false };
      }
      throw new Error(DECRYPT_ERROR);
    },
    rotateKey() {
      if (keyStore !== 'basic_text') keys.unshift(crypto.randomBytes(32));
    },
    setTemporarilyUnavailable(value) {
      temporarilyUnavailable = value;
    },
    setAvailable(value) {
      available = value;
    },
  };
}
