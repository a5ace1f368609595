// providers.ttft: the time the app adds to a reply's first token. For each send,
// from the moment the provider writes the first token's bytes (the local provider
// server, in its own thread as a real provider would be elsewhere, records it) to
// the moment the core emits that token as a stream.delta event. Real parts: the
// chat service, the SQLite store in its worker, the passphrase vault, the AI SDK
// over HTTP on 127.0.0.1. 200 measured sends (after 10 warm-up sends), 4 streams
// at a time, each streaming 100 tokens/s. Target p95 < 2 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { uuidv7 } from '../src-shared/ids';
import { ChatService } from '../src-main/core/chat/chat-service';
import type { Logger } from '../src-main/core/log/logger';
import { openStore } from '../src-main/core/store';
import { createPassphraseVault } from '../src-main/core/vault';
import type { WorkerReply, WorkerRequest } from './support/provider-worker';

const SENDS = 200;
const WARM_UP = 10;
// BENCH_CONCURRENCY=1 separates the cost of streams meeting on one thread from the rest.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TOKENS_PER_SECOND = 100;
const TARGET_P95_MS = 2;
const API_KEY = 'sk-bench-providers-0001';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const clock = () => performance.timeOrigin + performance.now();

// tsx's loader is registered inside the worker: Node 20 does not pass --import hooks to workers.
const workerUrl = new URL('./support/provider-worker.ts', import.meta.url).href;
const provider = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`, {
  eval: true,
  workerData: { apiKey: API_KEY, tokenDelayMs: 1000 / TOKENS_PER_SECOND },
});
function ask<T extends WorkerReply['type']>(request: WorkerRequest | null, type: T): Promise<Extract<WorkerReply, { type: T }>> {
  return new Promise((resolve) => {
    const listen = (reply: WorkerReply) => {
      if (reply.type !== type) return;
      provider.off('message', listen);
      resolve(reply as Extract<WorkerReply, { type: T }>);
    };
    provider.on('message', listen);
    if (request) provider.postMessage(request);
  });
}
const { urls } = await ask(null, 'ready');

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-bench-providers-'));
const store = await openStore({ file: path.join(dir, 'store.sqlite') });
const vault = await createPassphraseVault({ file: path.join(dir, 'keys.vault'), passphrase: 'bench passphrase', kdf: { log2N: 10, r: 8, p: 1 } });
const firstDeltaAt = new Map<string, number>();
const finished = new Map<string, () => void>();
const ended = new Set<string>();
const chat = new ChatService({
  store,
  vault,
  log: silent,
  emit: (event, payload) => {
    if (event === 'stream.delta') {
      const { messageId } = payload as { messageId: string };
      if (!firstDeltaAt.has(messageId)) firstDeltaAt.set(messageId, clock());
    } else if (event === 'stream.end') {
      const { messageId } = payload as { messageId: string };
      ended.add(messageId);
      finished.get(messageId)?.();
    }
  },
});

try {
  const now = Date.now();
  const saved = await store.saveProvider({ id: uuidv7(), name: 'Bench', kind: 'openai-chat', baseUrl: urls['openai-chat']!, model: 'echo', createdAt: now, updatedAt: now });
  await vault.set(saved.id, API_KEY);

  const measured = new Map<number, string>();
  const failures: string[] = [];
  let next = 0;
  async function worker() {
    while (next < SENDS + WARM_UP) {
      const index = next++;
      const prompt = `bench ${index} ${'token '.repeat(18).trim()}`;
      const done = new Promise<void>((resolve) => {
        void chat.send({ providerId: saved.id, text: prompt }).then(({ assistantMessageId }) => {
          const measure = () => {
            if (index >= WARM_UP) measured.set(index, assistantMessageId);
            resolve();
          };
          if (ended.has(assistantMessageId)) measure();
          else finished.set(assistantMessageId, measure);
        }, (error: unknown) => {
          failures.push(`send ${index}: ${String(error)}`);
          resolve();
        });
      });
      await done;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const { tokens } = await ask({ type: 'first-tokens' }, 'first-tokens');
  const overheads: number[] = [];
  for (const [index, messageId] of measured) {
    const written = tokens.find((t) => t.body.includes(`bench ${index} `))?.at;
    const emitted = firstDeltaAt.get(messageId);
    if (written === undefined || emitted === undefined) failures.push(`send ${index}: no first token`);
    else overheads.push(emitted - written);
  }
  if (failures.length) throw new Error(failures.slice(0, 5).join('; '));

  overheads.sort((a, b) => a - b);
  const p50 = percentile(overheads, 50);
  const p95 = percentile(overheads, 95);
  const max = overheads.at(-1)!;
  console.log(`sends=${overheads.length} (after ${WARM_UP} warm-up) concurrency=${CONCURRENCY} tokens/s per stream=${TOKENS_PER_SECOND} wall=${seconds.toFixed(1)} s`);
  console.log(`first-token overhead: p50=${p50.toFixed(3)} ms p95=${p95.toFixed(3)} ms max=${max.toFixed(3)} ms`);
  const status = p95 < TARGET_P95_MS ? 'pass' : 'fail';
  console.log(`BENCH name=providers.ttft value=${p95.toFixed(3)} unit=ms target=<${TARGET_P95_MS} status=${status}`);
  process.exitCode = status === 'pass' ? 0 : 1;
} finally {
  await chat.stopAll();
  await store.close();
  await ask({ type: 'close' }, 'closed');
  await provider.terminate();
  fs.rmSync(dir, { recursive: true, force: true });
}
