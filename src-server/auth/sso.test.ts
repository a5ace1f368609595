import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, TokenReply } from '../../src-shared/sync/wire';
import { TEXT } from '../http/pages/text';
import { TestBrowser } from '../testing/browser';
import { DIALECTS } from '../testing/databases';
import { identityFor, startIdentityProvider, type TestIdentityProvider } from '../testing/identity-provider';
import { identityConfigFrom } from './identity-config';
import { pkcePair, readJson, startTestServer, type TestServer } from '../testing/server';

const CALLBACK = 'http://127.0.0.1:53683/callback';

describe.each(DIALECTS)('single sign-on with OpenID Connect on %s', (dialect) => {
  let idp: TestIdentityProvider;
  let server: TestServer;

  beforeAll(async () => {
    // The claims come from userinfo, the longer way (the benchmark takes them from the ID token).
    idp = await startIdentityProvider({ claimsInIdToken: false });
    idp.people.set('ada-sub', { email: 'ada@acme.example', name: 'Ada Lovelace', groups: ['staff', 'rmllm-admins'] });
    idp.people.set('bob-sub', { email: 'bob@acme.example', groups: ['staff'] });
    idp.people.set('eve-sub', { email: 'eve@elsewhere.example' });
    idp.people.set('una-sub', { email: 'una@acme.example', emailVerified: false });
    idp.people.set('carl-sub', { email: 'carl@acme.example', groups: ['audit'] });
    server = await startTestServer(dialect, {
      identity: identityFor(idp, { id: 'acme', name: 'Acme', domains: [{ domain: 'acme.example' }], roles: { 'rmllm-admins': 'admin', audit: 'auditor' } }),
    });
    idp.allowCallback(`${server.url}/oauth/sso/callback`);
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
  });

  function authorizeUrl(challenge: string): string {
    const url = new URL('/oauth/authorize', server.url);
    const params = {
      response_type: 'code',
      client_id: 'realmultillm-desktop',
      redirect_uri: CALLBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'app-state-1',
      device_name: 'Ada’s laptop',
      device_platform: 'linux',
      app_version: '0.2.0',
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.href;
  }

  /** The desktop's sign-in in a browser: our page, the provider's button, the provider, and back. */
  async function signIn(person: string, options: { language?: string; rewrite?: (url: URL) => URL } = {}) {
    idp.signInAs = person;
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(CALLBACK, { 'Accept-Language': options.language ?? 'en' }, options.rewrite);
    const { page } = await browser.open(authorizeUrl(challenge));
    expect(page.status).toBe(200);
    const stop = await browser.submit(server.url, page.html, '/oauth/sso');
    return { stop, verifier };
  }

  const exchange = (code: string, verifier: string) =>
    fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: CALLBACK, client_id: 'realmultillm-desktop' }).toString(),
    });

  async function counts() {
    const { db } = server.context.database;
    const count = async (table: 'accounts' | 'identities' | 'org_members' | 'auth_codes' | 'devices') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { accounts: await count('accounts'), identities: await count('identities'), members: await count('org_members'), codes: await count('auth_codes'), devices: await count('devices') };
  }

  it('offers each identity provider on the sign-in page, in both languages', async () => {
    const english = await (await fetch(authorizeUrl(pkcePair().challenge))).text();
    expect(english).toContain('Sign in with Acme SSO');
    expect(english).toContain('<form method="post" action="/oauth/sso">');
    const german = await (await fetch(authorizeUrl(pkcePair().challenge), { headers: { 'Accept-Language': 'de-DE' } })).text();
    expect(german).toContain('Mit Acme SSO anmelden');
  });

  it('signs a desktop in through the provider: PKCE at both ends, a code on the loopback, a device, and the org role from the groups', async () => {
    const { stop, verifier } = await signIn('ada-sub');
    expect(stop.visited.some((address) => address.startsWith(idp.issuer))).toBe(true);
    const authorization = new URL(stop.visited.find((address) => address.startsWith(`${idp.issuer}/auth`))!);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(stop.callback).not.toBeNull();
    expect(stop.callback!.searchParams.get('state')).toBe('app-state-1');
    const reply = await exchange(stop.callback!.searchParams.get('code')!, verifier);
    expect(reply.status).toBe(200);
    const tokens = await readJson<TokenReply>(reply);
    const me = await readJson<Me>(server.call('/api/v1/me', { token: tokens.access_token }));
    expect(me.account).toMatchObject({ email: 'ada@acme.example', name: 'Ada Lovelace', admin: false });
    expect(me.organizations).toEqual([{ id: 'acme', name: 'Acme', role: 'admin', requireSso: false }]);
    expect(me.spaces).toEqual([expect.objectContaining({ kind: 'personal', role: 'owner' })]);
    const devices = await readJson<{ devices: Array<{ name: string; appVersion: string | null }> }>(server.call('/api/v1/devices', { token: tokens.access_token }));
    expect(devices.devices).toEqual([expect.objectContaining({ name: 'Ada’s laptop', appVersion: '0.2.0', current: true })]);
  });

  it('makes an account just in time from the domain rule, and the same subject signs in to the same account again', async () => {
    const first = await signIn('bob-sub');
    const tokens = await readJson<TokenReply>(exchange(first.stop.callback!.searchParams.get('code')!, first.verifier));
    const me = await readJson<Me>(server.call('/api/v1/me', { token: tokens.access_token }));
    expect(me.organizations).toEqual([expect.objectContaining({ id: 'acme', role: 'member' })]);
    const before = await counts();
    const again = await signIn('bob-sub');
    const second = await readJson<TokenReply>(exchange(again.stop.callback!.searchParams.get('code')!, again.verifier));
    const meAgain = await readJson<Me>(server.call('/api/v1/me', { token: second.access_token }));
    expect(meAgain.account.id).toBe(me.account.id);
    expect((await counts()).accounts).toBe(before.accounts);
  });

  it('maps a group to the auditor role, and follows the groups when they change', async () => {
    const first = await signIn('carl-sub');
    const tokens = await readJson<TokenReply>(exchange(first.stop.callback!.searchParams.get('code')!, first.verifier));
    expect((await readJson<Me>(server.call('/api/v1/me', { token: tokens.access_token }))).organizations[0]!.role).toBe('auditor');
    idp.people.set('carl-sub', { email: 'carl@acme.example', groups: ['rmllm-admins'] });
    const again = await signIn('carl-sub');
    const second = await readJson<TokenReply>(exchange(again.stop.callback!.searchParams.get('code')!, again.verifier));
    expect((await readJson<Me>(server.call('/api/v1/me', { token: second.access_token }))).organizations[0]!.role).toBe('admin');
  });

  it('links an existing password account with the same verified e-mail instead of making a second one', async () => {
    const existing = await server.account('dora@acme.example', { password: 'a password of length' });
    idp.people.set('dora-sub', { email: 'Dora@acme.example' });
    const { stop, verifier } = await signIn('dora-sub');
    const tokens = await readJson<TokenReply>(exchange(stop.callback!.searchParams.get('code')!, verifier));
    expect((await readJson<Me>(server.call('/api/v1/me', { token: tokens.access_token }))).account.id).toBe(existing.id);
  });

  const refusals: Array<{ name: string; problem: keyof (typeof TEXT)['en']['ssoProblems']; status: number; run: (language: string) => ReturnType<typeof signIn> }> = [
    {
      name: 'a nonce that is not the one sent',
      problem: 'nonce',
      status: 400,
      run: (language) =>
        signIn('ada-sub', {
          language,
          rewrite: (url) => {
            if (url.href.startsWith(`${idp.issuer}/auth?`)) url.searchParams.set('nonce', 'a-nonce-the-server-never-made');
            return url;
          },
        }),
    },
    {
      name: 'an ID token for another audience',
      problem: 'audience',
      status: 400,
      run: async (language) => {
        idp.tamper = (claims) => void (claims.aud = 'some-other-application');
        try {
          return await signIn('ada-sub', { language });
        } finally {
          idp.tamper = null;
        }
      },
    },
    {
      name: 'an expired ID token',
      problem: 'expired',
      status: 400,
      run: async (language) => {
        const past = Math.floor(Date.now() / 1000) - 7200;
        idp.tamper = (claims) => Object.assign(claims, { iat: past, exp: past + 600 });
        try {
          return await signIn('ada-sub', { language });
        } finally {
          idp.tamper = null;
        }
      },
    },
    { name: 'an e-mail at a domain without a rule', problem: 'domain', status: 403, run: (language) => signIn('eve-sub', { language }) },
    { name: 'an e-mail the provider has not verified', problem: 'email_unverified', status: 400, run: (language) => signIn('una-sub', { language }) },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} on the sign-in page, in both languages, creating nothing`, async () => {
      for (const language of ['en', 'de'] as const) {
        const before = await counts();
        const { stop } = await refusal.run(language);
        expect(stop.callback).toBeNull();
        expect(stop.status).toBe(refusal.status);
        expect(stop.html).toContain(escape(TEXT[language].ssoProblems[refusal.problem]));
        // The page offers the sign-in again for the same device request.
        expect(stop.html).toContain('<form method="post" action="/oauth/sso">');
        expect(await counts()).toEqual(before);
      }
    });
  }

  it('refuses a callback whose state it never made, or one already used, in both languages', async () => {
    for (const language of ['en', 'de'] as const) {
      const browser = new TestBrowser(CALLBACK, { 'Accept-Language': language });
      const forged = await browser.go(`${server.url}/oauth/sso/callback?code=stolen&state=forged-state&iss=${encodeURIComponent(idp.issuer)}`);
      expect(forged.status).toBe(400);
      expect(forged.html).toContain(escape(TEXT[language].ssoProblems.state));
    }
    // A real callback replayed: the first use took the pending sign-in.
    let callback = '';
    const { stop } = await signIn('ada-sub', {
      rewrite: (url) => {
        if (url.pathname === '/oauth/sso/callback') callback = url.href;
        return url;
      },
    });
    expect(stop.callback).not.toBeNull();
    const before = await counts();
    const replay = await new TestBrowser(CALLBACK).go(callback);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain(escape(TEXT.en.ssoProblems.state));
    expect(await counts()).toEqual(before);
  });

  it('refuses the password of a member once the organization requires single sign-on', async () => {
    const admin = await server.account('root@acme.example', { admin: true });
    const adminToken = (await server.device(admin)).access_token;
    expect((await server.call('/api/v1/orgs', { method: 'POST', token: adminToken, json: { id: 'strict', name: 'Strict Ltd' } })).status).toBe(201);
    const member = await server.account('pat@strict.example', { password: 'pat’s long password' });
    expect((await server.call('/api/v1/orgs/strict/members', { method: 'POST', token: adminToken, json: { email: 'pat@strict.example', role: 'member' } })).status).toBe(200);
    const browser = new TestBrowser(CALLBACK);
    const passwordSignIn = async () => {
      const { page } = await browser.open(authorizeUrl(pkcePair().challenge));
      return browser.submit(server.url, page.html, '/oauth/authorize', { email: member.email, password: 'pat’s long password' });
    };
    expect((await passwordSignIn()).callback).not.toBeNull();
    const patched = await server.call('/api/v1/orgs/strict', { method: 'PATCH', token: adminToken, json: { requireSso: true } });
    expect(await readJson(patched)).toMatchObject({ requireSso: true });
    const refused = await passwordSignIn();
    expect(refused.callback).toBeNull();
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Strict Ltd signs in only through its identity provider');
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe('several identity providers in one organization', () => {
  let first: TestIdentityProvider;
  let second: TestIdentityProvider;
  let server: TestServer;

  beforeAll(async () => {
    first = await startIdentityProvider();
    second = await startIdentityProvider({ clientId: 'rmllm-at-partner' });
    for (const idp of [first, second]) idp.people.set('zoe', { email: 'zoe@acme.example' });
    const provider = (idp: TestIdentityProvider, id: string, label: string) => ({ id, label, issuer: idp.issuer, clientId: idp.clientId, clientSecretEnv: `SECRET_${id.toUpperCase()}` });
    server = await startTestServer('sqlite', {
      identity: identityConfigFrom(
        { organizations: [{ id: 'acme', name: 'Acme', domains: [{ domain: 'acme.example' }], identityProviders: [provider(first, 'main', 'Acme Entra'), provider(second, 'partner', 'Acme Okta')] }] },
        { env: { SECRET_MAIN: first.clientSecret, SECRET_PARTNER: second.clientSecret } },
      ),
    });
    first.allowCallback(`${server.url}/oauth/sso/callback`);
    second.allowCallback(`${server.url}/oauth/sso/callback`);
  });
  afterAll(async () => {
    await server?.stop();
    await first?.close();
    await second?.close();
  });

  it('offers both, and either signs the same person in to the same account', async () => {
    const accountIds: string[] = [];
    for (const [index, idp] of [first, second].entries()) {
      idp.signInAs = 'zoe';
      const { verifier, challenge } = pkcePair();
      const authorize = new URL('/oauth/authorize', server.url);
      const query = { response_type: 'code', client_id: 'realmultillm-desktop', redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256', state: 's' };
      for (const [key, value] of Object.entries(query)) authorize.searchParams.set(key, value);
      const browser = new TestBrowser(CALLBACK);
      const { page } = await browser.open(authorize.href);
      expect(page.html).toContain('Sign in with Acme Entra');
      expect(page.html).toContain('Sign in with Acme Okta');
      const stop = await browser.submit(server.url, page.html, '/oauth/sso', {}, index);
      expect(stop.visited.some((address) => address.startsWith(idp.issuer))).toBe(true);
      const reply = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: stop.callback!.searchParams.get('code')!, code_verifier: verifier, redirect_uri: CALLBACK, client_id: 'realmultillm-desktop' }).toString(),
      });
      const tokens = (await reply.json()) as TokenReply;
      accountIds.push((await readJson<Me>(server.call('/api/v1/me', { token: tokens.access_token }))).account.id);
    }
    expect(accountIds[0]).toBe(accountIds[1]);
    const identities = await server.context.database.db.selectFrom('identities').select(['provider_id']).where('account_id', '=', accountIds[0]!).execute();
    expect(identities.map((identity) => identity.provider_id).sort()).toEqual(['main', 'partner']);
  });
});

describe('an identity provider that does not answer', () => {
  it('says so on the sign-in page (502), in both languages, and keeps nothing', async () => {
    const server = await startTestServer('sqlite', {
      identity: identityConfigFrom({
        organizations: [{ id: 'acme', name: 'Acme', identityProviders: [{ id: 'gone', label: 'Gone SSO', issuer: 'http://127.0.0.1:9/', clientId: 'x' }] }],
      }),
    });
    try {
      for (const language of ['en', 'de'] as const) {
        const authorize = new URL('/oauth/authorize', server.url);
        const query = { response_type: 'code', client_id: 'realmultillm-desktop', redirect_uri: CALLBACK, code_challenge: pkcePair().challenge, code_challenge_method: 'S256', state: 's' };
        for (const [key, value] of Object.entries(query)) authorize.searchParams.set(key, value);
        const browser = new TestBrowser(CALLBACK, { 'Accept-Language': language });
        const { page } = await browser.open(authorize.href);
        const stop = await browser.submit(server.url, page.html, '/oauth/sso');
        expect(stop.status).toBe(502);
        expect(stop.html).toContain(escape(TEXT[language].ssoProblems.provider_unreachable));
      }
      const pending = await server.context.database.db.selectFrom('sso_requests').selectAll().execute();
      expect(pending).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
