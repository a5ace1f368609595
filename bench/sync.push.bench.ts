// sync.push: sustained pushes into the team server on PostgreSQL, as several
// devices push at once: 4 pushers, each its own space, batches of 1,000 changes
// (new replies, one in ten an edit), bodies made before the clock starts. The
// server runs in a child process. Target >= 20,000 changes/s on 2 cores.
// sync.push.sqlite: the same against the default SQLite server (no target of its own;
// shown against the same line).
import { report, wanted } from './support/report';
import { apiHeaders, cpuUsed, messageChanges, startBenchServer } from './support/sync';
import os from 'node:os';
import type { Dialect } from '../src-server/db/open';

const PUSHERS = Number(process.env.BENCH_PUSHERS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 25);
const BATCH = 1000;
const WARM_UP = 2;
const TARGET = 20_000;

async function measure(dialect: Dialect): Promise<number> {
  const bench = await startBenchServer(dialect);
  try {
    const pushers = await Promise.all(
      Array.from({ length: PUSHERS }, async (_, p) => {
        const account = await bench.account(`pusher${p}@example.com`);
        const token = await bench.device(account);
        const changes = messageChanges((BATCHES + WARM_UP) * BATCH, `00000000000000${(p + 16).toString(16)}`, Date.now() - 3_600_000);
        const bodies = Array.from({ length: BATCHES + WARM_UP }, (_, b) =>
          JSON.stringify({ space: account.personalSpaceId, changes: changes.slice(b * BATCH, (b + 1) * BATCH) }),
        );
        return { headers: apiHeaders(token), bodies };
      }),
    );
    const url = `${bench.server.url}/api/v1/sync/push`;
    const send = async (headers: Record<string, string>, body: string) => {
      const response = await fetch(url, { method: 'POST', headers, body });
      const reply = (await response.json()) as { accepted?: number };
      if (response.status !== 200 || reply.accepted !== BATCH) throw new Error(`push answered ${response.status}: ${JSON.stringify(reply)}`);
    };
    await Promise.all(pushers.map(async ({ headers, bodies }) => { for (const body of bodies.slice(0, WARM_UP)) await send(headers, body); }));
    const before = cpuUsed(bench.server.child.pid!);
    const start = performance.now();
    await Promise.all(pushers.map(async ({ headers, bodies }) => { for (const body of bodies.slice(WARM_UP)) await send(headers, body); }));
    const seconds = (performance.now() - start) / 1000;
    const after = cpuUsed(bench.server.child.pid!);
    const batches = PUSHERS * BATCHES;
    console.log(`# ${dialect}: CPU per 1,000 changes: server ${((after.server - before.server) / batches).toFixed(1)} ms, PostgreSQL ${((after.postgres - before.postgres) / batches).toFixed(1)} ms; load average ${os.loadavg()[0]!.toFixed(1)}`);
    return (PUSHERS * BATCHES * BATCH) / seconds;
  } finally {
    await bench.stop();
  }
}

if (wanted('sync.push')) report('sync.push', await measure('postgres'), 'changes/s', { atLeast: TARGET });
if (wanted('sync.push.sqlite')) report('sync.push.sqlite', await measure('sqlite'), 'changes/s', { atLeast: TARGET });
