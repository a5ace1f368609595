import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KDF, HEADER_LENGTH, MAGIC, TAG_LENGTH, type KdfParams } from './key-file-format';
import { createPassphraseVault, openPassphraseVault } from './passphrase-vault';

// Cheap scrypt so the suite stays fast; one test below uses the real default.
const kdf: KdfParams = { log2N: 10, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';
const firstKey = 'sk-proj-first-0123456789abcdefABCD';
const secondKey = 'sk-ant-second-0123456789abcdefWXYZ';

let dir: string;
let file: string;
const first = crypto.randomUUID();
const second = crypto.randomUUID();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-vault-'));
  file = path.join(dir, 'keys.rmllm');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function fileWithTwoKeys(): Promise<Buffer> {
  const vault = await createPassphraseVault({ file, passphrase, kdf });
  await vault.set(first, firstKey);
  await vault.set(second, secondKey);
  return fs.readFileSync(file);
}

/** Unlocking (and, for good measure, a fresh unlocked vault reading) fails with `code` and the file keeps every byte. */
async function expectRefusedAndIntact(code: string, messagePart: RegExp): Promise<void> {
  const before = fs.readFileSync(file);
  const vault = openPassphraseVault({ file, kdf });
  const error = await vault.unlock(passphrase).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toMatchObject({ name: 'AppError', code });
  expect((error as Error).message).toMatch(messagePart);
  for (const key of [firstKey, secondKey]) expect((error as Error).message).not.toContain(key);
  expect(vault.isUnlocked).toBe(false);
  await expect(vault.list()).rejects.toMatchObject({ code: 'vault.locked' });
  expect(fs.readFileSync(file).equals(before)).toBe(true);
}

describe('passphrase key file', () => {
  it('creates the file on first unlock and reads every key back in a later run', async () => {
    const vault = openPassphraseVault({ file, kdf });
    expect(await vault.exists()).toBe(false);
    expect(await vault.unlock(passphrase)).toEqual({ created: true });
    expect(await vault.exists()).toBe(true);
    expect(await vault.list()).toEqual([]);
    expect(await vault.set(first, `${firstKey}\n`)).toEqual({ provider: first, hasKey: true, hint: 'ABCD' });
    await vault.set(second, secondKey);

    const nextRun = openPassphraseVault({ file, kdf });
    expect(await nextRun.unlock(passphrase)).toEqual({ created: false });
    expect(await nextRun.get(first)).toBe(firstKey);
    expect(await nextRun.get(second)).toBe(secondKey);
    expect(await nextRun.status(second)).toEqual({ provider: second, hasKey: true, hint: 'WXYZ' });
    expect(await nextRun.list()).toEqual(
      [
        { provider: first, hasKey: true, hint: 'ABCD' },
        { provider: second, hasKey: true, hint: 'WXYZ' },
      ].sort((a, b) => a.provider.localeCompare(b.provider)),
    );
  });

  it('replaces and deletes keys, and reports a provider without one', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await vault.set(first, firstKey);
    await vault.set(first, secondKey);
    expect(await vault.get(first)).toBe(secondKey);
    expect(await vault.delete(first)).toEqual({ provider: first, hasKey: false, hint: null });
    expect(await vault.get(first)).toBeNull();
    expect(await vault.status(second)).toEqual({ provider: second, hasKey: false, hint: null });
    expect(await vault.list()).toEqual([]);
  });

  it('keeps no key in plain text, starts with its versioned header and is private to the user', async () => {
    const bytes = await fileWithTwoKeys();
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(bytes[8]).toBe(1);
    expect(bytes.includes(Buffer.from(firstKey))).toBe(false);
    expect(bytes.includes(Buffer.from('ABCD'))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['keys.rmllm']);
  });

  it('uses a fresh salt for each file and a fresh nonce for each write', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await vault.set(first, firstKey);
    const one = fs.readFileSync(file);
    await vault.set(first, firstKey);
    const two = fs.readFileSync(file);
    expect(one.subarray(61, 73).equals(two.subarray(61, 73))).toBe(false);
    expect(one.subarray(HEADER_LENGTH).equals(two.subarray(HEADER_LENGTH))).toBe(false);

    const otherFile = path.join(dir, 'other.rmllm');
    await createPassphraseVault({ file: otherFile, passphrase, kdf });
    expect(fs.readFileSync(otherFile).subarray(13, 29).equals(one.subarray(13, 29))).toBe(false);
  });

  it('refuses a wrong passphrase and leaves the file byte-for-byte intact', async () => {
    await fileWithTwoKeys();
    const before = fs.readFileSync(file);
    const vault = openPassphraseVault({ file, kdf });
    await expect(vault.unlock('correct horse battery stapler')).rejects.toMatchObject({
      code: 'vault.wrong_passphrase',
      message: expect.stringMatching(/passphrase does not open the key file.*Caps Lock/),
    });
    expect(vault.isUnlocked).toBe(false);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a key file and leaves it intact', async () => {
    await fileWithTwoKeys();
    const bytes = fs.readFileSync(file);
    bytes[0] = bytes[0]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expectRefusedAndIntact('vault.file_corrupt', /not a RealMultiLLM key file/);
  });

  it('refuses a header with out-of-range scrypt settings instead of running them', async () => {
    await fileWithTwoKeys();
    const bytes = fs.readFileSync(file);
    bytes[10] = 40; // N = 2^40
    fs.writeFileSync(file, bytes);
    await expectRefusedAndIntact('vault.file_corrupt', /damaged \(key derivation settings out of range\)/);
  });

  it('refuses a file with bytes appended after its end', async () => {
    await fileWithTwoKeys();
    fs.appendFileSync(file, Buffer.from('extra'));
    await expectRefusedAndIntact('vault.file_corrupt', /5 bytes more than it should/);
  });

  it('refuses a file from a newer version and asks for an update', async () => {
    await fileWithTwoKeys();
    const bytes = fs.readFileSync(file);
    bytes[8] = 2;
    fs.writeFileSync(file, bytes);
    await expectRefusedAndIntact('vault.file_unsupported', /newer version of RealMultiLLM.*Update the app/);
  });

  it.each([
    ['missing its last bytes', (length: number) => length - 5],
    ['cut inside its header', () => 40],
    ['cut right after its header', () => HEADER_LENGTH + 1],
  ])('refuses a truncated file (%s) and leaves it intact', async (_label, cutTo) => {
    const bytes = await fileWithTwoKeys();
    fs.writeFileSync(file, bytes.subarray(0, cutTo(bytes.length)));
    await expectRefusedAndIntact('vault.file_truncated', /cut short: it has \d+ (of its \d+ bytes|bytes and ends inside its header)/);
  });

  it('refuses an empty file and leaves it intact', async () => {
    await fileWithTwoKeys();
    fs.writeFileSync(file, Buffer.alloc(0));
    await expectRefusedAndIntact('vault.file_truncated', /is empty/);
  });

  it.each([
    ['a ciphertext byte', () => HEADER_LENGTH + 3],
    ['a byte of the GCM tag', (length: number) => length - 1],
    ['the nonce in the authenticated header', () => 61],
    ['the stated length (with the file cut to match)', () => -1],
  ])('detects a change to %s (GCM tag fails) and leaves the file intact', async (_label, offset) => {
    const bytes = await fileWithTwoKeys();
    const at = offset(bytes.length);
    if (at >= 0) {
      bytes[at] = bytes[at]! ^ 0x01;
      fs.writeFileSync(file, bytes);
    } else {
      const length = bytes.readUInt32BE(73);
      bytes.writeUInt32BE(length - 1, 73);
      fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, HEADER_LENGTH + length - 1), bytes.subarray(bytes.length - TAG_LENGTH)]));
    }
    await expectRefusedAndIntact('vault.file_tampered', /failed its integrity check.*No key was read/);
  });

  it('notices tampering after unlock and writes nothing over the damaged file', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await vault.set(first, firstKey);
    const bytes = fs.readFileSync(file);
    bytes[HEADER_LENGTH] = bytes[HEADER_LENGTH]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    await expect(vault.set(second, secondKey)).rejects.toMatchObject({ code: 'vault.file_tampered' });
    await expect(vault.get(first)).rejects.toMatchObject({ code: 'vault.file_tampered' });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('locks: every call says vault.locked until the right passphrase unlocks it again', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await vault.set(first, firstKey);
    vault.lock();
    expect(vault.isUnlocked).toBe(false);
    for (const call of [() => vault.get(first), () => vault.status(first), () => vault.list(), () => vault.set(first, 'sk-new-key-1234'), () => vault.delete(first)]) {
      await expect(call()).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringContaining('Settings → Keys and vault') });
    }
    await expect(vault.unlock('not the passphrase')).rejects.toMatchObject({ code: 'vault.wrong_passphrase' });
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(passphrase);
    expect(await vault.get(first)).toBe(firstKey);
  });

  it('asks to unlock again when the file was replaced by one under another passphrase', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await vault.set(first, firstKey);
    const elsewhere = path.join(dir, 'elsewhere.rmllm');
    await createPassphraseVault({ file: elsewhere, passphrase: 'another passphrase', kdf });
    fs.renameSync(elsewhere, file);
    await expect(vault.get(first)).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringContaining('was replaced') });
    expect(vault.isUnlocked).toBe(false);
  });

  it('says so when the file disappears after unlock', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    fs.rmSync(file);
    await expect(vault.list()).rejects.toMatchObject({ code: 'vault.file_missing' });
  });

  it('wants a passphrase of 8 or more characters for a new file, and some passphrase for any', async () => {
    const vault = openPassphraseVault({ file, kdf });
    await expect(vault.unlock('short')).rejects.toMatchObject({ code: 'vault.weak_passphrase' });
    await expect(vault.unlock('')).rejects.toMatchObject({ code: 'vault.empty_passphrase' });
    expect(await vault.exists()).toBe(false);
  });

  it('rejects empty keys and keys with line breaks, without a word of the key in the message', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    await expect(vault.set(first, ' \n ')).rejects.toMatchObject({ code: 'vault.empty_key' });
    const broken = 'sk-half-of-a-key\nsk-other-half';
    const error = (await vault.set(first, broken).catch((reason: unknown) => reason)) as Error;
    expect(error).toMatchObject({ code: 'vault.bad_key' });
    expect(error.message).not.toContain('sk-half');
    expect(await vault.list()).toEqual([]);
  });

  it('keeps every key when several are saved at once', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    const ids = Array.from({ length: 6 }, () => crypto.randomUUID());
    await Promise.all(ids.map((id, index) => vault.set(id, `sk-concurrent-${index}-0123456789`)));
    expect((await vault.list()).map((status) => status.provider).sort()).toEqual([...ids].sort());
  });

  it('treats provider ids like "constructor" and "__proto__" as plain names', async () => {
    const vault = await createPassphraseVault({ file, passphrase, kdf });
    expect(await vault.get('constructor')).toBeNull();
    await vault.set('__proto__', firstKey);
    const nextRun = await createPassphraseVault({ file, passphrase, kdf });
    expect(await nextRun.get('__proto__')).toBe(firstKey);
    expect(await nextRun.list()).toEqual([{ provider: '__proto__', hasKey: true, hint: 'ABCD' }]);
  });

  it('opens with the default scrypt cost (2^17, r=8)', async () => {
    const vault = await createPassphraseVault({ file, passphrase });
    await vault.set(first, firstKey);
    expect(fs.readFileSync(file)[10]).toBe(DEFAULT_KDF.log2N);
    const nextRun = await createPassphraseVault({ file, passphrase });
    expect(await nextRun.get(first)).toBe(firstKey);
  });
});
