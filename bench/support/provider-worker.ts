// The local provider server in its own thread, so its work (timers, JSON, writes)
// does not run on the thread whose overhead a benchmark measures, as a real
// provider's would not. Times are absolute (timeOrigin + now): comparable across threads.
import { parentPort, workerData } from 'node:worker_threads';
import { startProviderServer, type FixtureKind, type ProviderServerOptions } from '../../e2e/fixtures/provider-server';

export type WorkerRequest = { type: 'first-tokens' } | { type: 'close' };
export type WorkerReply =
  | { type: 'ready'; urls: Record<string, string> }
  | { type: 'first-tokens'; tokens: { body: string; at: number }[] }
  | { type: 'closed' };

const port = parentPort!;
const server = await startProviderServer(workerData as ProviderServerOptions);
const kinds: FixtureKind[] = ['openai', 'openai-chat', 'anthropic', 'google', 'ollama'];
port.postMessage({ type: 'ready', urls: Object.fromEntries(kinds.map((k) => [k, server.urlFor(k)])) } satisfies WorkerReply);
port.on('message', (message: WorkerRequest) => {
  if (message.type === 'first-tokens') {
    const tokens = server.requests
      .filter((r) => r.firstTextAt !== undefined)
      .map((r) => ({ body: JSON.stringify(r.body), at: performance.timeOrigin + r.firstTextAt! }));
    port.postMessage({ type: 'first-tokens', tokens } satisfies WorkerReply);
  } else {
    void server.close().then(() => {
      port.postMessage({ type: 'closed' } satisfies WorkerReply);
      port.close();
    });
  }
});
