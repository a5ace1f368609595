// Device sign-in as RFC 8252 asks of a native app: a one-shot HTTP listener on
// 127.0.0.1 (a random port) receives the authorization code after the person
// signs in on the server's page in their own browser; PKCE S256 binds the code
// to this process and `state` ties the redirect to this request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../src-shared/api/errors';
import { DESKTOP_CLIENT_ID } from '../../../src-shared/sync/wire';

/** How long a sign-in waits for the browser. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export type PageLanguage = 'en' | 'de';

export interface AuthorizationCode {
  code: string;
  redirectUri: string;
  verifier: string;
}

export interface PendingSignIn {
  /** The server's sign-in page for this request, to open in the browser. */
  url: string;
  /** The code, once the browser comes back; rejects on a refusal, a timeout or cancel. */
  result: Promise<AuthorizationCode>;
  cancel(): void;
}

const PAGE_TEXT = {
  en: {
    title: 'RealMultiLLM',
    done: 'You are signed in. You can close this tab and go back to RealMultiLLM.',
    failed: (why: string) => `Signing in did not finish (${why}). Go back to RealMultiLLM and start again from Settings → Team sync.`,
  },
  de: {
    title: 'RealMultiLLM',
    done: 'Du bist angemeldet. Du kannst diesen Tab schließen und zu RealMultiLLM zurückkehren.',
    failed: (why: string) => `Die Anmeldung wurde nicht abgeschlossen (${why}). Kehre zu RealMultiLLM zurück und beginne erneut unter Einstellungen → Team-Sync.`,
  },
} as const;

function pickLanguage(chosen: PageLanguage | undefined, header: string | undefined): PageLanguage {
  if (chosen) return chosen;
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('de') ? 'de' : 'en';
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(language: PageLanguage, text: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${PAGE_TEXT[language].title}</title>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<style>body{font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}</style></head>' +
    `<body><main><h1>${PAGE_TEXT[language].title}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startLoopbackSignIn(options: {
  serverUrl: string;
  deviceName: string;
  devicePlatform: string;
  language?: PageLanguage;
  timeoutMs?: number;
}): Promise<PendingSignIn> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  let settle!: { resolve: (code: AuthorizationCode) => void; reject: (error: AppError) => void };
  const result = new Promise<AuthorizationCode>((resolve, reject) => (settle = { resolve, reject }));
  // Never an unhandled rejection: whoever awaits `result` sees the error.
  result.catch(() => {});
  let redirectUri = '';
  let finished = false;

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const language = pickLanguage(options.language, request.headers['accept-language']);
    const reply = (status: number, text: string) => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      response.end(page(language, text));
    };
    if (request.method !== 'GET' || url.pathname !== '/callback') return reply(404, PAGE_TEXT[language].failed('not found'));
    // A redirect for another request (an old tab) is refused and this one keeps waiting.
    if (finished || !sameText(url.searchParams.get('state') ?? '', state)) return reply(400, PAGE_TEXT[language].failed('this sign-in link is not the current one'));
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    finished = true;
    if (code) {
      reply(200, PAGE_TEXT[language].done);
      settle.resolve({ code, redirectUri, verifier });
    } else {
      const why = (url.searchParams.get('error_description') ?? error ?? 'no code').slice(0, 200);
      reply(400, PAGE_TEXT[language].failed(why));
      settle.reject(new AppError('sync.sign_in_failed', `The server did not sign this device in: ${why}.`, { details: why }));
    }
    close();
  });
  const timer = setTimeout(() => {
    finished = true;
    settle.reject(new AppError('sync.sign_in_timeout', 'Signing in took longer than 10 minutes, so it was stopped.'));
    close();
  }, options.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
  timer.unref();
  function close(): void {
    clearTimeout(timer);
    // Let the page's reply go out before the listener goes.
    setImmediate(() => server.close());
    server.closeIdleConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  redirectUri = `http://127.0.0.1:${port}/callback`;
  const authorize = new URL(`${options.serverUrl}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: DESKTOP_CLIENT_ID,
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    device_name: options.deviceName.slice(0, 100),
    device_platform: options.devicePlatform.slice(0, 40),
  }).toString();
  return {
    url: authorize.href,
    result,
    cancel() {
      if (finished) return;
      finished = true;
      settle.reject(new AppError('sync.sign_in_failed', 'The sign-in was cancelled.', { details: 'cancelled' }));
      close();
    },
  };
}
