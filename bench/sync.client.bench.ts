// The desktop's sync client against a real team server (a child process):
// sync.cold     a new device signs in to a space of 100,000 messages in 5,000
//               conversations; from the browser's return to the loopback until
//               every message is in its store (and so searchable): < 5 s (SQLite server)
// sync.cold.pg  the same with a PostgreSQL server
// sync.propagate  a reply finished on device A is in device B's store (through the
//               server, woken by its WebSocket): p95 < 100 ms over loopback
// sync.pull     a client applying pulled changes (new replies) into its SQLite
//               store, pages of 5,000 as the engine applies them: >= 50,000 changes/s
// BENCH_SIZE scales the space (default 100000 messages; 50 per conversation).
import { uuidv7 } from '../src-shared/ids';
import type { RemoteChange } from '../src-main/core/store';
import { openStore } from '../src-main/core/store';
import { streamingReply, userMessage } from '../src-main/core/store/testing';
import { eventually, openDevice, type Device } from '../src-main/core/sync/testing/device';
import { pushToPersonalSpace, spaceChanges } from '../src-main/core/sync/testing/space-changes';
import { signInWithBrowser, startTeamServer, type Dialect } from '../src-main/core/sync/testing/team-server';
import { percentile, report, wanted } from './support/report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MESSAGES = Number(process.env.BENCH_SIZE ?? 100_000);
const PER_CONVERSATION = 20;
const CONVERSATIONS = Math.max(1, Math.round(MESSAGES / PER_CONVERSATION));
const EMAIL = 'bench@example.com';
const PASSWORD = 'a long enough password';

/** Signs a device in through the loopback; returns when the browser is back at the app. */
async function signIn(device: Device, serverUrl: string): Promise<void> {
  await device.call('sync.configure', { serverUrl });
  const { url } = await device.call('sync.signIn', {});
  const landed = await signInWithBrowser(url, EMAIL, PASSWORD);
  if (landed.status !== 200) throw new Error(`The loopback answered ${landed.status}`);
}

async function accessToken(device: Device): Promise<string> {
  return (await device.credentials())!.accessToken;
}

async function cold(dialect: Dialect): Promise<number> {
  const server = await startTeamServer(dialect);
  const devices: Device[] = [];
  try {
    await server.createAdmin(EMAIL, PASSWORD);
    const seeder = await openDevice();
    devices.push(seeder);
    await signIn(seeder, server.url);
    await seeder.waitForStatus((s) => s.status.state === 'synced' && s.account !== null, 60_000);
    const token = await accessToken(seeder);
    // The seeder stops syncing (its tokens stay valid) so it does not pull what it seeds.
    await seeder.close();
    devices.splice(devices.indexOf(seeder), 1);
    const space = await pushToPersonalSpace(server.url, token, spaceChanges(MESSAGES, PER_CONVERSATION));

    const fresh = await openDevice();
    devices.push(fresh);
    await fresh.call('sync.configure', { serverUrl: server.url });
    const { url } = await fresh.call('sync.signIn', {});
    const start = performance.now();
    await signInWithBrowser(url, EMAIL, PASSWORD);
    await fresh.waitForStatus((s) => s.status.state === 'synced' && s.account !== null, 300_000);
    const seconds = (performance.now() - start) / 1000;
    // Checked after the clock: every conversation is there, and a last message is found by search.
    const counts = await fresh.store.conversationsPerSpace();
    if (counts[space] !== CONVERSATIONS) throw new Error(`expected ${CONVERSATIONS} conversations, found ${JSON.stringify(counts)}`);
    const hits = (await fresh.store.search({ text: `Message ${CONVERSATIONS - 1}-` })).hits.length;
    if (hits === 0) throw new Error('the last conversation’s messages are not searchable');
    console.log(`# ${dialect}: ${MESSAGES} messages in ${CONVERSATIONS} conversations, ${seconds.toFixed(2)} s; load average ${os.loadavg()[0]!.toFixed(1)}`);
    return seconds;
  } finally {
    for (const device of devices) await device.close().catch(() => {});
    await server.stop();
  }
}

async function propagate(): Promise<number> {
  const server = await startTeamServer('sqlite');
  const devices: Device[] = [];
  try {
    await server.createAdmin(EMAIL, PASSWORD);
    const [a, b] = await Promise.all([openDevice(), openDevice()]);
    devices.push(a, b);
    await signIn(a, server.url);
    await signIn(b, server.url);
    for (const device of [a, b]) await device.waitForStatus((s) => s.status.state === 'synced' && s.account !== null, 60_000);
    const conversation = await a.store.createConversation({ id: uuidv7(), title: 'Propagation' });
    a.core.sync.nudge();
    await eventually(async () => (await b.store.getConversation(conversation.id)) ?? undefined, 30_000, 'the conversation on B');
    const times: number[] = [];
    let parent: string | null = null;
    for (let i = 0; i < 60; i++) {
      const question = await a.store.insertMessage(userMessage(conversation.id, parent, `Question ${i}`));
      const reply = await a.store.insertMessage(streamingReply(conversation.id, question.id));
      await a.store.appendStreamingText(reply.id, `Answer ${i}, streamed`);
      await a.core.sync.idle();
      await b.core.sync.idle();
      const arrived = new Promise<number>((resolve) => {
        const stop = b.core.onEvent((event, payload) => {
          if (event !== 'conversation.changed' || (payload as { conversationId: string }).conversationId !== conversation.id) return;
          void b.store.getConversation(conversation.id).then((found) => {
            if (found?.messages.some((m) => m.id === reply.id && m.status === 'done')) {
              stop();
              resolve(performance.now());
            }
          });
        });
      });
      const start = performance.now();
      await a.store.finishMessage(reply.id, { status: 'done', content: `Answer ${i}, finished`, error: null, usage: { inputTokens: 1, outputTokens: 2 } });
      a.core.sync.nudge();
      const end = await Promise.race([arrived, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`reply ${i} did not reach B in 10 s; B's last events: ${JSON.stringify(b.events.slice(-6))}`)), 10_000))]);
      if (i >= 10) times.push(end - start);
      parent = reply.id;
    }
    console.log(`# median ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} replies; load average ${os.loadavg()[0]!.toFixed(1)}`);
    return percentile(times, 95);
  } finally {
    for (const device of devices) await device.close().catch(() => {});
    await server.stop();
  }
}

async function pull(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-bench-pull-'));
  const store = await openStore({ file: path.join(dir, 'pull.sqlite') });
  try {
    const space = await store.personalSpace();
    const changes: RemoteChange[] = spaceChanges(MESSAGES, PER_CONVERSATION);
    const pages: RemoteChange[][] = [];
    for (let i = 0; i < changes.length; i += 5000) pages.push(changes.slice(i, i + 5000));
    // One page first, untimed: the worker's statements are prepared.
    await store.applyRemoteChanges(space, pages[0]!, 1);
    const start = performance.now();
    let seq = 1;
    for (const page of pages.slice(1)) await store.applyRemoteChanges(space, page, (seq += page.length));
    const seconds = (performance.now() - start) / 1000;
    const applied = changes.length - pages[0]!.length;
    console.log(`# ${applied} changes in ${seconds.toFixed(2)} s; load average ${os.loadavg()[0]!.toFixed(1)}`);
    return applied / seconds;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (wanted('sync.pull')) report('sync.pull', await pull(), 'changes/s', { atLeast: 50_000 });
if (wanted('sync.propagate')) report('sync.propagate', await propagate(), 'ms', { below: 100 });
if (wanted('sync.cold')) report('sync.cold', await cold('sqlite'), 's', { below: 5 });
if (wanted('sync.cold.pg')) report('sync.cold.pg', await cold('postgres'), 's', { below: 5 });
