// A server killed in the middle of pushes (SIGKILL, no chance to clean up) loses
// and duplicates nothing: each batch was stored whole or not at all, and pushing
// everything again after a restart stores exactly what was missing. Killed in the
// middle of pulls, it hands a device that resumes from its cursor every change once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-shared/ids';
import { applyChange, type RowState } from '../../src-shared/sync/merge';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Change, type PullReply, type PushReply } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { silentLogger, type ServerContext } from '../context';
import { openDatabase, type ServerDatabase } from '../db/open';
import { hlcAt } from '../testing/changes';
import { startChildServer, type ChildServer } from '../testing/child';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/databases';
import { makeAccount, signInDevice } from '../testing/server';
import { unpackRow } from './stored-row';

const BATCHES = 24;
const BATCH_SIZE = 1000;
const ROWS = Array.from({ length: 300 }, (_, i) => `0193a1b2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`);

function makeBatches(): Change[][] {
  const start = Date.now() - 3_600_000;
  let n = 0;
  return Array.from({ length: BATCHES }, () =>
    Array.from({ length: BATCH_SIZE }, () => {
      n += 1;
      return { id: uuidv7(), table: 'messages', row: ROWS[n % ROWS.length]!, fields: { content: `text ${n}`, updated_at: n }, hlc: hlcAt(start + n), deleted: false };
    }),
  );
}

describe.each(DIALECTS)('a server killed mid-push on %s', (dialect) => {
  let test: TestDatabase;
  let database: ServerDatabase;
  let context: ServerContext;
  let owner: AccountRow;
  let token: string;
  let server: ChildServer | null = null;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    database = await openDatabase(test.target);
    context = { database, now: Date.now, publicUrl: 'http://127.0.0.1', log: silentLogger };
    owner = await makeAccount(context, 'owner@example.com');
    token = (await signInDevice(context, owner)).access_token;
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.close();
    await test?.drop();
  });

  const headers = (as = token) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${as}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
  const push = async (url: string, changes: Change[], space = owner.personalSpaceId, as = token): Promise<PushReply> => {
    const response = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers: headers(as), body: JSON.stringify({ space, changes }) });
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PushReply;
  };

  it('loses and duplicates nothing, and a retry stores exactly the missing batches', async () => {
    const batches = makeBatches();
    server = await startChildServer(test.target);
    // An admin does not exist yet, so the server printed the one-time setup link.
    expect(server.output()).toMatch(/setup\?token=rmln_/);
    const acknowledged = new Set<number>();
    const running = server;
    // Two pushers, as two devices would; the server dies when a few batches are in.
    const pusher = async (parity: number) => {
      for (let i = parity; i < BATCHES; i += 2) {
        try {
          await push(running.url, batches[i]!);
          acknowledged.add(i);
          if (acknowledged.size === 5) running.child.kill('SIGKILL');
        } catch {
          return;
        }
      }
    };
    await Promise.all([pusher(0), pusher(1)]);
    if (running.child.exitCode === null && running.child.signalCode === null) {
      await new Promise((resolve) => running.child.once('exit', resolve).kill('SIGKILL'));
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(5);
    expect(acknowledged.size).toBeLessThan(BATCHES);

    server = await startChildServer(test.target);
    let accepted = 0;
    for (let i = 0; i < BATCHES; i++) {
      const reply = await push(server.url, batches[i]!);
      // A batch is never half stored.
      expect([0, BATCH_SIZE]).toContain(reply.accepted);
      if (acknowledged.has(i)) expect(reply).toMatchObject({ accepted: 0, duplicates: BATCH_SIZE });
      accepted += reply.accepted;
    }
    const total = BATCHES * BATCH_SIZE;
    expect(accepted).toBeLessThanOrEqual(total - acknowledged.size * BATCH_SIZE);

    const { db } = database;
    const seqs = (await db.selectFrom('changes').select(['seq', 'change_id']).where('space_id', '=', owner.personalSpaceId).orderBy('seq').execute());
    expect(seqs.length).toBe(total);
    expect(seqs.every((row, i) => row.seq === i + 1)).toBe(true);
    expect(new Set(seqs.map((row) => row.change_id)).size).toBe(total);
    expect((await db.selectFrom('spaces').select('head').where('id', '=', owner.personalSpaceId).executeTakeFirstOrThrow()).head).toBe(total);

    const expected = new Map<string, RowState>();
    for (const change of batches.flat()) expected.set(change.row, applyChange(expected.get(change.row), change));
    const rows = await db.selectFrom('rows').selectAll().where('space_id', '=', owner.personalSpaceId).execute();
    expect(new Map(rows.map((row) => [row.row_id, unpackRow(row)]))).toEqual(expected);
  }, 120_000);

  it('hands a device that resumes pulling from its cursor after a restart every change once', async () => {
    const reader = await makeAccount(context, 'reader@example.com');
    const readerToken = (await signInDevice(context, reader)).access_token;
    const space = reader.personalSpaceId;
    const batches = makeBatches().slice(0, 6);
    server = await startChildServer(test.target);
    for (const batch of batches) await push(server.url, batch, space, readerToken);

    // The device applies a page and moves its cursor together (as its store does in one
    // transaction); the server dies while the sixth page is on its way.
    const applied: { seq: number; id: string }[] = [];
    let cursor = 0;
    const pullPage = async (url: string): Promise<PullReply> => {
      const response = await fetch(`${url}/api/v1/sync/pull?space=${space}&since=${cursor}&limit=700`, { headers: headers(readerToken) });
      if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as PullReply;
    };
    const apply = (page: PullReply) => {
      applied.push(...page.changes.map((change) => ({ seq: change.seq, id: change.id })));
      cursor = page.next;
    };
    for (let page = 0; page < 5; page++) apply(await pullPage(server.url));
    const dying = server;
    const inFlight = pullPage(dying.url).then(apply, () => 'lost');
    dying.child.kill('SIGKILL');
    await inFlight;
    await new Promise((resolve) => (dying.child.exitCode !== null || dying.child.signalCode !== null ? resolve(null) : dying.child.once('exit', resolve)));
    expect(cursor).toBeLessThan(batches.flat().length);

    server = await startChildServer(test.target);
    for (;;) {
      const page = await pullPage(server.url);
      apply(page);
      if (!page.more) break;
    }
    const total = batches.flat().length;
    expect(applied.map((change) => change.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(applied.map((change) => change.id)).toEqual(batches.flat().map((change) => change.id));
  }, 120_000);
});
