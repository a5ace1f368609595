// API keys in one file encrypted under a passphrase (see key-file-format.ts), for
// the browser host on machines without a keychain. Locked until `unlock` in each
// run. Every call re-reads and re-verifies the file; a failure never writes, so a
// damaged file stays byte-for-byte as it was.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../src-shared/api/errors';
import { writeFileAtomic } from './atomic-write';
import { checkProviderId, keyStatus, normaliseKey } from './key-status';
import {
  DEFAULT_KDF,
  deriveKeys,
  kdfParamsAllowed,
  openCiphertext,
  parseKeyFile,
  passphraseMatches,
  sameKeyFile,
  sealKeyFile,
  type DerivedKeys,
  type HeaderProblem,
  type KdfParams,
} from './key-file-format';
import type { PassphraseVault, SecretSink } from './types';

export const MIN_NEW_PASSPHRASE_LENGTH = 8;
/** The key file's name in the data folder. */
export const KEY_FILE_NAME = 'keys.rmllm';

/** provider id -> key. A Map, so an id like "constructor" cannot reach Object.prototype. */
type Keys = Map<string, string>;

function parseContents(json: string): Keys | null {
  const value: unknown = JSON.parse(json);
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) return null;
  const entries = Object.entries(keys);
  return entries.every(([, key]) => typeof key === 'string') ? new Map(entries as [string, string][]) : null;
}

export interface PassphraseVaultOptions {
  file: string;
  /** scrypt cost for a new file; an existing file keeps the settings in its header. */
  kdf?: KdfParams;
  /** Learns every key read or written, so logs can scrub it. */
  secrets?: SecretSink;
}

function problemError(file: string, problem: HeaderProblem): AppError {
  const restore = 'It was left as it is; restore it from a backup, or move it away and enter your keys again.';
  switch (problem.kind) {
    case 'empty':
      return new AppError('vault.file_truncated', `The key file (${file}) is empty, probably from an interrupted copy or a full disk. ${restore}`);
    case 'truncated':
      return new AppError(
        'vault.file_truncated',
        `The key file (${file}) is cut short: it has ${problem.actual} ${problem.expected === null ? 'bytes and ends inside its header' : `of its ${problem.expected} bytes`}, ` +
          `probably from an interrupted copy or a full disk. ${restore}`,
      );
    case 'not-key-file':
      return new AppError(
        'vault.file_corrupt',
        `The file at ${file} is not a RealMultiLLM key file. It was left as it is; choose the right file, or move this one away to start a new key file.`,
      );
    case 'newer-version':
      return new AppError(
        'vault.file_unsupported',
        `The key file (${file}) was written by a newer version of RealMultiLLM (format ${problem.version}). Update the app to open it; the file was left as it is.`,
      );
    case 'bad-header':
      return new AppError('vault.file_corrupt', `The key file (${file}) is damaged (${problem.why}). ${restore}`);
    case 'trailing-bytes':
      return new AppError(
        'vault.file_corrupt',
        `The key file (${file}) is damaged: it has ${problem.actual - problem.expected} bytes more than it should. ${restore}`,
      );
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

export function openPassphraseVault(options: PassphraseVaultOptions): PassphraseVault {
  const file = path.resolve(options.file);
  const newFileKdf = options.kdf ?? DEFAULT_KDF;
  if (!kdfParamsAllowed(newFileKdf)) throw new RangeError('scrypt settings out of the allowed range');
  let unlocked: DerivedKeys | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // One call at a time, so two writes cannot interleave their read-modify-write.
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function readBytes(): Promise<Buffer | null> {
    try {
      return await fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError(
        'vault.file_unreadable',
        `Could not read the key file (${file}): ${describeFsError(error)}. Check that RealMultiLLM may read that file, then try again.`,
      );
    }
  }

  function decrypt(bytes: Buffer, keys: DerivedKeys): Keys {
    const parsed = parseKeyFile(bytes);
    if (!parsed.ok) throw problemError(file, parsed.problem);
    if (!passphraseMatches(keys, parsed.header)) {
      throw new AppError(
        'vault.wrong_passphrase',
        `That passphrase does not open the key file (${file}). Check for typos and Caps Lock, then try again; the file was not changed.`,
      );
    }
    const plaintext = openCiphertext(keys, parsed);
    if (plaintext === null) {
      throw new AppError(
        'vault.file_tampered',
        `The key file (${file}) failed its integrity check: its contents changed after RealMultiLLM wrote them, through disk damage or someone editing it. ` +
          'No key was read from it and it was left as it is; restore it from a backup, or move it away and enter your keys again.',
      );
    }
    let contents: Keys | null = null;
    try {
      contents = parseContents(plaintext.toString('utf8'));
    } catch {
      contents = null;
    } finally {
      plaintext.fill(0);
    }
    if (!contents) throw problemError(file, { kind: 'bad-header', why: 'its contents are not a list of keys' });
    for (const key of contents.values()) options.secrets?.add(key);
    return contents;
  }

  async function write(keys: DerivedKeys, contents: Keys): Promise<void> {
    const plaintext = Buffer.from(JSON.stringify({ keys: Object.fromEntries(contents) }), 'utf8');
    try {
      await writeFileAtomic(file, sealKeyFile(keys, plaintext));
    } catch (error) {
      throw new AppError(
        'vault.file_write_failed',
        `Could not save the key file (${file}): ${describeFsError(error)}. Your saved keys were not changed; free some disk space or check the folder's permissions, then try again.`,
      );
    } finally {
      plaintext.fill(0);
    }
  }

  function lock(): void {
    unlocked?.encryption.fill(0);
    unlocked = null;
  }

  /** The keys now in the file, checked against the passphrase this run unlocked with. */
  async function current(): Promise<{ keys: DerivedKeys; contents: Keys }> {
    const keys = unlocked;
    if (!keys) throw new AppError('vault.locked', 'The key file is locked. Unlock it with its passphrase in Settings → Keys and vault.');
    const bytes = await readBytes();
    if (bytes === null) {
      throw new AppError(
        'vault.file_missing',
        `The key file (${file}) has disappeared since it was unlocked. Restore it from a backup, or unlock again to start a new one.`,
      );
    }
    const parsed = parseKeyFile(bytes);
    if (parsed.ok && !sameKeyFile(keys, parsed.header)) {
      lock();
      throw new AppError('vault.locked', `The key file (${file}) was replaced since you unlocked it. Unlock it again with its passphrase in Settings → Keys and vault.`);
    }
    return { keys, contents: decrypt(bytes, keys) };
  }

  return {
    backend: 'passphrase-file',
    file,
    get isUnlocked() {
      return unlocked !== null;
    },

    async exists() {
      return (await readBytes()) !== null;
    },

    unlock(passphrase) {
      return serial(async () => {
        if (typeof passphrase !== 'string' || passphrase.length === 0) {
          throw new AppError('vault.empty_passphrase', 'Enter the passphrase of the key file.');
        }
        const bytes = await readBytes();
        if (bytes === null) {
          if (Array.from(passphrase).length < MIN_NEW_PASSPHRASE_LENGTH) {
            throw new AppError(
              'vault.weak_passphrase',
              `Choose a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters to protect the new key file.`,
            );
          }
          const keys = await deriveKeys(passphrase, newFileKdf);
          await write(keys, new Map());
          lock();
          unlocked = keys;
          return { created: true };
        }
        const parsed = parseKeyFile(bytes);
        if (!parsed.ok) throw problemError(file, parsed.problem);
        const keys = await deriveKeys(passphrase, parsed.header.kdf, parsed.header.salt);
        decrypt(bytes, keys);
        lock();
        unlocked = keys;
        return { created: false };
      });
    },

    lock,

    status(provider) {
      return serial(async () => {
        const id = checkProviderId(provider);
        return keyStatus(id, (await current()).contents.get(id) ?? null);
      });
    },

    get(provider) {
      return serial(async () => (await current()).contents.get(checkProviderId(provider)) ?? null);
    },

    list() {
      return serial(async () => {
        const { contents } = await current();
        return [...contents]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([id, key]) => keyStatus(id, key));
      });
    },

    set(provider, key) {
      return serial(async () => {
        const id = checkProviderId(provider);
        const value = normaliseKey(key);
        options.secrets?.add(value);
        const { keys, contents } = await current();
        await write(keys, new Map(contents).set(id, value));
        return keyStatus(id, value);
      });
    },

    delete(provider) {
      return serial(async () => {
        const id = checkProviderId(provider);
        const { keys, contents } = await current();
        if (contents.delete(id)) await write(keys, contents);
        return keyStatus(id, null);
      });
    },
  };
}

/** Opens the key file at `file` with `passphrase` (creating it if there is none) and returns the unlocked vault. */
export async function createPassphraseVault(options: PassphraseVaultOptions & { passphrase: string }): Promise<PassphraseVault> {
  const { passphrase, ...rest } = options;
  const vault = openPassphraseVault(rest);
  await vault.unlock(passphrase);
  return vault;
}
