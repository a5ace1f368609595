// The server's rows equal the fold of every change with merge.ts, whatever the
// batches, their order and their duplicates (fast-check over several devices).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-shared/ids';
import { HybridLogicalClock } from '../../src-shared/sync/hlc';
import { applyChange, type RowState } from '../../src-shared/sync/merge';
import type { Change, PullReply, SnapshotReply, SpaceSummary } from '../../src-shared/sync/wire';
import { DIALECTS } from '../testing/databases';
import { readJson, startTestServer, type TestServer } from '../testing/server';

const ROWS = ['0193a1b2-0000-7000-8000-00000000000a', '0193a1b2-0000-7000-8000-00000000000b', '0193a1b2-0000-7000-8000-00000000000c'];
const NODES = ['000000000000000a', '000000000000000b', '000000000000000c'];

const edit = fc.record({
  row: fc.constantFrom(...ROWS),
  fields: fc.record({ title: fc.string({ maxLength: 6 }), pinned: fc.constantFrom(0, 1), folder_id: fc.option(fc.constantFrom('f1', 'f2')) }, { requiredKeys: [] }),
  deleted: fc.boolean(),
  tick: fc.integer({ min: 0, max: 3 }),
});

/** Each device's edits, stamped by its own clock, cut into batches; then a schedule of pushes with repeats. */
const scenario = fc
  .record({
    devices: fc.array(fc.array(edit, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 3 }),
    batchSize: fc.integer({ min: 1, max: 4 }),
    repeats: fc.array(fc.nat(), { maxLength: 4 }),
    seed: fc.nat(),
  })
  .map(({ devices, batchSize, repeats, seed }) => {
    const start = Date.now() - 3_600_000;
    const batches: Change[][] = [];
    devices.forEach((edits, d) => {
      let wall = start;
      const clock = new HybridLogicalClock(NODES[d]!, () => wall);
      const changes = edits.map((e) => {
        wall += e.tick;
        return { id: uuidv7(), table: 'conversations', row: e.row, fields: e.fields as Change['fields'], hlc: clock.send(), deleted: e.deleted };
      });
      for (let i = 0; i < changes.length; i += batchSize) batches.push(changes.slice(i, i + batchSize));
    });
    const schedule = [...batches, ...repeats.map((r) => batches[r % batches.length]!)];
    // A deterministic shuffle from the seed: pushes from different devices interleave in any order.
    let state = seed || 1;
    for (let i = schedule.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
    }
    return { changes: batches.flat(), schedule };
  });

describe.each(DIALECTS)('server rows converge on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await server.device(await server.account('prop@example.com'))).access_token;
  });
  afterAll(() => server?.stop());

  it('equal the fold of all changes, each stored once, after duplicated and reordered pushes', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ changes, schedule }) => {
        const space = (await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token, json: { name: 'prop' } }))).id;
        for (const batch of schedule) {
          const response = await server.call('/api/v1/sync/push', { method: 'POST', token, json: { space, changes: batch } });
          expect(response.status).toBe(200);
        }
        const expected = new Map<string, RowState>();
        for (const change of changes) expected.set(change.row, applyChange(expected.get(change.row), change));
        const snapshot = await readJson<SnapshotReply>(server.call(`/api/v1/sync/snapshot?space=${space}`, { token }));
        expect(snapshot.seq).toBe(changes.length);
        expect(new Map(snapshot.rows.map(({ row, fields, clocks, deleted, deletedHlc }) => [row, { fields, clocks, deleted, deletedHlc }]))).toEqual(expected);
        const pulled = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${space}&limit=5000`, { token }));
        expect(pulled.changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
        expect(new Set(pulled.changes.map((c) => c.id))).toEqual(new Set(changes.map((c) => c.id)));
      }),
      { numRuns: process.env.SOAK ? 500 : 25 },
    );
  }, 120_000);
});
