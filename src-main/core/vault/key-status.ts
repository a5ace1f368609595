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
    throw new AppError('vault.key_too_long', `That API key is longer than ${MAX_KEY_LENGTH} characters, so it is probably not a key. Copy just the key and paste it again.`, {
      max: MAX_KEY_LENGTH,
    });
  }
  if (CONTROL_CHARS.test(trimmed)) {
    throw new AppError('vault.bad_key', 'The API key contains line breaks or other control characters. Copy just the key and paste it again.');
  }
  return trimmed;
}

/** The label of a provider's first key, and of every key saved before keys had labels. */
export const DEFAULT_LABEL = 'default';
export const MAX_LABEL_LENGTH = 40;
const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** A key's name within its provider ("personal", "work"): short, printable, no slashes. */
export function checkLabel(label: unknown): string {
  const trimmed = typeof label === 'string' ? label.trim() : '';
  if (trimmed.length === 0 || Array.from(trimmed).length > MAX_LABEL_LENGTH || !LABEL.test(trimmed)) {
    throw new AppError(
      'vault.bad_label',
      `A key's name must be 1 to ${MAX_LABEL_LENGTH} letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit, such as "work".`,
      { max: MAX_LABEL_LENGTH },
    );
  }
  return trimmed;
}

/**
 * Where a key is filed in the keychain and the key file: the provider id for the
 * "default" label (as keys were filed before labels existed), else "provider/label".
 * Provider ids are UUIDs and labels have no "/", so a slot parses back unambiguously.
 */
export function slotFor(provider: string, label: string): string {
  return label === DEFAULT_LABEL ? provider : `${provider}/${label}`;
}

export function parseSlot(slot: string): { provider: string; label: string } {
  const at = slot.indexOf('/');
  return at < 0 ? { provider: slot, label: DEFAULT_LABEL } : { provider: slot.slice(0, at), label: slot.slice(at + 1) };
}
