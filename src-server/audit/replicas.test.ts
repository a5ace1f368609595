// Several replicas on one PostgreSQL append to the audit chain at once (pushes,
// pulls and direct appends from separate connection pools): the head row's lock
// keeps it one chain, every event in it once, and it verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type ServerDatabase } from '../db/open';
import { change } from '../testing/changes';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { startTestServer, type TestServer } from '../testing/server';
import { appendAuditEvent } from './chain';
import { verifyChain } from './verify';

const REPLICAS = 3;
const CLIENTS_PER_REPLICA = 4;
const ROUNDS = 8;
const DIRECT_APPENDS = 150;

describe('audit appends from replicas on PostgreSQL', () => {
  let test: TestDatabase;
  const replicas: TestServer[] = [];
  const pools: ServerDatabase[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    for (let i = 0; i < REPLICAS; i += 1) replicas.push(await startTestServer('postgres', { test }));
    for (let i = 0; i < REPLICAS; i += 1) pools.push(await openDatabase(test.target));
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    for (const replica of replicas) await replica.close();
    await test?.drop();
  });

  it('keeps one valid chain while replicas push, pull and append concurrently', async () => {
    const clients = await Promise.all(
      Array.from({ length: REPLICAS * CLIENTS_PER_REPLICA }, async (_, index) => {
        const replica = replicas[index % REPLICAS]!;
        const account = await replica.account(`user${index}@example.com`);
        return { replica, account, token: (await replica.device(account)).access_token };
      }),
    );
    const { count: before } = await pools[0]!.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const statuses: number[] = [];
    await Promise.all([
      ...clients.map(async ({ replica, account, token }) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          const pushed = await replica.call('/api/v1/sync/push', { method: 'POST', token, json: { space: account.personalSpaceId, changes: [change(), change()] } });
          statuses.push(pushed.status);
          const pulled = await replica.call(`/api/v1/sync/pull?space=${account.personalSpaceId}`, { token });
          statuses.push(pulled.status);
        }
      }),
      ...pools.map(async (pool, p) => {
        for (let i = 0; i < DIRECT_APPENDS; i += 1) await appendAuditEvent(pool.db, 'postgres', { action: 'sync.pull', accountId: `direct-${p}`, detail: { i } }, Date.now());
      }),
    ]);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const expected = Number(before) + clients.length * ROUNDS * 2 + pools.length * DIRECT_APPENDS;
    const report = await verifyChain(pools[1]!, { fileCheckpoints: [], publicKeys: new Map() });
    expect(report.problems).toEqual([]);
    expect(report.events).toBe(expected);
    const head = await pools[2]!.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(head.seq).toBe(expected);
    for (let p = 0; p < pools.length; p += 1) {
      const mine = await pools[0]!.db.selectFrom('audit_events').select('detail').where('account_id', '=', `direct-${p}`).orderBy('seq').execute();
      expect(mine.map((row) => (JSON.parse(row.detail) as { i: number }).i)).toEqual(Array.from({ length: DIRECT_APPENDS }, (_, i) => i));
    }
  });
});
