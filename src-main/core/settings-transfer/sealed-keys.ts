// API keys sealed under a passphrase for an encrypted settings export. The bytes
// are a key file (see ../vault/key-file-format.ts): AES-256-GCM under a key
// derived with scrypt, whose contents are { keys: { slot: key } } with the same
// slot names as the vault ("provider" or "provider/label").
import { AppError } from '../../../src-shared/api/errors';
import { DEFAULT_KDF, deriveKeys, openCiphertext, parseKeyFile, passphraseMatches, sealKeyFile, type KdfParams } from '../vault/key-file-format';
import { MIN_NEW_PASSPHRASE_LENGTH } from '../vault/passphrase-vault';

export async function sealKeys(keys: ReadonlyMap<string, string>, passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<Buffer> {
  if (Array.from(passphrase).length < MIN_NEW_PASSPHRASE_LENGTH) {
    throw new AppError(
      'settings.weak_passphrase',
      `Choose a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters to protect the keys in the export. You will need it to import them.`,
      { min: MIN_NEW_PASSPHRASE_LENGTH },
    );
  }
  const derived = await deriveKeys(passphrase, kdf);
  const plaintext = Buffer.from(JSON.stringify({ keys: Object.fromEntries(keys) }), 'utf8');
  try {
    return sealKeyFile(derived, plaintext);
  } finally {
    plaintext.fill(0);
    derived.encryption.fill(0);
  }
}

export async function openSealedKeys(bytes: Buffer, passphrase: string): Promise<Map<string, string>> {
  const parsed = parseKeyFile(bytes);
  if (!parsed.ok) {
    throw new AppError('settings.keys_damaged', 'The encrypted keys in this file are damaged or cut short, so they cannot be imported. Export them again.');
  }
  const derived = await deriveKeys(passphrase, parsed.header.kdf, parsed.header.salt);
  try {
    if (!passphraseMatches(derived, parsed.header)) {
      throw new AppError('settings.wrong_passphrase', 'That passphrase does not open the keys in this file. Check for typos and Caps Lock; nothing was imported.');
    }
    const plaintext = openCiphertext(derived, parsed);
    if (!plaintext) {
      throw new AppError('settings.keys_tampered', 'The encrypted keys in this file failed their integrity check: the file was changed after it was exported. Nothing was imported.');
    }
    try {
      const value = JSON.parse(plaintext.toString('utf8')) as { keys?: unknown };
      const entries = typeof value.keys === 'object' && value.keys !== null ? Object.entries(value.keys) : [];
      if (!entries.every(([, key]) => typeof key === 'string')) throw new Error('not a list of keys');
      return new Map(entries as [string, string][]);
    } catch {
      throw new AppError('settings.keys_damaged', 'The encrypted keys in this file are not a list of keys, so they cannot be imported. Export them again.');
    } finally {
      plaintext.fill(0);
    }
  } finally {
    derived.encryption.fill(0);
  }
}
