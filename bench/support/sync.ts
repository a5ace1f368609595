// The team server for the sync benchmarks: a fresh database (SQLite file or a
// PostgreSQL database made for the run and dropped after), the server in a child
// process (so its CPU and memory are its own), and signed-in devices.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Change } from '../../src-shared/sync/wire';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/sync/wire';
import { uuidv7 } from '../../src-shared/ids';
import { formatHlc } from '../../src-shared/sync/hlc';
import type { AccountRow } from '../../src-server/auth/accounts';
import { silentLogger, type ServerContext } from '../../src-server/context';
import type { Dialect } from '../../src-server/db/open';
import { openDatabase } from '../../src-server/db/open';
import { startChildServer, type ChildServer } from '../../src-server/testing/child';
import { createTestDatabase } from '../../src-server/testing/databases';
import { makeAccount, signInDevice } from '../../src-server/testing/server';

export interface BenchServer {
  server: ChildServer;
  context: ServerContext;
  account(email: string): Promise<AccountRow>;
  device(account: AccountRow): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchServer(dialect: Dialect): Promise<BenchServer> {
  const test = await createTestDatabase(dialect);
  const database = await openDatabase(test.target);
  const context: ServerContext = { database, now: Date.now, publicUrl: 'http://127.0.0.1', log: silentLogger };
  const server = await startChildServer(test.target);
  return {
    server,
    context,
    account: (email) => makeAccount(context, email),
    device: async (account) => (await signInDevice(context, account, 'Bench device')).access_token,
    async stop() {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      await database.close();
      await test.drop();
    },
  };
}

export function apiHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'Content-Type': 'application/json' };
}

/** Replies as a device writes them: new messages, and one in ten an edit of an earlier one. */
export function messageChanges(count: number, node: string, startMs: number): Change[] {
  const rows: string[] = [];
  return Array.from({ length: count }, (_, i): Change => {
    const edit = i % 10 === 9;
    const row = edit ? rows[(i * 7) % rows.length]! : uuidv7();
    if (!edit) rows.push(row);
    const fields: Change['fields'] = edit
      ? { content: `Edited reply ${i}`, updated_at: startMs + i }
      : {
          conversation_id: '0193a1b2-0000-7000-8000-000000000001',
          role: i % 2 ? 'assistant' : 'user',
          content: `Reply ${i}: ${'lorem ipsum dolor sit amet '.repeat(6)}`,
          status: 'done',
          created_at: startMs + i,
          updated_at: startMs + i,
        };
    return { id: uuidv7(), table: 'messages', row, fields, hlc: formatHlc({ wallMs: startMs + i, counter: 0, node }), deleted: false };
  });
}

/** The server process's resident memory now and at its peak, in MB (Linux /proc). */
export function serverMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function ticksOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) used so far by the server process and by every PostgreSQL process,
 * from Linux's /proc (zero elsewhere). The machine may be shared while a benchmark
 * runs; CPU per change says what the figure would be on idle cores.
 */
export function cpuUsed(serverPid: number): { server: number; postgres: number } {
  let postgres = 0;
  try {
    for (const pid of execFileSync('pgrep', ['-u', 'postgres'], { encoding: 'utf8' }).split('\n').filter(Boolean)) postgres += ticksOf(Number(pid));
  } catch {
    postgres = 0;
  }
  return { server: ticksOf(serverPid) * 10, postgres: postgres * 10 };
}
