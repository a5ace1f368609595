// What every backend shares: checking provider ids and keys, and the KeyStatus the
// renderer may see. Error messages here never quote the key.
import { AppError } from '../../../src-shared/api/errors';
import type { KeyStatus } from '../../../src-shared/domain';

export const MAX_KEY_LENGTH = 4096;
const MAX_PROVIDER_LENGTH = 200;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * The last 4 characters of the key, but never more than half of it, so a short
 * dummy key ("none", "ollama") is not shown whole.
 */
export function keyHint(key: string): string | null {
  const chars = Array.from(key);
  const shown = Math.min(4, Math.floor(chars.length / 2));
  return shown > 0 ? chars.slice(-shown).join('') : null;
}

export function keyStatus(provider: string, key: string | null): KeyStatus {
  return key === null ? { provider, hasKey: false, hint: null } : { provider, hasKey: true, hint: keyHint(key) };
}

export function checkProviderId(provider: unknown, reserved: readonly string[] = []): string {
  if (
    typeof provider !== 'string' ||
    provider.length === 0 ||
    provider.length > MAX_PROVIDER_LENGTH ||
    CONTROL_CHARS.test(provider) ||
    reserved.includes(provider)
  ) {
    throw new AppError('vault.bad_provider', 'The key could not be filed because the provider it belongs to is not valid. Pick the provider again and retry.');
  }
  return provider;
}

/** Trims the whitespace a paste brings along; rejects what cannot be a key. */
export function normaliseKey(key: unknown): string {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (trimmed.length === 0) {
    throw new AppError('vault.empty_key', "The API key is empty. Paste the key from your provider's dashboard.");
  }
  if (trimmed.length > MAX_KEY_LENGTH) {
    throw new AppError('vault.key_too_long', `That API key is longer than ${MAX_KEY_LENGTH} characters, so it is probably not a key. Copy just the key and paste it again.`);
  }
  if (CONTROL_CHARS.test(trimmed)) {
    throw new AppError('vault.bad_key', 'The API key contains line breaks or other control characters. Copy just the key and paste it again.');
  }
  return trimmed;
}
