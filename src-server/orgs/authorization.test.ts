// The authorization matrix: every organization endpoint x every role x the
// caller's own organization or another one, each cell the expected status, and
// no reply ever carries anything of an organization the caller is not in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { DIALECTS } from '../testing/databases';
import { startTestServer, type TestServer } from '../testing/server';
import { putOrgMember } from './organizations';

type Caller = OrgRole | 'outsider';
const CALLERS: Caller[] = ['owner', 'admin', 'member', 'auditor', 'outsider'];

interface Org {
  id: string;
  name: string;
  people: Record<OrgRole | 'victim', AccountRow>;
  team: string;
}

interface Endpoint {
  name: string;
  /** The statuses per role when the caller targets its own organization (an outsider targets acme). */
  own: Record<Caller, number>;
  call: (server: TestServer, token: string, org: Org, caller: AccountRow) => Promise<Response>;
}

const everyone = (status: number): Record<Caller, number> => ({ owner: status, admin: status, member: status, auditor: status, outsider: 403 });
const managers = (status: number): Record<Caller, number> => ({ owner: status, admin: status, member: 403, auditor: 403, outsider: 403 });
const auditors = (status: number): Record<Caller, number> => ({ owner: status, admin: status, member: 403, auditor: status, outsider: 403 });

const ENDPOINTS: Endpoint[] = [
  { name: 'GET /orgs/:org', own: everyone(200), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}`, { token: t }) },
  { name: 'PATCH /orgs/:org', own: managers(200), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}`, { method: 'PATCH', token: t, json: { name: o.name } }) },
  { name: 'GET /orgs/:org/members', own: everyone(200), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/members`, { token: t }) },
  {
    name: 'POST /orgs/:org/members',
    own: managers(200),
    call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/members`, { method: 'POST', token: t, json: { email: o.people.victim.email, role: 'member' } }),
  },
  { name: 'DELETE /orgs/:org/members/:account', own: managers(204), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/members/${o.people.victim.id}`, { method: 'DELETE', token: t }) },
  {
    name: 'POST /orgs/:org/transfer',
    own: { owner: 200, admin: 403, member: 403, auditor: 403, outsider: 403 },
    call: (s, t, o, caller) => s.call(`/api/v1/orgs/${o.id}/transfer`, { method: 'POST', token: t, json: { accountId: caller.id } }),
  },
  { name: 'POST /orgs/:org/invitations', own: managers(201), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/invitations`, { method: 'POST', token: t, json: { role: 'member' } }) },
  { name: 'GET /orgs/:org/devices', own: auditors(200), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/devices`, { token: t }) },
  {
    name: 'DELETE /orgs/:org/members/:account/devices',
    own: managers(200),
    call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/members/${o.people.victim.id}/devices`, { method: 'DELETE', token: t }),
  },
  { name: 'GET /orgs/:org/teams', own: everyone(200), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/teams`, { token: t }) },
  { name: 'POST /orgs/:org/teams', own: managers(201), call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/teams`, { method: 'POST', token: t, json: { name: 'Matrix' } }) },
  {
    name: 'PUT /orgs/:org/teams/:team/members/:account',
    own: managers(204),
    call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/teams/${o.team}/members/${o.people.victim.id}`, { method: 'PUT', token: t }),
  },
  {
    name: 'DELETE /orgs/:org/teams/:team/members/:account',
    own: managers(204),
    call: (s, t, o) => s.call(`/api/v1/orgs/${o.id}/teams/${o.team}/members/${o.people.victim.id}`, { method: 'DELETE', token: t }),
  },
];

describe.each(DIALECTS)('organization authorization on %s', (dialect) => {
  let server: TestServer;
  const orgs: Record<'acme' | 'globex', Org> = {} as never;
  const tokens = new Map<string, string>();
  let outsider: AccountRow;
  let serverAdmin: AccountRow;

  async function makeOrg(id: 'acme' | 'globex', name: string): Promise<Org> {
    const { db } = server.context.database;
    const now = Date.now();
    await db.insertInto('organizations').values({ id, name, require_sso: 0, created_at: now }).execute();
    const people = {} as Org['people'];
    for (const role of ['owner', 'admin', 'member', 'auditor', 'victim'] as const) {
      const account = await server.account(`${role}@${id}.example`);
      people[role] = account;
      await putOrgMember(db, id, account.id, role === 'victim' ? 'member' : role, now);
      tokens.set(account.id, (await server.device(account)).access_token);
    }
    const team = `${id}-team`;
    await db.insertInto('teams').values({ id: team, org_id: id, name: `${name} team`, created_at: now }).execute();
    return { id, name, people, team };
  }

  /** The victim is back in its organization with a device, whatever the last cell did. */
  async function restoreVictim(org: Org): Promise<void> {
    const { db } = server.context.database;
    await putOrgMember(db, org.id, org.people.victim.id, 'member', Date.now());
    await server.device(org.people.victim);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    orgs.acme = await makeOrg('acme', 'Acme Corporation');
    orgs.globex = await makeOrg('globex', 'Globex Industries');
    outsider = await server.account('outsider@nowhere.example');
    tokens.set(outsider.id, (await server.device(outsider)).access_token);
    serverAdmin = await server.account('operator@nowhere.example', { admin: true });
    tokens.set(serverAdmin.id, (await server.device(serverAdmin)).access_token);
  });
  afterAll(() => server?.stop());

  /** Everything that identifies an organization's people and names. */
  const secretsOf = (org: Org) => [org.id, org.name, org.team, ...Object.values(org.people).flatMap((person) => [person.id, person.email])];

  it('gives every endpoint x role x own/other organization the expected status, and never a byte of the other organization', async () => {
    const cells: string[] = [];
    for (const endpoint of ENDPOINTS) {
      for (const role of CALLERS) {
        for (const target of ['own', 'other'] as const) {
          const home = orgs.acme;
          const caller = role === 'outsider' ? outsider : home.people[role];
          const org = target === 'own' ? home : orgs.globex;
          await restoreVictim(org);
          const response = await endpoint.call(server, tokens.get(caller.id)!, org, caller);
          const expected = target === 'own' ? endpoint.own[role] : 403;
          const body = response.status === 204 ? '' : await response.text();
          cells.push(`${endpoint.name} ${role} ${target}: ${response.status}`);
          expect(response.status, `${endpoint.name} as ${role} of acme on ${target === 'own' ? 'acme' : 'globex'}: ${body}`).toBe(expected);
          const foreign = role === 'outsider' || target === 'other' ? secretsOf(org) : secretsOf(orgs.globex);
          // The id the caller named may come back in the refusal; nothing else may.
          for (const secret of foreign.filter((value) => value !== org.id)) {
            expect(body, `${endpoint.name} as ${role} on ${target} leaks ${secret}`).not.toContain(secret);
          }
          if (expected === 403) expect(JSON.parse(body).error.code).toBe('orgs.forbidden');
        }
      }
    }
    expect(cells).toHaveLength(ENDPOINTS.length * CALLERS.length * 2);
  });

  it('lists only the caller’s own organizations, and only a server admin makes one', async () => {
    const listed = await (await server.call('/api/v1/orgs', { token: tokens.get(orgs.acme.people.member.id)! })).text();
    expect(JSON.parse(listed).organizations).toEqual([{ id: 'acme', name: 'Acme Corporation', role: 'member', requireSso: false }]);
    for (const secret of secretsOf(orgs.globex)) expect(listed).not.toContain(secret);
    expect(JSON.parse(await (await server.call('/api/v1/orgs', { token: tokens.get(outsider.id)! })).text()).organizations).toEqual([]);
    for (const caller of [orgs.acme.people.owner, outsider]) {
      const refused = await server.call('/api/v1/orgs', { method: 'POST', token: tokens.get(caller.id)!, json: { id: 'initech', name: 'Initech' } });
      expect(refused.status).toBe(403);
    }
    const made = await server.call('/api/v1/orgs', { method: 'POST', token: tokens.get(serverAdmin.id)!, json: { id: 'initech', name: 'Initech' } });
    expect(made.status).toBe(201);
    const again = await server.call('/api/v1/orgs', { method: 'POST', token: tokens.get(serverAdmin.id)!, json: { id: 'initech', name: 'Initech again' } });
    expect(again.status).toBe(409);
  });

  it('keeps the owner: an admin cannot change, remove or sign out the owner, and bad input is a 4xx', async () => {
    const admin = tokens.get(orgs.acme.people.admin.id)!;
    const owner = orgs.acme.people.owner;
    const demote = await server.call('/api/v1/orgs/acme/members', { method: 'POST', token: admin, json: { email: owner.email, role: 'member' } });
    expect(demote.status).toBe(409);
    expect((await server.call(`/api/v1/orgs/acme/members/${owner.id}`, { method: 'DELETE', token: admin })).status).toBe(409);
    expect((await server.call(`/api/v1/orgs/acme/members/${owner.id}/devices`, { method: 'DELETE', token: admin })).status).toBe(409);
    const makeOwner = await server.call('/api/v1/orgs/acme/members', { method: 'POST', token: admin, json: { email: orgs.acme.people.member.email, role: 'owner' } });
    expect(makeOwner.status).toBe(400);
    for (const [path, init] of [
      ['/api/v1/orgs/NOT%20AN%20ID', {}],
      ['/api/v1/orgs/acme', { method: 'PATCH', json: { requireSso: 'yes' } }],
      ['/api/v1/orgs/acme/members', { method: 'POST', json: { email: 'not an address', role: 'member' } }],
      ['/api/v1/orgs/acme/teams', { method: 'POST', json: { name: '' } }],
      ['/api/v1/orgs/acme/invitations', { method: 'POST', json: { hours: 100_000 } }],
    ] as const) {
      const response = await server.call(path, { ...init, token: admin });
      expect(response.status, path).toBe(400);
    }
  });

  it('transfers ownership to a member; the old owner becomes an admin', async () => {
    const owner = orgs.globex.people.owner;
    const heir = orgs.globex.people.admin;
    const reply = await server.call('/api/v1/orgs/globex/transfer', { method: 'POST', token: tokens.get(owner.id)!, json: { accountId: heir.id } });
    expect(reply.status).toBe(200);
    const { members } = (await reply.json()) as { members: Array<{ accountId: string; role: OrgRole }> };
    expect(members.find((m) => m.accountId === heir.id)!.role).toBe('owner');
    expect(members.find((m) => m.accountId === owner.id)!.role).toBe('admin');
    expect(members.filter((m) => m.role === 'owner')).toHaveLength(1);
    const toStranger = await server.call('/api/v1/orgs/globex/transfer', { method: 'POST', token: tokens.get(heir.id)!, json: { accountId: outsider.id } });
    expect(toStranger.status).toBe(404);
  });
});
