// SIGTERM to the real browser host (entry.ts, run by tsx as `npm run start:web`
// runs its build) while a reply streams: it exits within about two seconds, and
// the text streamed so far is in the database, marked interrupted at the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FLOOD_DELTA, startProviderServer, type ProviderServer } from '../../e2e/fixtures/provider-server';
import { dataPaths } from '../core/paths';
import { openStore } from '../core/store';

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url));
let server: ProviderServer;
let dir: string;

beforeAll(async () => {
  server = await startProviderServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-shutdown-'));
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>RealMultiLLM</title>');
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The host's address once it prints it. */
function started(child: ChildProcess): Promise<URL> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const found = /running at (\S+)/.exec(output);
      if (found) resolve(new URL(found[1]!));
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`The host exited (${code}) before it was ready:\n${output}`)));
  });
}

it('exits within about two seconds of SIGTERM mid-reply, keeping the text streamed so far', async () => {
  const dataDir = path.join(dir, 'data');
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--no-open', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, REALMULTILLM_RENDERER_DIR: path.join(dir, 'static') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await started(child);
  const ws = new WebSocket(`ws://${url.host}/api?token=${url.hash.replace('#token=', '')}`, { headers: { Origin: url.origin } });
  await new Promise((resolve) => ws.once('open', resolve));
  let next = 1;
  let streamed = 0;
  const answers = new Map<number, (reply: { ok: boolean; result?: { id: string } }) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; id: number; event?: string; payload?: { text: string } };
    if (message.type === 'result') answers.get(message.id)?.(message as never);
    else if (message.event === 'stream.delta') streamed += message.payload!.text.length;
  });
  const call = (method: string, input: unknown) =>
    new Promise<{ ok: boolean; result?: { id: string } }>((resolve) => {
      const id = next++;
      answers.set(id, resolve);
      ws.send(JSON.stringify({ type: 'call', id, method, input }));
    });
  const provider = await call('provider.save', { name: 'Flood', kind: 'openai-compatible', baseUrl: server.urlFor('openai-compatible'), model: 'flood' });
  expect((await call('chat.send', { providerId: provider.result!.id, text: 'flood 100 every 40 ms' })).ok).toBe(true);
  // Paced at 64 KiB every 40 ms, the reply is about 2 s short of the 4,000,000-character cap when
  // SIGTERM lands; unpaced, a busy machine's socket lagged so far behind that the cap ended it first.
  while (streamed < 1_000_000) await new Promise((resolve) => setTimeout(resolve, 5));

  const asked = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const code = await exited;
  const tookMs = performance.now() - asked;
  ws.terminate();
  expect(code).toBe(0);
  // About 2 s on a quiet machine (the backstop's limit); a loaded 2-core machine can starve it a few
  // seconds more. Before the fix it took 149 s, so the bound still tells the two apart.
  expect(tookMs).toBeLessThan(10_000);

  const store = await openStore({ file: dataPaths(dataDir).database });
  try {
    const [conversation] = await store.listConversations(10);
    const reply = (await store.getConversation(conversation!.id))!.messages[1]!;
    expect(reply.status).toBe('interrupted');
    expect(reply.content.length).toBeGreaterThanOrEqual(1_000_000);
    expect(reply.content).toBe(FLOOD_DELTA.repeat(Math.ceil(reply.content.length / FLOOD_DELTA.length)).slice(0, reply.content.length));
  } finally {
    await store.close();
  }
}, 60_000);
