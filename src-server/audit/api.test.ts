// What the audit trail records (who, device, space, tables, counts; never content)
// for sign-ins, refusals, sign-outs, admin actions, members and sync, and how admins
// read it: GET /api/v1/audit with filters and pages, 403 for everyone else, and
// the JSON lines and CSV exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { passwordAuthenticator } from '../auth/authenticators';
import { change } from '../testing/changes';
import { DIALECTS } from '../testing/databases';
import { readJson, startTestServer, type TestServer } from '../testing/server';
import { exportAudit, type AuditRecord } from './query';
import { verifyChain } from './verify';

interface AuditPage {
  events: AuditRecord[];
  next: number | null;
}

describe.each(DIALECTS)('the audit trail on %s', (dialect) => {
  let server: TestServer;
  let admin: AccountRow;
  let member: AccountRow;
  let adminToken: string;
  let memberToken: string;
  const secret = 'Content that must never reach the audit trail';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.account('admin@example.com', { admin: true });
    member = await server.account('member@example.com', { password: 'correct horse battery' });
    adminToken = (await server.device(admin, 'Admin laptop')).access_token;
    const memberTokens = await server.device(member, 'Member phone');
    memberToken = memberTokens.access_token;
    const context = server.context;
    await passwordAuthenticator.authenticate(context, { fields: { email: 'member@example.com', password: 'wrong' }, ip: '203.0.113.9' });
    await passwordAuthenticator.authenticate(context, { fields: { email: 'nobody@example.com', password: 'wrong' }, ip: '203.0.113.9' });
    const space = await readJson<{ id: string }>(server.call('/api/v1/spaces', { method: 'POST', token: adminToken, json: { name: 'Team' } }));
    await server.call(`/api/v1/spaces/${space.id}/members`, { method: 'POST', token: adminToken, json: { email: 'member@example.com', role: 'editor' } });
    await server.call('/api/v1/sync/push', { method: 'POST', token: memberToken, json: { space: space.id, changes: [change({ fields: { title: secret } }), change()] } });
    await server.call(`/api/v1/sync/pull?space=${space.id}`, { token: memberToken });
    await server.call(`/api/v1/spaces/${space.id}/members/${member.id}`, { method: 'DELETE', token: adminToken });
    await server.call('/api/v1/invitations', { method: 'POST', token: adminToken, json: { email: 'new@example.com' } });
    const signOut = new URLSearchParams({ token: memberTokens.refresh_token });
    await fetch(`${server.url}/oauth/revoke`, { method: 'POST', body: signOut });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const read = (query: string) => server.call(`/api/v1/audit${query}`, { token: adminToken });

  it('records each action once, in order, with who, device, space, tables and counts but no content', async () => {
    const { events } = await readJson<AuditPage>(read('?limit=1000'));
    const actions = events.map((event) => event.action).reverse();
    expect(actions).toEqual([
      'auth.sign_in',
      'auth.sign_in',
      'auth.sign_in_refused',
      'auth.sign_in_refused',
      'space.created',
      'member.set',
      'sync.push',
      'sync.pull',
      'member.removed',
      'admin.invitation_created',
      'auth.sign_out',
    ]);
    const byAction = (action: string) => events.filter((event) => event.action === action);
    expect(byAction('auth.sign_in_refused').map((event) => [event.account, event.detail])).toEqual([
      [null, { method: 'password', reason: 'wrong_credentials', ip: '203.0.113.9' }],
      [member.id, { method: 'password', reason: 'wrong_credentials', ip: '203.0.113.9' }],
    ]);
    expect(byAction('sync.push')[0]).toMatchObject({ account: member.id, device: expect.any(String), space: expect.any(String), detail: { tables: ['conversations'], accepted: 2, duplicates: 0 } });
    expect(byAction('member.set')[0]).toMatchObject({ account: admin.id, detail: { member: member.id, role: 'editor', was: null } });
    expect(byAction('auth.sign_out')[0]).toMatchObject({ account: member.id });
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain('new@example.com');
    expect((await verifyChain(server.context.database, { fileCheckpoints: [], publicKeys: new Map() })).problems).toEqual([]);
  });

  it('filters by who, what and when, newest first, a page at a time', async () => {
    const mine = await readJson<AuditPage>(read(`?account=${member.id}&limit=1000`));
    expect(new Set(mine.events.map((event) => event.account))).toEqual(new Set([member.id]));
    const signIns = await readJson<AuditPage>(read('?action=auth.&limit=1000'));
    expect(signIns.events.every((event) => event.action.startsWith('auth.'))).toBe(true);
    expect(signIns.events.length).toBe(5);
    const all = (await readJson<AuditPage>(read('?limit=1000'))).events;
    const pushAt = all.find((event) => event.action === 'sync.push')!.at;
    const later = await readJson<AuditPage>(read(`?since=${pushAt}&action=sync.push`));
    expect(later.events.map((event) => event.action)).toEqual(['sync.push']);
    expect((await readJson<AuditPage>(read(`?until=${all.at(-1)!.at}`))).events).toEqual([]);

    const first = await readJson<AuditPage>(read('?limit=4'));
    expect(first.events.map((event) => event.seq)).toEqual([...first.events.map((event) => event.seq)].sort((a, b) => b - a));
    expect(first.next).toBe(first.events.at(-1)!.seq);
    const second = await readJson<AuditPage>(read(`?limit=4&before=${first.next}`));
    expect(second.events[0]!.seq).toBe(first.next! - 1);
  });

  it('records who read the audit trail, and with which filters', async () => {
    await read('?action=sync.push');
    const reads = await readJson<AuditPage>(read('?action=audit.read&limit=1'));
    expect(reads.events[0]).toMatchObject({ account: admin.id, detail: { filters: ['action'], events: 1 } });
  });

  it('answers 403 to anyone but an admin, and 400 to a bad filter', async () => {
    const other = await server.account('other@example.com');
    const refused = await server.call('/api/v1/audit', { token: (await server.device(other)).access_token });
    expect(refused.status).toBe(403);
    expect((await readJson<ApiErrorBody>(refused)).error.code).toBe('auth.admin_only');
    const bad = await read('?since=yesterday');
    expect(bad.status).toBe(400);
    expect((await readJson<ApiErrorBody>(bad)).error.code).toBe('request.invalid');
    expect((await read('?colour=red')).status).toBe(400);
  });

  it('records organization actions once they succeeded, with ids and roles but no e-mail', async () => {
    const orgAdmin = await server.account('owner@acme.example', { admin: true });
    const token = (await server.device(orgAdmin)).access_token;
    await server.account('staff@acme.example');
    expect((await server.call('/api/v1/orgs', { method: 'POST', token, json: { id: 'acme', name: 'Acme' } })).status).toBe(201);
    expect((await server.call('/api/v1/orgs/acme/members', { method: 'POST', token, json: { email: 'staff@acme.example', role: 'auditor' } })).status).toBe(200);
    expect((await server.call('/api/v1/orgs/acme/members', { method: 'POST', token, json: { email: 'nobody@acme.example', role: 'member' } })).status).toBe(404);
    // Recorded just after the reply: wait for them.
    let events: AuditRecord[] = [];
    await expect
      .poll(async () => {
        events = (await readJson<AuditPage>(read('?action=org.&limit=10'))).events;
        return events.length;
      })
      .toBe(2);
    expect(events.map((event) => [event.action, event.account, event.detail])).toEqual([
      ['org.member_set', orgAdmin.id, { org: 'acme', role: 'auditor', email: true }],
      ['org.created', orgAdmin.id, {}],
    ]);
    expect(JSON.stringify(events)).not.toContain('staff@acme.example');
  });

  it('exports every event oldest first as JSON lines and as CSV', async () => {
    let jsonl = '';
    for await (const chunk of exportAudit(server.context.database.db, 'jsonl', 3)) jsonl += chunk;
    const lines = jsonl.trim().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    expect(lines.map((event) => event.seq)).toEqual(lines.map((_, index) => index + 1));
    expect(lines[0]).toMatchObject({ action: 'auth.sign_in', prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    let csv = '';
    for await (const chunk of exportAudit(server.context.database.db, 'csv', 3)) csv += chunk;
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('seq,id,at,time,account,device,space,action,detail,prev_hash,hash');
    expect(rows.length).toBe(lines.length + 1);
    const push = rows.find((row) => row.includes(',sync.push,'))!;
    expect(push).toContain('"{""accepted"":2,""duplicates"":0,""tables"":[""conversations""]}"');
  });
});
