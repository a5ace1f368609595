import { describe, expect, it } from 'vitest';
import { checkProviderId, keyHint, keyStatus, normaliseKey } from './key-status';

describe('key hints', () => {
  it('shows the last 4 characters of a key', () => {
    expect(keyHint('sk-proj-abcdefgh1234')).toBe('1234');
    expect(keyStatus('p', 'sk-proj-abcdefgh1234')).toEqual({ provider: 'p', hasKey: true, hint: '1234' });
  });

  it('has no hint when there is no key', () => {
    expect(keyStatus('p', null)).toEqual({ provider: 'p', hasKey: false, hint: null });
  });

  it('never shows more than half of a short key', () => {
    expect(keyHint('ollama')).toBe('ama');
    expect(keyHint('none')).toBe('ne');
    expect(keyHint('x')).toBeNull();
  });

  it('counts characters, not UTF-16 halves', () => {
    expect(keyHint('key-with-emoji-🔑🔑🔑🔑')).toBe('🔑🔑🔑🔑');
  });
});

describe('key and provider checks', () => {
  it('trims the whitespace a paste brings along', () => {
    expect(normaliseKey('  sk-abc123456789\r\n')).toBe('sk-abc123456789');
  });

  it('refuses empty, over-long and multi-line keys without quoting them', () => {
    expect(() => normaliseKey('  ')).toThrow(expect.objectContaining({ code: 'vault.empty_key' }));
    expect(() => normaliseKey('k'.repeat(4097))).toThrow(expect.objectContaining({ code: 'vault.key_too_long' }));
    try {
      normaliseKey('sk-first-line\nsk-second-line');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'vault.bad_key' });
      expect((error as Error).message).not.toContain('sk-first');
    }
  });

  it('refuses empty, reserved and control-character provider ids', () => {
    expect(checkProviderId('0197a0b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b')).toBe('0197a0b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b');
    for (const bad of ['', 'a\nb', 'x'.repeat(201), 42]) {
      expect(() => checkProviderId(bad)).toThrow(expect.objectContaining({ code: 'vault.bad_provider' }));
    }
    expect(() => checkProviderId('reserved', ['reserved'])).toThrow(expect.objectContaining({ code: 'vault.bad_provider' }));
  });
});
