// The server as `npm run server` runs it (a child process): on SIGTERM it stops
// accepting, finishes the request in flight, closes WebSockets with a reconnect
// hint, signs a last audit checkpoint in the file elsewhere, and exits 0 within
// 10 s. Then `audit verify` and `audit export` run on what it left, and verify
// finds the newest event deleted behind its back.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src-shared/sync/wire';
import { readCheckpointFile } from './audit/checkpoints';
import { silentLogger, type ServerContext } from './context';
import { openDatabase, type ServerDatabase } from './db/open';
import { CLOSE_RESTARTING } from './http/events';
import { change } from './testing/changes';
import { MAIN, startChildServer, type ChildServer } from './testing/child';
import { connectEvents } from './testing/events';
import { makeAccount, signInDevice } from './testing/server';

const run = promisify(execFile);

async function auditCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, 'audit', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('shutting the server down, then checking its audit trail from the command line', () => {
  let dir: string;
  let checkpointFile: string;
  let server: ChildServer;
  let database: ServerDatabase;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-shutdown-'));
    checkpointFile = path.join(dir, 'elsewhere', 'checkpoints.jsonl');
    const sqliteFile = path.join(dir, 'data', 'server.sqlite');
    server = await startChildServer({ sqliteFile }, ['--audit-checkpoints', checkpointFile, '--audit-checkpoint-seconds', '3600']);
    database = await openDatabase({ sqliteFile });
  }, 60_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, closes WebSockets with a reconnect hint, signs a checkpoint and exits within 10 s', async () => {
    const context: ServerContext = { database, now: Date.now, publicUrl: server.url, log: silentLogger };
    const account = await makeAccount(context, 'ada@example.com');
    const token = (await signInDevice(context, account)).access_token;
    const events = await connectEvents(server.url, token);

    const body = Buffer.from(JSON.stringify({ space: account.personalSpaceId, changes: [change(), change(), change()] }));
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${server.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: text }));
      });
      request.on('error', reject);
      request.write(body.subarray(0, 20));
      setTimeout(() => {
        const exited = new Promise<number | null>((done) => server.child.once('exit', (code) => done(code)));
        const sentAt = performance.now();
        server.child.kill('SIGTERM');
        exitedWithin = exited.then((code) => ({ code, ms: performance.now() - sentAt }));
        // The rest of the body arrives after SIGTERM: the server must still answer it.
        setTimeout(() => request.end(body.subarray(20)), 500);
      }, 300);
    });
    let exitedWithin: Promise<{ code: number | null; ms: number }> | undefined;

    const closed = await events.closed;
    expect(closed.code).toBe(CLOSE_RESTARTING);
    expect(JSON.parse(closed.reason)).toEqual({ reconnectAfterMs: expect.any(Number) });
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const answered = await reply;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ accepted: 3 });
    const exit = await exitedWithin!;
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(10_000);

    const head = await database.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    expect(readCheckpointFile(checkpointFile).at(-1)).toMatchObject({ seq: head.seq, hash: head.hash });
    const actions = await database.db.selectFrom('audit_events').select('action').orderBy('seq').execute();
    expect(actions.map((row) => row.action)).toEqual(['auth.sign_in', 'sync.push']);
  }, 30_000);

  it('audit verify says the trail is intact, and audit export writes it as CSV and JSON lines', async () => {
    const args = ['--data-dir', path.join(dir, 'data'), '--audit-checkpoints', checkpointFile];
    const verified = await auditCommand(['verify', ...args]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('The audit trail is intact: 2 events, 2 checkpoints checked') });
    const csv = await auditCommand(['export', '--format', 'csv', '--data-dir', path.join(dir, 'data')]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('seq,id,at,time,account,device,space,action,detail,prev_hash,hash');
    const out = path.join(dir, 'audit.jsonl');
    expect((await auditCommand(['export', '--format', 'jsonl', '--out', out, '--data-dir', path.join(dir, 'data')])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['auth.sign_in', 'sync.push']);
    const usage = await auditCommand(['export', '--format', 'xml', '--data-dir', path.join(dir, 'data')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format jsonl or --format csv');
  }, 60_000);

  it('audit verify exits 1 and says which events are gone when the newest was deleted and the head put right', async () => {
    const first = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow();
    await sql`delete from audit_events where seq = 2`.execute(database.db);
    await sql`delete from audit_checkpoints`.execute(database.db);
    await database.db.updateTable('audit_head').set({ seq: 1, hash: first.hash }).execute();
    const verified = await auditCommand(['verify', '--data-dir', path.join(dir, 'data'), '--audit-checkpoints', checkpointFile]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('The audit trail was tampered with');
    expect(verified.stdout).toContain("Events after 1 were deleted: the file's checkpoint");
  }, 60_000);
});
