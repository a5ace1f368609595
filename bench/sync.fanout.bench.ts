// sync.fanout: 1,000 devices hold the events WebSocket open on one shared space;
// one push, and every device must hear `{type: 'at'}`. The latency of a device is
// from just before the push is sent to the moment its event arrives; 20 pushes,
// 20,000 latencies, target p99 < 100 ms. The server (SQLite, the default) runs in
// a child process: sync.fanout.rss is its peak resident memory, target < 250 MB.
import WebSocket from 'ws';
import { uuidv7 } from '../src-shared/ids';
import { formatHlc } from '../src-shared/sync/hlc';
import { EVENTS_PATH, type SpaceHeadEvent } from '../src-shared/sync/wire';
import { percentile, report, wanted } from './support/report';
import { apiHeaders, serverMemory, startBenchServer } from './support/sync';

const CLIENTS = 1000;
const DEVICES_PER_ACCOUNT = 20;
const PUSHES = 20;

const bench = await startBenchServer('sqlite');
try {
  const { db } = bench.context.database;
  const owner = await bench.account('owner@example.com');
  const ownerToken = await bench.device(owner);
  const space = uuidv7();
  await db.insertInto('spaces').values({ id: space, name: 'Everyone', kind: 'shared', created_at: Date.now() }).execute();
  await db.insertInto('members').values({ space_id: space, account_id: owner.id, role: 'owner', created_at: Date.now() }).execute();
  const tokens: string[] = [];
  for (let a = 0; tokens.length < CLIENTS; a++) {
    const account = await bench.account(`member${a}@example.com`);
    await db.insertInto('members').values({ space_id: space, account_id: account.id, role: 'viewer', created_at: Date.now() }).execute();
    for (let d = 0; d < DEVICES_PER_ACCOUNT && tokens.length < CLIENTS; d++) tokens.push(await bench.device(account));
  }

  // Each client keeps the time its event for each sequence arrived.
  const arrivals: Map<number, number>[] = tokens.map(() => new Map());
  const sockets: WebSocket[] = [];
  const url = `${bench.server.url.replace(/^http/, 'ws')}${EVENTS_PATH}`;
  for (let start = 0; start < CLIENTS; start += 100) {
    await Promise.all(
      tokens.slice(start, start + 100).map(
        (token, offset) =>
          new Promise<void>((resolve, reject) => {
            const headers = apiHeaders(token);
            delete headers['Content-Type'];
            const socket = new WebSocket(url, { headers });
            socket.on('message', (data) => {
              const event = JSON.parse(String(data)) as SpaceHeadEvent;
              if (event.space === space) arrivals[start + offset]!.set(event.seq, performance.now());
            });
            socket.once('open', () => resolve());
            socket.once('error', reject);
            sockets.push(socket);
          }),
      ),
    );
  }

  const latencies: number[] = [];
  const push = (seq: number) =>
    fetch(`${bench.server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: apiHeaders(ownerToken),
      body: JSON.stringify({
        space,
        changes: [{ id: uuidv7(), table: 'conversations', row: uuidv7(), fields: { title: `Push ${seq}` }, hlc: formatHlc({ wallMs: Date.now(), counter: 0, node: '00000000000000f0' }), deleted: false }],
      }),
    });
  for (let seq = 1; seq <= PUSHES; seq++) {
    const sent = performance.now();
    const response = await push(seq);
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
    const deadline = Date.now() + 10_000;
    while (arrivals.some((times) => !times.has(seq))) {
      if (Date.now() > deadline) throw new Error(`Only ${arrivals.filter((times) => times.has(seq)).length} of ${CLIENTS} devices heard push ${seq} within 10 s.`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const times of arrivals) latencies.push(times.get(seq)! - sent);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const memory = serverMemory(bench.server.child.pid!);
  console.log(`# ${CLIENTS} devices, ${PUSHES} pushes: p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; server RSS now ${memory.rss.toFixed(0)} MB`);
  if (wanted('sync.fanout')) report('sync.fanout', percentile(latencies, 99), 'ms', { below: 100 });
  if (wanted('sync.fanout.rss')) report('sync.fanout.rss', memory.peak, 'MB', { below: 250 });
  for (const socket of sockets) socket.terminate();
} finally {
  await bench.stop();
}
