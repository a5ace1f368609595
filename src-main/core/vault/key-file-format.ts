// The passphrase key file, version 1. One header, authenticated as AES-GCM's
// additional data, then the encrypted JSON of { keys: { provider: key } }:
//
//   0  8  magic "RMLLMKEY"      13 16 scrypt salt
//   8  1  format version (1)    29 32 passphrase check: HMAC-SHA256(check key, CHECK_LABEL)
//   9  1  kdf (1 = scrypt)      61 12 AES-GCM nonce
//  10  1  log2(N)               73  4 ciphertext length, big-endian
//  11  1  r                     77  . ciphertext, then the 16-byte GCM tag
//  12  1  p
//
// scrypt yields 64 bytes: the AES-256 key, then a key for the passphrase check.
// The check tells a wrong passphrase apart from a file changed after it was
// written, which GCM alone cannot (both fail the tag).
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export const MAGIC = Buffer.from('RMLLMKEY', 'ascii');
export const FORMAT_VERSION = 1;
const KDF_SCRYPT = 1;
export const HEADER_LENGTH = 77;
export const TAG_LENGTH = 16;
const SALT_LENGTH = 16;
const NONCE_LENGTH = 12;
const CHECK_LABEL = 'RealMultiLLM key file passphrase check v1';

export interface KdfParams {
  log2N: number;
  r: number;
  p: number;
}

/** 2^17 x 8: 128 MiB and about half a second, per OWASP's scrypt guidance. */
export const DEFAULT_KDF: KdfParams = { log2N: 17, r: 8, p: 1 };

/** Bounds on what a file may ask for, so a crafted header cannot exhaust memory or fall below a sane cost. */
export function kdfParamsAllowed({ log2N, r, p }: KdfParams): boolean {
  const memory = 128 * r * 2 ** log2N;
  return log2N >= 10 && log2N <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16 && memory <= 512 * 1024 * 1024;
}

export interface KeyFileHeader {
  version: number;
  kdf: KdfParams;
  salt: Buffer;
  check: Buffer;
}

/** Why a file could not be read, before any passphrase is involved. */
export type HeaderProblem =
  | { kind: 'empty' }
  | { kind: 'not-key-file' }
  | { kind: 'newer-version'; version: number }
  | { kind: 'bad-header'; why: string }
  /** `expected` is null when the file ends before the header says how long it is. */
  | { kind: 'truncated'; actual: number; expected: number | null }
  | { kind: 'trailing-bytes'; actual: number; expected: number };

export type ParsedFile =
  | { ok: true; header: KeyFileHeader; aad: Buffer; nonce: Buffer; ciphertext: Buffer; tag: Buffer }
  | { ok: false; problem: HeaderProblem };

export function parseKeyFile(bytes: Buffer): ParsedFile {
  if (bytes.length === 0) return { ok: false, problem: { kind: 'empty' } };
  const magicSeen = bytes.subarray(0, Math.min(bytes.length, MAGIC.length));
  if (!magicSeen.equals(MAGIC.subarray(0, magicSeen.length))) return { ok: false, problem: { kind: 'not-key-file' } };
  if (bytes.length < HEADER_LENGTH) return { ok: false, problem: { kind: 'truncated', actual: bytes.length, expected: null } };
  const version = bytes.readUInt8(8);
  if (version > FORMAT_VERSION) return { ok: false, problem: { kind: 'newer-version', version } };
  if (version !== FORMAT_VERSION) return { ok: false, problem: { kind: 'bad-header', why: `format version ${version}` } };
  if (bytes.readUInt8(9) !== KDF_SCRYPT) return { ok: false, problem: { kind: 'bad-header', why: 'unknown key derivation' } };
  const kdf: KdfParams = { log2N: bytes.readUInt8(10), r: bytes.readUInt8(11), p: bytes.readUInt8(12) };
  if (!kdfParamsAllowed(kdf)) return { ok: false, problem: { kind: 'bad-header', why: 'key derivation settings out of range' } };
  const ciphertextLength = bytes.readUInt32BE(73);
  const expected = HEADER_LENGTH + ciphertextLength + TAG_LENGTH;
  if (bytes.length < expected) return { ok: false, problem: { kind: 'truncated', actual: bytes.length, expected } };
  if (bytes.length > expected) return { ok: false, problem: { kind: 'trailing-bytes', actual: bytes.length, expected } };
  return {
    ok: true,
    header: { version, kdf, salt: Buffer.from(bytes.subarray(13, 29)), check: Buffer.from(bytes.subarray(29, 61)) },
    aad: Buffer.from(bytes.subarray(0, HEADER_LENGTH)),
    nonce: Buffer.from(bytes.subarray(61, 73)),
    ciphertext: Buffer.from(bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + ciphertextLength)),
    tag: Buffer.from(bytes.subarray(HEADER_LENGTH + ciphertextLength)),
  };
}

export interface DerivedKeys {
  kdf: KdfParams;
  salt: Buffer;
  /** AES-256-GCM key. */
  encryption: Buffer;
  /** HMAC of CHECK_LABEL under the second half of scrypt's output. */
  check: Buffer;
}

export async function deriveKeys(passphrase: string, kdf: KdfParams, salt: Buffer = crypto.randomBytes(SALT_LENGTH)): Promise<DerivedKeys> {
  const N = 2 ** kdf.log2N;
  const okm = await scrypt(passphrase.normalize('NFC'), salt, 64, { N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.r * N + 1024 * 1024 });
  const encryption = Buffer.from(okm.subarray(0, 32));
  const check = crypto.createHmac('sha256', okm.subarray(32)).update(CHECK_LABEL).digest();
  okm.fill(0);
  return { kdf, salt, encryption, check };
}

export function passphraseMatches(keys: DerivedKeys, header: KeyFileHeader): boolean {
  return header.check.length === keys.check.length && crypto.timingSafeEqual(header.check, keys.check);
}

export function sameKeyFile(keys: DerivedKeys, header: KeyFileHeader): boolean {
  return (
    header.salt.equals(keys.salt) &&
    header.kdf.log2N === keys.kdf.log2N &&
    header.kdf.r === keys.kdf.r &&
    header.kdf.p === keys.kdf.p &&
    passphraseMatches(keys, header)
  );
}

/** Decrypts; null when the GCM tag does not verify. */
export function openCiphertext(keys: DerivedKeys, parsed: Extract<ParsedFile, { ok: true }>): Buffer | null {
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys.encryption, parsed.nonce, { authTagLength: TAG_LENGTH });
  decipher.setAAD(parsed.aad);
  decipher.setAuthTag(parsed.tag);
  try {
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

export function sealKeyFile(keys: DerivedKeys, plaintext: Buffer): Buffer {
  const nonce = crypto.randomBytes(NONCE_LENGTH);
  const header = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 8);
  header.writeUInt8(KDF_SCRYPT, 9);
  header.writeUInt8(keys.kdf.log2N, 10);
  header.writeUInt8(keys.kdf.r, 11);
  header.writeUInt8(keys.kdf.p, 12);
  keys.salt.copy(header, 13);
  keys.check.copy(header, 29);
  nonce.copy(header, 61);
  // AES-GCM's ciphertext is as long as its plaintext.
  header.writeUInt32BE(plaintext.length, 73);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.encryption, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}
