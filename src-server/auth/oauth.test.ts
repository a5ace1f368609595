import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/databases';
import { openForm, submitForm } from '../testing/forms';
import type { z } from 'zod';
import type { Me, OAuthError, TokenReply } from '../../src-shared/sync/wire';
import { pkcePair, readJson, startTestServer, type TestServer } from '../testing/server';

type OAuthErrorReply = z.infer<typeof OAuthError>;
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './rate-limit';

const PASSWORD = 'correct horse battery';
const CALLBACK = 'http://127.0.0.1:53682/callback';

describe.each(DIALECTS)('device sign-in (RFC 8252) over HTTP on %s', (dialect) => {
  let server: TestServer;
  let offset = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect, { now: () => Date.now() + offset });
    await server.account('ada@example.com', { password: PASSWORD });
    await server.account('locked@example.com', { password: PASSWORD });
  });
  afterAll(() => server?.stop());

  function authorizeUrl(challenge: string, overrides: Record<string, string | null> = {}): string {
    const url = new URL('/oauth/authorize', server.url);
    const params: Record<string, string | null> = {
      response_type: 'code',
      client_id: 'realmultillm-desktop',
      redirect_uri: CALLBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-123',
      device_name: 'Ada’s laptop',
      device_platform: 'linux',
      ...overrides,
    };
    for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
    return url.href;
  }

  async function signIn(challenge: string, email = 'ada@example.com', password = PASSWORD): Promise<Response> {
    const page = await openForm(authorizeUrl(challenge));
    expect(page.status).toBe(200);
    return submitForm(`${server.url}/oauth/authorize`, page, { email, password });
  }

  async function codeFrom(response: Response): Promise<string> {
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe('state-123');
    return location.searchParams.get('code')!;
  }

  const token = (form: Record<string, string>) =>
    fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const exchange = (code: string, verifier: string) =>
    token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: CALLBACK, client_id: 'realmultillm-desktop' });
  const me = (access: string) => server.call('/api/v1/me', { token: access });

  it('shows a sign-in page with no script, under a strict CSP, with its stylesheet', async () => {
    const response = await fetch(authorizeUrl(pkcePair().challenge));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/oauth/authorize">');
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const css = await fetch(`${server.url}/assets/pages.css`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('signs a device in: code on the loopback redirect, PKCE exchange, access and refresh tokens', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFrom(await signIn(challenge));
    const wrong = await exchange(code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect((await readJson<OAuthErrorReply>(wrong)).error).toBe('invalid_grant');
    const reply = await exchange(code, verifier);
    expect(reply.status).toBe(200);
    const tokens = await readJson<TokenReply>(reply);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const account = await readJson<Me>(me(tokens.access_token));
    expect(account.device).toMatchObject({ name: 'Ada’s laptop', platform: 'linux' });
    expect(account.account.email).toBe('ada@example.com');
  });

  it('stores only hashes of tokens and codes', async () => {
    const { verifier, challenge } = pkcePair();
    const tokens = await readJson<TokenReply>(exchange(await codeFrom(await signIn(challenge)), verifier));
    const { db } = server.context.database;
    const stored = JSON.stringify([await db.selectFrom('device_tokens').selectAll().execute(), await db.selectFrom('auth_codes').selectAll().execute()]);
    expect(stored).not.toContain(tokens.access_token);
    expect(stored).not.toContain(tokens.refresh_token);
  });

  it('refuses a code used twice and signs out the device it made', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFrom(await signIn(challenge));
    const first = await readJson<TokenReply>(exchange(code, verifier));
    expect((await me(first.access_token)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect((await readJson<OAuthErrorReply>(again)).error).toBe('invalid_grant');
    expect((await me(first.access_token)).status).toBe(401);
  });

  it('refuses a code after 60 seconds', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFrom(await signIn(challenge));
    offset += 61_000;
    try {
      const late = await exchange(code, verifier);
      expect(late.status).toBe(400);
      expect((await readJson<OAuthErrorReply>(late)).error_description).toMatch(/expired/);
    } finally {
      offset -= 61_000;
    }
  });

  it('rotates the refresh token, and a reused one revokes the device and every token of it', async () => {
    const { verifier, challenge } = pkcePair();
    const first = await readJson<TokenReply>(exchange(await codeFrom(await signIn(challenge)), verifier));
    const second = await readJson<TokenReply>(token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.device_id).toBe(first.device_id);
    expect((await me(second.access_token)).status).toBe(200);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse.status).toBe(400);
    expect((await readJson<OAuthErrorReply>(reuse)).error_description).toMatch(/already used/);
    expect((await me(second.access_token)).status).toBe(401);
    const afterRevoke = await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(afterRevoke.status).toBe(400);
    const device = await server.context.database.db.selectFrom('devices').select('revoked_at').where('id', '=', first.device_id).executeTakeFirstOrThrow();
    expect(device.revoked_at).not.toBeNull();
  });

  it('signs out with /oauth/revoke', async () => {
    const { verifier, challenge } = pkcePair();
    const tokens = await readJson<TokenReply>(exchange(await codeFrom(await signIn(challenge)), verifier));
    const revoked = await fetch(`${server.url}/oauth/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${tokens.refresh_token}` });
    expect(revoked.status).toBe(200);
    expect((await me(tokens.access_token)).status).toBe(401);
  });

  it('says the password is wrong, without a code, and limits attempts per account', async () => {
    const { challenge } = pkcePair();
    const wrong = await signIn(challenge, 'locked@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('The e-mail or password is wrong');
    for (let i = 1; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn(challenge, 'locked@example.com', 'still wrong');
    const locked = await signIn(challenge, 'locked@example.com', PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed attempts');
    // Another account from the same address is not locked by it.
    expect((await signIn(challenge)).status).toBe(303);
  });

  it('limits attempts per address too, whatever e-mails are tried', async () => {
    const { challenge } = pkcePair();
    const page = await openForm(authorizeUrl(challenge));
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await submitForm(`${server.url}/oauth/authorize`, page, { email: `nobody${i}@example.com`, password: 'guess' });
    }
    const locked = await submitForm(`${server.url}/oauth/authorize`, page, { email: 'ada@example.com', password: PASSWORD });
    expect(locked.status).toBe(429);
    // The window passes and the address may try again.
    offset += 16 * 60_000;
    try {
      expect((await submitForm(`${server.url}/oauth/authorize`, page, { email: 'ada@example.com', password: PASSWORD })).status).toBe(303);
    } finally {
      offset -= 16 * 60_000;
      // Later tests sign in from the same address.
      await server.context.database.db.deleteFrom('sign_in_failures').execute();
    }
  });

  it('refuses a post without the CSRF cookie', async () => {
    const page = await openForm(authorizeUrl(pkcePair().challenge));
    const response = await submitForm(`${server.url}/oauth/authorize`, page, { email: 'ada@example.com', password: PASSWORD }, { cookie: '' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Reload it and try again');
  });

  it('never redirects to an address that is not a loopback IP literal', async () => {
    for (const redirect of ['https://evil.example/callback', 'http://localhost:5000/callback', 'http://192.168.1.2:5000/cb', 'not a url']) {
      const response = await fetch(authorizeUrl(pkcePair().challenge, { redirect_uri: redirect }), { redirect: 'manual' });
      expect(response.status, redirect).toBe(400);
      expect(await response.text()).toContain('loopback');
    }
    const ipv6 = await fetch(authorizeUrl(pkcePair().challenge, { redirect_uri: 'http://[::1]:61000/callback' }), { redirect: 'manual' });
    expect(ipv6.status).toBe(200);
  });

  it('sends a request without PKCE S256 back to the app with an error', async () => {
    for (const overrides of [{ code_challenge_method: 'plain' }, { code_challenge: null }, { response_type: 'token' }] as Record<string, string | null>[]) {
      const response = await fetch(authorizeUrl(pkcePair().challenge, overrides), { redirect: 'manual' });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(location.searchParams.get('error')).toMatch(/invalid_request|unsupported_response_type/);
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  it('refuses unknown clients and grant types', async () => {
    const page = await fetch(authorizeUrl(pkcePair().challenge, { client_id: 'someone-else' }));
    expect(page.status).toBe(400);
    const grant = await token({ grant_type: 'password', username: 'ada@example.com', password: PASSWORD });
    expect(grant.status).toBe(400);
    expect((await readJson<OAuthErrorReply>(grant)).error).toBe('unsupported_grant_type');
  });
});
