// The server's rows equal the fold of every change with merge.ts, whatever the
// batches, their order, their duplicates and drops, moves between spaces and clocks
// skewed within the limit (fast-check over three or four devices); a replica that
// pulls and folds equals the server. `npm run test:soak` runs 2,000 cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-shared/ids';
import { HybridLogicalClock } from '../../src-shared/sync/hlc';
import { applyChange, type RowState } from '../../src-shared/sync/merge';
import type { Change, PullReply, SnapshotReply, SpaceSummary } from '../../src-shared/sync/wire';
import { DIALECTS } from '../testing/databases';
import { readJson, startTestServer, type TestServer } from '../testing/server';

const ROWS = ['0193a1b2-0000-7000-8000-00000000000a', '0193a1b2-0000-7000-8000-00000000000b', '0193a1b2-0000-7000-8000-00000000000c'];
const NODES = ['000000000000000a', '000000000000000b', '000000000000000c', '000000000000000d'];

const SKEW_MS = 4 * 60_000;

const edit = fc.record({
  row: fc.constantFrom(...ROWS),
  fields: fc.record({ title: fc.string({ maxLength: 6 }), pinned: fc.constantFrom(0, 1), folder_id: fc.option(fc.constantFrom('f1', 'f2')) }, { requiredKeys: [] }),
  deleted: fc.boolean(),
  /** A move writes the row again in the other space and tombstones it where it was (docs/SYNC.md). */
  move: fc.boolean(),
  tick: fc.integer({ min: 0, max: 3 }),
});

interface Push {
  space: 0 | 1;
  changes: Change[];
}

/**
 * Each device's edits in two spaces, stamped by its own clock (skewed up to 4 minutes
 * either way: within the limit), cut into batches; then a schedule of pushes with
 * repeats (a reply lost, the batch sent again) and drops (a push lost on the way,
 * sent again later), in any order.
 */
const scenario = fc
  .record({
    devices: fc.array(fc.record({ skew: fc.integer({ min: -SKEW_MS, max: SKEW_MS }), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) }), { minLength: 3, maxLength: 4 }),
    batchSize: fc.integer({ min: 1, max: 4 }),
    repeats: fc.array(fc.nat(), { maxLength: 4 }),
    drops: fc.array(fc.nat(), { maxLength: 3 }),
    seed: fc.nat(),
  })
  .map(({ devices, batchSize, repeats, drops, seed }) => {
    const batches: Push[] = [];
    devices.forEach(({ skew, edits }, d) => {
      let wall = Date.now() + skew;
      const clock = new HybridLogicalClock(NODES[d]!, () => wall);
      const where = new Map<string, 0 | 1>();
      const changes: { space: 0 | 1; change: Change }[] = [];
      for (const e of edits) {
        wall += e.tick;
        const space = where.get(e.row) ?? 0;
        if (e.move) {
          const to = space === 0 ? 1 : 0;
          changes.push({ space, change: { id: uuidv7(), table: 'conversations', row: e.row, fields: {}, hlc: clock.send(), deleted: true } });
          changes.push({ space: to, change: { id: uuidv7(), table: 'conversations', row: e.row, fields: e.fields as Change['fields'], hlc: clock.send(), deleted: false } });
          where.set(e.row, to);
        } else {
          changes.push({ space, change: { id: uuidv7(), table: 'conversations', row: e.row, fields: e.fields as Change['fields'], hlc: clock.send(), deleted: e.deleted } });
        }
      }
      for (const space of [0, 1] as const) {
        const mine = changes.filter((c) => c.space === space).map((c) => c.change);
        for (let i = 0; i < mine.length; i += batchSize) batches.push({ space, changes: mine.slice(i, i + batchSize) });
      }
    });
    // A dropped push never reached the server; its device sends it again at the end.
    const dropped = drops.map((r) => batches[r % batches.length]!);
    const schedule: (Push & { lost: boolean })[] = [
      ...batches.map((batch) => ({ ...batch, lost: dropped.includes(batch) })),
      ...repeats.map((r) => ({ ...batches[r % batches.length]!, lost: false })),
    ];
    // A deterministic shuffle from the seed: pushes from different devices interleave in any order.
    let state = seed || 1;
    for (let i = schedule.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
    }
    schedule.push(...dropped.map((batch) => ({ ...batch, lost: false })));
    return { batches, schedule };
  });

describe.each(DIALECTS)('server rows converge on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await server.device(await server.account('prop@example.com'))).access_token;
  });
  afterAll(() => server?.stop());

  it('equal the fold of all changes in each space, each stored once, after duplicated, dropped, reordered and moved pushes', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ batches, schedule }) => {
        const spaces: string[] = [];
        for (const name of ['prop a', 'prop b']) spaces.push((await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token, json: { name } }))).id);
        for (const { space, changes, lost } of schedule) {
          if (lost) continue;
          const response = await server.call('/api/v1/sync/push', { method: 'POST', token, json: { space: spaces[space], changes } });
          expect(response.status).toBe(200);
        }
        for (const index of [0, 1] as const) {
          const changes = batches.filter((batch) => batch.space === index).flatMap((batch) => batch.changes);
          const expected = new Map<string, RowState>();
          for (const change of changes) expected.set(change.row, applyChange(expected.get(change.row), change));
          const snapshot = await readJson<SnapshotReply>(server.call(`/api/v1/sync/snapshot?space=${spaces[index]}`, { token }));
          expect(snapshot.seq).toBe(changes.length);
          expect(new Map(snapshot.rows.map(({ row, fields, clocks, deleted, deletedHlc }) => [row, { fields, clocks, deleted, deletedHlc }]))).toEqual(expected);
          // A replica that pulls everything and folds it equals the server, field for field.
          const pulled = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${spaces[index]}&limit=5000`, { token }));
          expect(pulled.changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
          expect(new Set(pulled.changes.map((c) => c.id))).toEqual(new Set(changes.map((c) => c.id)));
          const replica = new Map<string, RowState>();
          for (const change of pulled.changes) replica.set(change.row, applyChange(replica.get(change.row), change));
          expect(replica).toEqual(expected);
        }
      }),
      { numRuns: process.env.SOAK ? 2000 : 25 },
    );
  }, process.env.SOAK ? 3_600_000 : 120_000);
});
