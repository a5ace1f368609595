// audit.verify: `audit verify` over a valid chain of 1,000,000 events (BENCH_AUDIT_EVENTS),
// on SQLite (the default server) and on PostgreSQL (audit.verify.postgres). The chain
// is written before the clock starts, as the server would have hashed it; the
// figure is verifyChain itself: reading every event, recomputing every hash and
// link, and checking a signed checkpoint of the head. Target < 10 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAIN_CHAIN } from '../src-server/audit/chain';
import { loadSigningKey, signCheckpoint } from '../src-server/audit/checkpoints';
import { canonicalJson, GENESIS_HASH, hashEvent } from '../src-server/audit/encoding';
import { verifyChain } from '../src-server/audit/verify';
import type { Dialect } from '../src-server/db/open';
import { openDatabase } from '../src-server/db/open';
import { createTestDatabase } from '../src-server/testing/databases';
import { report, wanted } from './support/report';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const BATCH = 900;
const TARGET_MS = 10_000;
const ACTIONS = ['sync.push', 'sync.pull', 'sync.snapshot', 'auth.sign_in'] as const;

async function measure(dialect: Dialect): Promise<number> {
  const test = await createTestDatabase(dialect);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-audit-bench-'));
  const database = await openDatabase(test.target);
  try {
    const fillStart = performance.now();
    let prev = GENESIS_HASH;
    const at = Date.now() - EVENTS;
    await database.db.transaction().execute(async (trx) => {
      for (let first = 1; first <= EVENTS; first += BATCH) {
        const rows = [];
        for (let seq = first; seq < Math.min(first + BATCH, EVENTS + 1); seq += 1) {
          const fields = {
            seq,
            id: `0190f0aa-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`,
            at: at + seq,
            account_id: `0190f0aa-0000-7000-8000-00000000${(seq % 200).toString(16).padStart(4, '0')}`,
            device_id: `0190f0aa-0000-7000-9000-00000000${(seq % 400).toString(16).padStart(4, '0')}`,
            space_id: `0190f0aa-0000-7000-a000-00000000${(seq % 50).toString(16).padStart(4, '0')}`,
            action: ACTIONS[seq % ACTIONS.length]!,
            detail: canonicalJson({ tables: ['conversations', 'messages'], accepted: seq % 1000, duplicates: 0 }),
            prev_hash: prev,
          };
          prev = hashEvent(fields);
          rows.push({ ...fields, hash: prev });
        }
        await trx.insertInto('audit_events').values(rows).execute();
      }
      await trx.updateTable('audit_head').set({ seq: EVENTS, hash: prev }).where('chain', '=', MAIN_CHAIN).execute();
    });
    const key = loadSigningKey(path.join(dir, 'key.pem'), { create: true });
    const checkpoint = signCheckpoint(key, { seq: EVENTS, hash: prev, at: Date.now() });
    await database.db.insertInto('audit_checkpoints').values(checkpoint).execute();
    console.log(`# ${dialect}: ${EVENTS.toLocaleString('en')} events written in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

    const start = performance.now();
    const result = await verifyChain(database, { fileCheckpoints: [checkpoint], publicKeys: new Map([[key.id, key.publicKey]]) });
    const ms = performance.now() - start;
    if (!result.ok || result.events !== EVENTS || result.checkpointsChecked !== 2) throw new Error(`verify did not pass the valid chain: ${JSON.stringify(result.problems.slice(0, 3))}`);
    console.log(`# ${dialect}: ${Math.round(EVENTS / (ms / 1000)).toLocaleString('en')} events/s; load average ${os.loadavg()[0]!.toFixed(1)}`);
    return ms;
  } finally {
    await database.close();
    await test.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (wanted('audit.verify')) report('audit.verify', await measure('sqlite'), 'ms', { below: TARGET_MS });
if (wanted('audit.verify.postgres')) report('audit.verify.postgres', await measure('postgres'), 'ms', { below: TARGET_MS });
