// The store as the rest of the core sees it. Every query runs in the worker
// (worker.ts); this side only posts requests and awaits the replies.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromWireError, storeErrors } from './errors';
import type { StoreArgs, StoreMethod, StoreRequest, StoreResult, WorkerOptions, WorkerReply } from './protocol';
import type { ConversationStore } from './types';

export type { ConversationStore, MessageOutcome, NewMessage, OutboxChange, SyncedTable } from './types';

/** The worker's entry, for the build script: it bundles this as dist/main/store-worker.js. */
export const STORE_WORKER_SOURCE = 'src-main/core/store/worker.ts';
export const STORE_WORKER_BUNDLE = 'store-worker.js';

/** The worker's entry: worker.ts beside this file when running from source, store-worker.js beside the bundle. */
export function storeWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return runsFromSource(moduleUrl) ? new URL('./worker.ts', moduleUrl) : new URL(`./${STORE_WORKER_BUNDLE}`, moduleUrl);
}

function runsFromSource(moduleUrl: string): boolean {
  return new URL(moduleUrl).pathname.endsWith('.ts');
}

function startWorker(workerData: WorkerOptions): Worker {
  const moduleUrl = import.meta.url;
  const entry = storeWorkerEntry(moduleUrl);
  if (!runsFromSource(moduleUrl)) return new Worker(entry, { workerData });
  // From source (vitest, tsx) worker.ts is compiled by tsx's require hook: before
  // Node 22, tsx's --import hook does not reach worker threads.
  const tsx = createRequire(moduleUrl).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class WorkerStore implements ConversationStore {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing: Promise<void> | null = null;
  private stopped: Error | null = null;

  constructor(
    readonly file: string,
    readonly nodeId: string,
    readonly personalSpaceId: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind !== 'result' && reply.kind !== 'error') return;
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.kind === 'result') pending?.resolve(reply.value);
      else pending?.reject(fromWireError(reply.error));
    });
    worker.on('error', (error) => this.fail(storeErrors.workerStopped(file, error.message)));
    worker.on('exit', (code) => this.fail(storeErrors.workerStopped(file, `exit code ${code}`)));
  }

  createConversation = this.method('createConversation');
  listConversations = this.method('listConversations');
  getConversation = this.method('getConversation');
  deleteConversation = this.method('deleteConversation');
  insertMessage = this.method('insertMessage');
  flushStreamingText = this.method('flushStreamingText');
  finishMessage = this.method('finishMessage');
  listProviders = this.method('listProviders');
  getProvider = this.method('getProvider');
  saveProvider = this.method('saveProvider');
  deleteProvider = this.method('deleteProvider');
  listOutbox = this.method('listOutbox');

  close(): Promise<void> {
    // The worker answers in order, so its reply to close comes after every write posted before it.
    this.closing ??= this.send<void>((id) => ({ kind: 'close', id })).finally(() => this.worker.terminate());
    return this.closing;
  }

  private method<M extends StoreMethod>(method: M) {
    return (...args: StoreArgs<M>): Promise<StoreResult<M>> =>
      this.send<StoreResult<M>>((id) => ({ kind: 'call', id, method, args }) as StoreRequest);
  }

  private send<T>(request: (id: number) => StoreRequest): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.closing) return Promise.reject(storeErrors.closed(this.file));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request(id));
    });
  }

  private fail(error: Error): void {
    this.stopped ??= this.closing ? storeErrors.closed(this.file) : error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * Opens (creating if needed) the conversation database at `file`, migrating it to
 * the current schema. `nodeId` seeds this device's HLC node id on first open only.
 */
export async function openStore(options: { file: string; nodeId?: string }): Promise<ConversationStore> {
  const worker = startWorker({ file: options.file, nodeId: options.nodeId });
  let onMessage: (reply: WorkerReply) => void = () => {};
  let onError: (error: Error) => void = () => {};
  let onExit: (code: number) => void = () => {};
  try {
    const ready = await new Promise<Extract<WorkerReply, { kind: 'ready' }>>((resolve, reject) => {
      onMessage = (reply) => {
        if (reply.kind === 'ready') resolve(reply);
        else if (reply.kind === 'open-failed') reject(fromWireError(reply.error));
      };
      onError = (error) => reject(storeErrors.workerStopped(options.file, error.message));
      onExit = (code) => reject(storeErrors.workerStopped(options.file, `exit code ${code}`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return new WorkerStore(options.file, ready.nodeId, ready.personalSpaceId, worker);
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
  }
}
