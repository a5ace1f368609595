// Tokens and passwords. A token is 256 random bits with a prefix that says what it
// is (so a leaked one is recognisable); only its SHA-256 is stored. Passwords are
// hashed with scrypt, which is memory-hard: each guess costs 32 MB and tens of ms.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'access' | 'refresh' | 'code' | 'link' | 'csrf';

const PREFIX: Record<TokenKind, string> = { access: 'rmat', refresh: 'rmrt', code: 'rmac', link: 'rmln', csrf: 'rmcs' };

export function newToken(kind: TokenKind): string {
  return `${PREFIX[kind]}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };
// scrypt needs 128 * N * r bytes; Node refuses more than 32 MB unless told.
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, so the parameters can grow without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), keyLength: expected.length });
  return timingSafeEqual(actual, expected);
}

/** A hash to compare against when the account does not exist, so both cases take as long. */
export const DUMMY_PASSWORD_HASH = hashPassword(randomBytes(16).toString('hex'));

export const PASSWORD_MIN_LENGTH = 10;
