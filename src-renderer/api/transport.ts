// Picks how the renderer reaches the core. Under Electron the preload has already
// exposed a typed client as `window.realmultillm`; in a plain browser we talk to
// the browser host over its token-guarded WebSocket. Nothing else in the renderer
// knows which one it got.
import type { ApiClient } from '../../src-shared/api/contract';
import { apiSocketUrl, hasAccessToken, takeAccessToken } from './access-token';
import { rememberHostToken } from './host-files';
import { WebSocketApiClient, type ConnectionSource } from './websocket-client';

export type Transport =
  | { kind: 'ready'; api: ApiClient; connection: ConnectionSource | null }
  | { kind: 'missing-token' };

export function pickTransport(win: Window = window): Transport {
  if (win.realmultillm) return { kind: 'ready', api: win.realmultillm, connection: null };
  // Pasting a fresh address (say, after a restart) into this tab changes only the
  // hash, which does not reload the page: reload so the new token is used.
  win.addEventListener('hashchange', () => {
    if (hasAccessToken(win.location.hash)) win.location.reload();
  });
  const token = takeAccessToken({
    location: win.location,
    storage: sessionStorageOf(win),
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
  });
  if (!token) return { kind: 'missing-token' };
  rememberHostToken(token);
  const client = new WebSocketApiClient(apiSocketUrl(win.location, token));
  return { kind: 'ready', api: client, connection: client };
}

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
