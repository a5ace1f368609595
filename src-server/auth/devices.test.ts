import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION_HEADER, type DeviceSummary, type InvitationReply, type Me } from '../../src-shared/sync/wire';
import { DIALECTS } from '../testing/databases';
import { openForm, submitForm } from '../testing/forms';
import { readJson, startTestServer, type TestServer } from '../testing/server';

describe.each(DIALECTS)('devices and organization invitations on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  const devicesOf = (token: string) => readJson<{ devices: DeviceSummary[] }>(server.call('/api/v1/devices', { token })).then((reply) => reply.devices);

  it('lists a person’s devices with the app version each last named, and revokes one, then all', async () => {
    const ada = await server.account('ada@example.com');
    const laptop = await server.device(ada, 'Laptop');
    const desktop = await server.device(ada, 'Desktop');
    const phone = await server.device(ada, 'Tablet');
    await server.call('/api/v1/me', { token: desktop.access_token, headers: { [APP_VERSION_HEADER]: '0.3.1' } });
    const listed = await devicesOf(laptop.access_token);
    expect(listed.map((device) => device.name).sort()).toEqual(['Desktop', 'Laptop', 'Tablet']);
    expect(listed.find((device) => device.name === 'Laptop')!.current).toBe(true);
    expect(listed.find((device) => device.name === 'Desktop')!.appVersion).toBe('0.3.1');

    expect((await server.call(`/api/v1/devices/${desktop.device_id}`, { method: 'DELETE', token: laptop.access_token })).status).toBe(204);
    expect((await server.call('/api/v1/me', { token: desktop.access_token })).status).toBe(401);
    expect((await server.call('/api/v1/me', { token: laptop.access_token })).status).toBe(200);
    expect((await devicesOf(laptop.access_token)).find((device) => device.name === 'Desktop')!.revokedAt).not.toBeNull();

    const all = await server.call('/api/v1/devices/revoke-all', { method: 'POST', token: phone.access_token });
    expect(await readJson(all)).toEqual({ revoked: 2 });
    for (const token of [laptop.access_token, phone.access_token]) expect((await server.call('/api/v1/me', { token })).status).toBe(401);
  });

  it('never revokes or lists another person’s device through the personal endpoints', async () => {
    const bob = await server.account('bob@example.com');
    const eve = await server.account('eve@example.com');
    const bobs = await server.device(bob);
    const eves = await server.device(eve);
    const attempt = await server.call(`/api/v1/devices/${bobs.device_id}`, { method: 'DELETE', token: eves.access_token });
    expect(attempt.status).toBe(404);
    expect((await server.call('/api/v1/me', { token: bobs.access_token })).status).toBe(200);
    expect((await devicesOf(eves.access_token)).map((device) => device.id)).toEqual([eves.device_id]);
  });

  it('turns an organization invitation into an account that is a member with the invited role', async () => {
    const owner = await server.account('owner@acme.example', { admin: true });
    const token = (await server.device(owner)).access_token;
    expect((await server.call('/api/v1/orgs', { method: 'POST', token, json: { id: 'acme', name: 'Acme' } })).status).toBe(201);
    const invitation = await readJson<InvitationReply>(server.call('/api/v1/orgs/acme/invitations', { method: 'POST', token, json: { email: 'new@acme.example', role: 'auditor' } }));
    const form = await openForm(invitation.url);
    expect(form.status).toBe(200);
    const made = await submitForm(`${server.url}/invite`, form, { name: 'Newcomer', password: 'a long enough password', confirm: 'a long enough password' });
    expect(made.status).toBe(201);
    const account = await server.context.database.db.selectFrom('accounts').selectAll().where('email', '=', 'new@acme.example').executeTakeFirstOrThrow();
    const me = await readJson<Me>(server.call('/api/v1/me', { token: (await server.device({ ...account, admin: false, personalSpaceId: account.personal_space_id })).access_token }));
    expect(me.organizations).toEqual([{ id: 'acme', name: 'Acme', role: 'auditor', requireSso: false }]);
  });
});
