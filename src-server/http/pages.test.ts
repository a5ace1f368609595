import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/databases';
import { openForm, submitForm } from '../testing/forms';
import type { ApiErrorBody, InvitationReply, SpaceSummary } from '../../src-shared/sync/wire';
import { readJson, startTestServer, type TestServer } from '../testing/server';

const PASSWORD = 'a long enough password';

describe.each(DIALECTS)('setup and invitation pages on %s', (dialect) => {
  let server: TestServer;
  let offset = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect, { now: () => Date.now() + offset });
  });
  afterAll(() => server?.stop());

  it('makes the first admin with the one-time setup link, and the link works once', async () => {
    expect(server.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup\?token=rmln_/);
    const page = await openForm(server.setupUrl!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Set up the team server');
    const short = await submitForm(`${server.url}/setup`, page, { name: 'Grace', email: 'grace@example.com', password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('at least 10 characters');
    const differ = await submitForm(`${server.url}/setup`, page, { name: 'Grace', email: 'grace@example.com', password: PASSWORD, confirm: `${PASSWORD}!` });
    expect(await differ.text()).toContain('The two passwords differ');
    const made = await submitForm(`${server.url}/setup`, page, { name: 'Grace', email: 'Grace@Example.com', password: PASSWORD, confirm: PASSWORD });
    expect(made.status).toBe(201);
    expect(await made.text()).toContain('Settings → Team sync');
    const admin = await server.context.database.db.selectFrom('accounts').selectAll().where('email', '=', 'grace@example.com').executeTakeFirstOrThrow();
    expect(admin.admin).toBe(1);
    expect(admin.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const again = await openForm(server.setupUrl!);
    expect(again.status).toBe(410);
    expect(again.html).toContain('already used');
    const reused = await submitForm(`${server.url}/setup`, page, { name: 'Mallory', email: 'mallory@example.com', password: PASSWORD, confirm: PASSWORD });
    expect(reused.status).toBe(410);
    expect(await server.context.database.db.selectFrom('accounts').select('id').where('email', '=', 'mallory@example.com').executeTakeFirst()).toBeUndefined();
  });

  it('says a link is not valid, in German when the browser asks for it', async () => {
    const page = await openForm(`${server.url}/setup?token=rmln_nothing`, { 'Accept-Language': 'de-DE,de;q=0.9' });
    expect(page.status).toBe(410);
    expect(page.html).toContain('lang="de"');
    expect(page.html).toContain('Dieser Link ist ungültig');
  });

  describe('invitations', () => {
    let adminToken: string;
    let shared: string;

    beforeAll(async () => {
      const admin = await server.account('admin@example.com', { admin: true });
      adminToken = (await server.device(admin)).access_token;
      shared = (await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token: adminToken, json: { name: 'Research' } }))).id;
    });

    const invite = (json: unknown, token = adminToken) => server.call('/api/v1/invitations', { method: 'POST', token, json });

    it('makes an account and a membership of the space the invitation names', async () => {
      const reply = await invite({ email: 'lin@example.com', space: shared, role: 'viewer' });
      expect(reply.status).toBe(201);
      const { url } = await readJson<InvitationReply>(reply);
      const page = await openForm(url);
      expect(page.html).toContain('lin@example.com');
      const made = await submitForm(`${server.url}/invite`, page, { name: 'Lin', email: 'someone-else@example.com', password: PASSWORD, confirm: PASSWORD });
      expect(made.status).toBe(201);
      const lin = await server.context.database.db.selectFrom('accounts').selectAll().where('email', '=', 'lin@example.com').executeTakeFirstOrThrow();
      expect(lin.admin).toBe(0);
      const member = await server.context.database.db.selectFrom('members').select('role').where('space_id', '=', shared).where('account_id', '=', lin.id).executeTakeFirst();
      expect(member?.role).toBe('viewer');
    });

    it('says an invitation has expired', async () => {
      const { url } = await readJson<InvitationReply>(invite({ hours: 1 }));
      offset += 2 * 3_600_000;
      try {
        const page = await openForm(url);
        expect(page.status).toBe(410);
        expect(page.html).toContain('This link has expired');
      } finally {
        offset -= 2 * 3_600_000;
      }
    });

    it('only an admin invites', async () => {
      const someone = await server.account('plain@example.com');
      const token = (await server.device(someone)).access_token;
      const reply = await invite({}, token);
      expect(reply.status).toBe(403);
      expect((await readJson<ApiErrorBody>(reply)).error.code).toBe('auth.admin_only');
    });

    it('refuses an e-mail that has an account already', async () => {
      const { url } = await readJson<InvitationReply>(invite({}));
      const page = await openForm(url);
      const taken = await submitForm(`${server.url}/invite`, page, { name: 'Copy', email: 'admin@example.com', password: PASSWORD, confirm: PASSWORD });
      expect(taken.status).toBe(400);
      expect(await taken.text()).toContain('exists already');
    });
  });
});
