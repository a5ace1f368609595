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

  describe('the admin invitation page', () => {
    const pageUrl = () => `${server.url}/admin/invite`;
    const invitations = () => server.context.database.db.selectFrom('links').select(['created_by', 'email']).where('kind', '=', 'invite').execute();

    beforeAll(async () => {
      await server.account('boss@example.com', { admin: true, password: PASSWORD });
      await server.account('member@example.com', { password: PASSWORD });
    });

    it('lets an admin make an invitation link that works, signing in on the form', async () => {
      const form = await openForm(pageUrl());
      expect(form.status).toBe(200);
      expect(form.html).toContain('Invite someone');
      expect(form.hidden.csrf).toMatch(/^rmcs_/);
      const before = (await invitations()).length;
      const made = await submitForm(pageUrl(), form, { email: 'boss@example.com', password: PASSWORD, invitee: 'New.Person@example.com' });
      expect(made.status).toBe(201);
      expect(made.headers.get('cache-control')).toBe('no-store');
      const url = /value="(http:\/\/127\.0\.0\.1:\d+\/invite\?token=rmln_[\w-]+)"/.exec(await made.text())?.[1];
      expect(url).toBeDefined();
      const boss = await server.context.database.db.selectFrom('accounts').select('id').where('email', '=', 'boss@example.com').executeTakeFirstOrThrow();
      const after = await invitations();
      expect(after).toHaveLength(before + 1);
      expect(after).toContainEqual({ created_by: boss.id, email: 'new.person@example.com' });
      const invitation = await openForm(url!);
      expect(invitation.status).toBe(200);
      expect(invitation.html).toContain('new.person@example.com');
    });

    it('makes no link for a wrong password, an account that is not an admin, or a post without the CSRF cookie', async () => {
      const before = (await invitations()).length;
      const form = await openForm(pageUrl());
      const wrong = await submitForm(pageUrl(), form, { email: 'boss@example.com', password: 'not the password', invitee: '' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('The e-mail or password is wrong');
      const member = await submitForm(pageUrl(), form, { email: 'member@example.com', password: PASSWORD, invitee: '' });
      expect(member.status).toBe(403);
      expect(await member.text()).toContain('Only an admin');
      const forged = await submitForm(pageUrl(), form, { email: 'boss@example.com', password: PASSWORD, invitee: '' }, { cookie: 'rmllm_csrf=rmcs_forged' });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('Reload it and try again');
      const badInvitee = await submitForm(pageUrl(), form, { email: 'boss@example.com', password: PASSWORD, invitee: 'not an e-mail' });
      expect(badInvitee.status).toBe(400);
      expect((await invitations()).length).toBe(before);
    });

    it('speaks German when the browser asks for it', async () => {
      const form = await openForm(pageUrl(), { 'Accept-Language': 'de' });
      expect(form.html).toContain('lang="de"');
      expect(form.html).toContain('Jemanden einladen');
      expect(form.html).toContain('E-Mail der eingeladenen Person (optional)');
    });
  });
});
