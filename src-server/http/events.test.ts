import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRow } from '../auth/accounts';
import { change } from '../testing/changes';
import { DIALECTS } from '../testing/databases';
import { connectEvents, type EventsClient } from '../testing/events';
import type { PushReply, SpaceSummary } from '../../src-shared/sync/wire';
import { readJson, startTestServer, type TestServer } from '../testing/server';
import { CLOSE_REVOKED } from './events';

describe.each(DIALECTS)('the events WebSocket on %s', (dialect) => {
  let server: TestServer;
  let owner: AccountRow;
  let ownerToken: string;
  let shared: string;
  const clients: EventsClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await server.account('owner@example.com');
    ownerToken = (await server.device(owner)).access_token;
    shared = (await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token: ownerToken, json: { name: 'Team' } }))).id;
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await server?.stop();
  });

  const connect = async (token: string) => {
    const client = await connectEvents(server.url, token);
    clients.push(client);
    return client;
  };
  const push = (space: string, token = ownerToken) =>
    readJson<PushReply>(server.call('/api/v1/sync/push', { method: 'POST', token, json: { space, changes: [change()] } }));

  it('tells every device that can read a space where it is now, and no one else', async () => {
    const viewer = await server.account('viewer@example.com');
    await server.call(`/api/v1/spaces/${shared}/members`, { method: 'POST', token: ownerToken, json: { email: 'viewer@example.com', role: 'viewer' } });
    const laptop = await connect(ownerToken);
    const phone = await connect((await server.device(owner, 'Phone')).access_token);
    const viewing = await connect((await server.device(viewer)).access_token);
    const stranger = await connect((await server.device(await server.account('stranger@example.com'))).access_token);
    // On connecting, each device hears the heads of its spaces.
    await laptop.waitFor((event) => event.space === owner.personalSpaceId);
    const { seq } = await push(shared);
    for (const client of [laptop, phone, viewing]) {
      expect(await client.waitFor((event) => event.space === shared && event.seq === seq)).toEqual({ type: 'at', space: shared, seq });
    }
    await push(owner.personalSpaceId);
    await laptop.waitFor((event) => event.space === owner.personalSpaceId && event.seq === 1);
    expect(stranger.events.filter((event) => event.space === shared || event.space === owner.personalSpaceId)).toEqual([]);
    expect(viewing.events.some((event) => event.space === owner.personalSpaceId)).toBe(false);
  });

  it('tells a member added while connected', async () => {
    const late = await server.account('late@example.com');
    const client = await connect((await server.device(late)).access_token);
    await push(shared);
    await server.call(`/api/v1/spaces/${shared}/members`, { method: 'POST', token: ownerToken, json: { email: 'late@example.com', role: 'editor' } });
    const { seq } = await push(shared);
    await client.waitFor((event) => event.space === shared && event.seq === seq);
  });

  it('refuses an upgrade without a valid token or with another protocol version', async () => {
    await expect(connectEvents(server.url, 'rmat_forged')).rejects.toMatchObject({ status: 401 });
    await expect(connectEvents(server.url, ownerToken, { 'RealMultiLLM-Protocol': '7' })).rejects.toMatchObject({ status: 426 });
  });

  it('closes the socket of a device that signs out', async () => {
    const tokens = await server.device(owner, 'Leaving');
    const client = await connect(tokens.access_token);
    await fetch(`${server.url}/oauth/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${tokens.refresh_token}` });
    expect((await client.closed).code).toBe(CLOSE_REVOKED);
  });
});
