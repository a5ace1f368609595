// The browser host hands out its access token in the address it prints
// (`#token=<hex>`). We move it out of the address bar at once, and keep it in
// sessionStorage so a reload of this tab still connects.
import { HOST_API_PATH, HOST_TOKEN_PARAM } from '../../src-shared/api/channels';

export const TOKEN_STORAGE_KEY = 'realmultillm.token';

const TOKEN_PATTERN = /^[0-9a-f]{16,256}$/i;

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Replaces the address bar's URL without navigating (history.replaceState). */
  replaceUrl(url: string): void;
}

/** True when the address's hash carries a token (a fresh one was pasted in). */
export function hasAccessToken(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has(HOST_TOKEN_PARAM);
}

/** Reads the token from the address (preferred) or from this tab's storage. */
export function takeAccessToken({ location, storage, replaceUrl }: TokenSources): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get(HOST_TOKEN_PARAM);
  if (fromHash !== null) {
    params.delete(HOST_TOKEN_PARAM);
    const rest = params.toString();
    replaceUrl(`${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    if (TOKEN_PATTERN.test(fromHash)) {
      safely(() => storage?.setItem(TOKEN_STORAGE_KEY, fromHash));
      return fromHash;
    }
  }
  const stored = safely(() => storage?.getItem(TOKEN_STORAGE_KEY) ?? null) ?? null;
  return stored && TOKEN_PATTERN.test(stored) ? stored : null;
}

/** Storage can throw (disabled by policy, quota); the token then lives only in memory. */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${HOST_API_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
