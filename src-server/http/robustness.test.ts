// Whatever arrives, the server answers it without a 5xx: random bodies, query
// strings and addresses (fast-check), and the health endpoints.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRow } from '../auth/accounts';
import { change } from '../testing/changes';
import { DIALECTS } from '../testing/databases';
import { startTestServer, type TestServer } from '../testing/server';

describe.each(DIALECTS)('bad input never gets a 5xx on %s', (dialect) => {
  let server: TestServer;
  let owner: AccountRow;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await server.account('owner@example.com');
    token = (await server.device(owner)).access_token;
  });
  afterAll(() => server?.stop());

  const expect4xx = async (response: Response, what: string) => {
    expect(response.status, `${what} → ${response.status} ${await response.clone().text()}`).toBeLessThan(500);
  };

  it('answers random JSON pushed to every POST endpoint with a 4xx, never a 5xx', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ space: fc.oneof(fc.constant(owner.personalSpaceId), fc.string()), changes: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
      fc.record({
        space: fc.constant(owner.personalSpaceId),
        changes: fc.array(
          fc.record({ id: fc.uuid(), table: fc.string(), row: fc.string(), fields: fc.dictionary(fc.string(), fc.jsonValue()), hlc: fc.string(), deleted: fc.jsonValue() }, { requiredKeys: [] }),
          { maxLength: 3 },
        ),
      }),
    );
    const path = fc.constantFrom('/api/v1/sync/push', '/api/v1/spaces', `/api/v1/spaces/${owner.personalSpaceId}/members`, '/api/v1/invitations');
    await fc.assert(
      fc.asyncProperty(path, body, async (target, json) => {
        await expect4xx(await server.call(target, { method: 'POST', token, json }), target);
      }),
      { numRuns: 150 },
    );
  });

  it('answers random query strings and addresses with a 4xx, never a 5xx', async () => {
    const query = fc.dictionary(fc.constantFrom('space', 'since', 'limit', 'cursor'), fc.oneof(fc.string(), fc.integer().map(String), fc.constant(owner.personalSpaceId)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/sync/pull', '/api/v1/sync/snapshot', '/oauth/authorize', '/setup', '/invite', '/admin/invite'), query, async (path, params) => {
        const target = `${path}?${new URLSearchParams(params)}`;
        await expect4xx(await server.call(target, { token }), target);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (path) => {
        await expect4xx(await server.call(`/api/v1${path}`, { token }), path);
      }),
      { numRuns: 60 },
    );
  });

  it('answers bodies that are not JSON, or are forms sent to the token endpoint wrongly, with a 4xx', async () => {
    const cases: [string, RequestInit][] = [
      ['/api/v1/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '\u0000\u0001' }],
      ['/api/v1/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json; charset=latin-9' }, body: '{}' }],
      ['/api/v1/sync/push', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ space: owner.personalSpaceId, changes: [change()] }) }],
      ['/oauth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":"refresh_token","refresh_token":{"a":1}}' }],
      ['/oauth/token', { method: 'POST', body: 'grant_type=authorization_code&code=x' }],
      ['/oauth/authorize', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=%E0%A4%A' }],
      ['/setup', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token[]=1&csrf[a]=2' }],
      ['/admin/invite', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email[]=1&password[a]=2&invitee=%E0%A4%A' }],
      ['/admin/invite', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":1}' }],
    ];
    for (const [path, init] of cases) await expect4xx(await server.call(path, { ...init, token }), `${path} ${String(init.body)}`);
  });

  it('says it is alive and ready', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ database: true, listening: true });
  });
});
