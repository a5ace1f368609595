import { describe, expect, it } from 'vitest';
import { apiSocketUrl, hasAccessToken, takeAccessToken, TOKEN_STORAGE_KEY } from './access-token';

const TOKEN = 'ab'.repeat(32);

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

function sources(hash: string, storage = memoryStorage()) {
  const replaced: string[] = [];
  return {
    replaced,
    storage,
    input: { location: { hash, pathname: '/', search: '' }, storage, replaceUrl: (url: string) => void replaced.push(url) },
  };
}

describe('takeAccessToken', () => {
  it('takes the token from the address, keeps it for reloads and removes it from the address bar', () => {
    const { input, replaced, storage } = sources(`#token=${TOKEN}`);
    expect(takeAccessToken(input)).toBe(TOKEN);
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
  });

  it('uses the stored token after a reload', () => {
    const { input, replaced } = sources('', memoryStorage({ [TOKEN_STORAGE_KEY]: TOKEN }));
    expect(takeAccessToken(input)).toBe(TOKEN);
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the address over a stale stored one', () => {
    const fresh = 'cd'.repeat(32);
    const { input, storage } = sources(`#token=${fresh}`, memoryStorage({ [TOKEN_STORAGE_KEY]: TOKEN }));
    expect(takeAccessToken(input)).toBe(fresh);
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe(fresh);
  });

  it('has no token when neither the address nor storage has one', () => {
    expect(takeAccessToken(sources('').input)).toBeNull();
  });

  it('ignores a malformed token but still removes it from the address bar', () => {
    const { input, replaced } = sources('#token=<script>');
    expect(takeAccessToken(input)).toBeNull();
    expect(replaced).toEqual(['/']);
  });

  it('still works when storage refuses to be used', () => {
    const storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const input = { location: { hash: `#token=${TOKEN}`, pathname: '/', search: '' }, storage, replaceUrl: () => {} };
    expect(takeAccessToken(input)).toBe(TOKEN);
  });
});

describe('hasAccessToken', () => {
  it('sees a token pasted into the address, and nothing else', () => {
    expect(hasAccessToken(`#token=${TOKEN}`)).toBe(true);
    expect(hasAccessToken('#view=chat')).toBe(false);
    expect(hasAccessToken('')).toBe(false);
  });
});

describe('apiSocketUrl', () => {
  it('follows the page’s scheme and host', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173' }, 'ab')).toBe('ws://127.0.0.1:5173/api?token=ab');
    expect(apiSocketUrl({ protocol: 'https:', host: 'example.com' }, 'ab')).toBe('wss://example.com/api?token=ab');
  });
});
