// The chain finds tampering done directly in the database: an edited, deleted,
// reordered or inserted event is named; newest events deleted (with the head row
// put right) and a rewritten tail are found by the signed checkpoints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../context';
import type { ServerDatabase } from '../db/open';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../testing/databases';
import { appendAuditEvent, MAIN_CHAIN } from './chain';
import { Checkpointer, loadSigningKey, readCheckpointFile, type SigningKey } from './checkpoints';
import { hashEvent } from './encoding';
import { verifyChain, type VerifyReport } from './verify';

describe.each(DIALECTS)('the audit chain on %s', (dialect) => {
  let database: ServerDatabase;
  let test: TestDatabase;
  let dir: string;
  let key: SigningKey;
  let checkpoints: Checkpointer;
  const checkpointFile = () => path.join(dir, 'elsewhere', 'checkpoints.jsonl');

  beforeEach(async () => {
    ({ database, test } = await openTestDatabase(dialect));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-audit-'));
    key = loadSigningKey(path.join(dir, 'audit-signing-key.pem'), { create: true });
    checkpoints = new Checkpointer(database, { key, file: checkpointFile(), intervalMs: 60_000, now: Date.now, log: silentLogger });
    for (let i = 1; i <= 10; i += 1) {
      await appendAuditEvent(database.db, dialect, { action: 'sync.push', accountId: `account-${i % 3}`, deviceId: 'device', spaceId: 'space', detail: { accepted: i, tables: ['messages'] } }, 1_700_000_000_000 + i);
    }
  });
  afterEach(async () => {
    await database.close();
    await test.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const verify = (): Promise<VerifyReport> => verifyChain(database, { fileCheckpoints: readCheckpointFile(checkpointFile()), publicKeys: new Map([[key.id, key.publicKey]]) });
  const run = (statement: string) => sql.raw(statement).execute(database.db);
  const firstProblem = async () => {
    const report = await verify();
    expect(report.ok).toBe(false);
    return report.problems[0]!;
  };

  it('verifies an untouched chain, with its checkpoints', async () => {
    await checkpoints.checkpoint();
    const report = await verify();
    expect(report).toMatchObject({ ok: true, events: 10, lastSeq: 10, checkpointsChecked: 2, problems: [] });
    const chain = await database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(chain.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(chain[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.prev_hash).toBe(chain[i - 1]!.hash);
  });

  it('names an edited event', async () => {
    await run(`update audit_events set detail = '{"accepted":999,"tables":["messages"]}' where seq = 4`);
    expect(await firstProblem()).toMatchObject({ kind: 'altered', seq: 4, message: expect.stringContaining('Event 4') });
  });

  it('names an edited actor, even when the head row is left alone', async () => {
    await run(`update audit_events set account_id = 'someone-else' where seq = 10`);
    expect(await firstProblem()).toMatchObject({ kind: 'altered', seq: 10 });
  });

  it('names a deleted event', async () => {
    await run('delete from audit_events where seq = 6');
    expect(await firstProblem()).toMatchObject({ kind: 'missing', seq: 6, upTo: 6 });
  });

  it('names reordered events', async () => {
    await run('update audit_events set seq = -1 where seq = 3');
    await run('update audit_events set seq = 3 where seq = 4');
    await run('update audit_events set seq = 4 where seq = -1');
    expect(await firstProblem()).toMatchObject({ kind: 'moved', seq: 3, message: expect.stringContaining('it was event 4') });
  });

  it('names an inserted event, even one with a well-formed hash', async () => {
    await run('update audit_events set seq = -seq where seq >= 5');
    await run('update audit_events set seq = 1 - seq where seq < 0');
    const before = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 4).executeTakeFirstOrThrow();
    const forged = { seq: 5, id: 'forged-event', at: 1_700_000_000_004, account_id: 'intruder', device_id: null, space_id: null, action: 'auth.sign_in', detail: '{}', prev_hash: before.hash };
    await database.db.insertInto('audit_events').values({ ...forged, hash: hashEvent(forged) }).execute();
    expect(await firstProblem()).toMatchObject({ kind: 'inserted', seq: 5, id: 'forged-event' });
  });

  it('names an event appended behind the server’s back', async () => {
    const last = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 10).executeTakeFirstOrThrow();
    await database.db.insertInto('audit_events').values({ seq: 11, id: 'tail', at: 1, account_id: null, device_id: null, space_id: null, action: 'auth.sign_in', detail: '{}', prev_hash: last.hash, hash: 'f'.repeat(64) }).execute();
    expect(await firstProblem()).toMatchObject({ kind: 'altered', seq: 11 });
  });

  it('finds the newest events deleted, with the head row put right, by the checkpoint outside the database', async () => {
    await checkpoints.checkpoint();
    await run('delete from audit_events where seq > 7');
    await run('delete from audit_checkpoints');
    const seven = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 7).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_head').set({ seq: 7, hash: seven.hash }).where('chain', '=', MAIN_CHAIN).execute();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.events).toBe(7);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'truncated', seq: 8, source: 'file', message: expect.stringContaining('covers 10 events') })]);
  });

  it('finds the newest events deleted by the head row when it was left alone', async () => {
    await run('delete from audit_events where seq > 8');
    expect(await firstProblem()).toMatchObject({ kind: 'truncated', seq: 9, source: 'head' });
  });

  it('finds a tail rewritten with valid hashes by the signed checkpoint', async () => {
    await checkpoints.checkpoint();
    const rows = await database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    let prev = rows[5]!.hash;
    for (const row of rows.slice(6)) {
      const rewritten = { ...row, account_id: 'nobody', prev_hash: prev };
      const hash = hashEvent(rewritten);
      await database.db.updateTable('audit_events').set({ account_id: 'nobody', prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
      prev = hash;
    }
    await database.db.updateTable('audit_head').set({ hash: prev }).where('chain', '=', MAIN_CHAIN).execute();
    const report = await verify();
    expect(report.problems.map((problem) => [problem.kind, problem.seq])).toEqual([
      ['checkpoint_mismatch', 10],
      ['checkpoint_mismatch', 10],
    ]);
  });

  it('refuses a checkpoint whose signature was forged', async () => {
    const written = (await checkpoints.checkpoint())!;
    fs.writeFileSync(checkpointFile(), `${JSON.stringify({ ...written, seq: 12 })}\n`);
    expect(await firstProblem()).toMatchObject({ kind: 'checkpoint_unsigned', seq: 12, source: 'file' });
  });

  it('signs a checkpoint only when the chain moved, and once more at shutdown', async () => {
    expect(await checkpoints.checkpoint()).toMatchObject({ seq: 10, key_id: key.id });
    expect(await checkpoints.checkpoint()).toBeNull();
    await appendAuditEvent(database.db, dialect, { action: 'sync.pull', accountId: 'a' }, Date.now());
    await checkpoints.stop();
    expect(readCheckpointFile(checkpointFile()).map((checkpoint) => checkpoint.seq)).toEqual([10, 11]);
    expect(fs.statSync(checkpointFile()).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect((await verify()).ok).toBe(true);
  });
});

describe('the audit signing key', () => {
  it('refuses a key every user can read, and says how to fix it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-audit-key-'));
    try {
      const file = path.join(dir, 'key.pem');
      loadSigningKey(file, { create: true });
      fs.chmodSync(file, 0o644);
      expect(() => loadSigningKey(file, { create: false })).toThrow(/chmod 600/);
      expect(() => loadSigningKey(path.join(dir, 'missing.pem'), { create: false })).toThrow(/cannot be read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
