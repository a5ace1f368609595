// PostgreSQL going away in the middle of pushes (every connection of the server
// ended, as a restart or a failover does; the shared test PostgreSQL itself is never
// restarted) loses and duplicates nothing: a push whose transaction died answers
// 503 and stored nothing, a push whose commit landed but whose reply was lost is
// counted as duplicates when the device retries, and sequences stay gapless.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-shared/ids';
import { applyChange, type RowState } from '../../src-shared/sync/merge';
import type { Change, PushReply } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { hlcAt } from '../testing/changes';
import { startTestServer, type TestServer } from '../testing/server';
import { unpackRow } from './stored-row';

const DEVICES = 3;
const BATCHES_EACH = 8;
const BATCH_SIZE = 400;
const ROWS = Array.from({ length: 400 }, (_, i) => `0193a1b2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`);

describe('PostgreSQL ending every connection mid-push', () => {
  let server: TestServer;
  let owner: AccountRow;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    owner = await server.account('owner@example.com');
    token = (await server.device(owner)).access_token;
  });
  afterAll(() => server?.stop());

  /** Ends every connection to the test database but this one's; how many it ended. */
  async function endConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: (server.test.target as { postgresUrl: string }).postgresUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  it('loses and duplicates nothing: every change stored once, sequences gapless, rows the fold of all changes', async () => {
    const start = Date.now() - 3_600_000;
    let n = 0;
    const devices: Change[][][] = Array.from({ length: DEVICES }, (_, d) =>
      Array.from({ length: BATCHES_EACH }, () =>
        Array.from({ length: BATCH_SIZE }, () => {
          n += 1;
          const row = ROWS[n % ROWS.length]!;
          return { id: uuidv7(), table: 'messages', row, fields: { content: `text ${n}`, updated_at: n }, hlc: hlcAt(start + n, `00000000000000a${d}`), deleted: false };
        }),
      ),
    );
    const replies = { accepted: 0, duplicates: 0, unavailable: 0 };
    let pushing = DEVICES;
    // A device retries a batch until the server acknowledges it, as the client's outbox does.
    const device = async (batches: Change[][]) => {
      for (const changes of batches) {
        for (;;) {
          const response = await server.call('/api/v1/sync/push', { method: 'POST', token, json: { space: owner.personalSpaceId, changes } });
          if (response.status === 200) {
            const reply = (await response.json()) as PushReply;
            replies.accepted += reply.accepted;
            replies.duplicates += reply.duplicates;
            break;
          }
          expect(response.status, await response.text()).toBe(503);
          replies.unavailable += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      pushing -= 1;
    };
    let ended = 0;
    const outage = async () => {
      while (pushing > 0) {
        await new Promise((resolve) => setTimeout(resolve, 60 + Math.random() * 60));
        if (pushing > 0) ended += await endConnections();
      }
    };
    await Promise.all([...devices.map(device), outage()]);

    const total = DEVICES * BATCHES_EACH * BATCH_SIZE;
    // The outage did hit pushes, so the test proves something.
    expect(ended).toBeGreaterThan(0);
    expect(replies.unavailable).toBeGreaterThan(0);
    expect(replies.accepted).toBe(total);
    expect(replies.duplicates % BATCH_SIZE).toBe(0);

    const { db } = server.context.database;
    const stored = await db.selectFrom('changes').select(['seq', 'change_id']).where('space_id', '=', owner.personalSpaceId).orderBy('seq').execute();
    expect(stored.length).toBe(total);
    expect(stored.every((row, i) => row.seq === i + 1)).toBe(true);
    expect(new Set(stored.map((row) => row.change_id))).toEqual(new Set(devices.flat(2).map((change) => change.id)));
    expect((await db.selectFrom('spaces').select('head').where('id', '=', owner.personalSpaceId).executeTakeFirstOrThrow()).head).toBe(total);

    const expected = new Map<string, RowState>();
    for (const change of devices.flat(2)) expected.set(change.row, applyChange(expected.get(change.row), change));
    const rows = await db.selectFrom('rows').selectAll().where('space_id', '=', owner.personalSpaceId).execute();
    expect(new Map(rows.map((row) => [row.row_id, unpackRow(row)]))).toEqual(expected);
  }, 120_000);
});
