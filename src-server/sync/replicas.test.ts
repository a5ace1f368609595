// Several stateless replicas on one PostgreSQL: a push on one reaches WebSocket
// clients of another through LISTEN/NOTIFY, and both recover when PostgreSQL drops
// their connections (the LISTEN one included).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushReply } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { PostgresHeadBus } from '../db/heads';
import { change } from '../testing/changes';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { connectEvents, type EventsClient } from '../testing/events';
import { readJson, startTestServer, type TestServer } from '../testing/server';

async function until(condition: () => Promise<boolean> | boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('replicas on one PostgreSQL', () => {
  let test: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  let owner: AccountRow;
  let token: string;
  const clients: EventsClient[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    first = await startTestServer('postgres', { test });
    second = await startTestServer('postgres', { test });
    owner = await first.account('owner@example.com');
    token = (await first.device(owner)).access_token;
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await first?.close();
    await second?.close();
    await test?.drop();
  });

  const pushOn = (server: TestServer) =>
    readJson<PushReply>(server.call('/api/v1/sync/push', { method: 'POST', token, json: { space: owner.personalSpaceId, changes: [change()] } }));

  it('a push on one replica notifies a WebSocket client of the other', async () => {
    const client = await connectEvents(second.url, token);
    clients.push(client);
    const { seq } = await pushOn(first);
    expect(await client.waitFor((event) => event.seq === seq)).toEqual({ type: 'at', space: owner.personalSpaceId, seq });
  });

  it('recovers when PostgreSQL ends every connection of the servers, LISTEN included', async () => {
    const client = await connectEvents(second.url, token);
    clients.push(client);
    const admin = new pg.Client({ connectionString: (test.target as { postgresUrl: string }).postgresUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ended: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
    } finally {
      await admin.end();
    }
    const bus = second.context.database.heads as PostgresHeadBus;
    await until(() => bus.listening, 'the LISTEN connection to come back');
    await until(async () => (await fetch(`${second.url}/readyz`)).status === 200, '/readyz');
    // The first requests may meet a dropped pooled connection (503, retried by clients); the next succeed.
    let reply: PushReply | null = null;
    await until(async () => {
      const response = await first.call('/api/v1/sync/push', { method: 'POST', token, json: { space: owner.personalSpaceId, changes: [change()] } });
      expect([200, 503]).toContain(response.status);
      if (response.status === 200) reply = await readJson<PushReply>(response);
      return reply !== null;
    }, 'a push to succeed again');
    const { seq } = reply!;
    expect(await client.waitFor((event) => event.seq === seq)).toMatchObject({ space: owner.personalSpaceId, seq });
  });
});
