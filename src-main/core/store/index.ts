// The store as the rest of the core sees it. Every query runs in a worker: the
// writer (worker.ts, role writer) or, for search, analytics and backups, the reader.
// This side only posts requests and awaits the replies.
import type { Worker } from 'node:worker_threads';
import type { TransferProgress } from '../../../src-shared/entities/transfer';
import { fromWireError, storeErrors } from './errors';
import { READ_METHODS, type JobName, type StoreArgs, type StoreMethod, type StoreRequest, type StoreResult, type WorkerOptions, type WorkerReply } from './protocol';
import { startThread, threadEntry } from './threads';
import type { ConversationStore, JobOptions } from './types';

export type { ConversationStore, JobOptions, MessageOutcome, NewMessage, OutboxChange, SyncedTable } from './types';

/** The worker's entry, for the build script: it bundles this as dist/main/store-worker.js. */
export const STORE_WORKER_SOURCE = 'src-main/core/store/worker.ts';
export const STORE_WORKER_BUNDLE = 'store-worker.js';

/** The worker's entry: worker.ts beside this file when running from source, store-worker.js beside the bundle. */
export function storeWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return threadEntry(moduleUrl, './worker.ts', STORE_WORKER_BUNDLE);
}

function startWorker(workerData: WorkerOptions): Worker {
  return startThread(storeWorkerEntry(), workerData);
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress?: (value: unknown) => void;
}

type Ready = Extract<WorkerReply, { kind: 'ready' }>;

/** One worker thread and the replies it owes. */
class WorkerConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing: Promise<void> | null = null;
  private stopped: Error | null = null;

  private constructor(
    private readonly file: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'progress') {
        this.pending.get(reply.id)?.progress?.(reply.progress);
        return;
      }
      if (reply.kind !== 'result' && reply.kind !== 'error') return;
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.kind === 'result') pending?.resolve(reply.value);
      else pending?.reject(fromWireError(reply.error));
    });
    worker.on('error', (error) => this.fail(storeErrors.workerStopped(file, error.message)));
    worker.on('exit', (code) => this.fail(storeErrors.workerStopped(file, `exit code ${code}`)));
  }

  static async start(options: WorkerOptions): Promise<{ connection: WorkerConnection; ready: Ready }> {
    const worker = startWorker(options);
    let onMessage: (reply: WorkerReply) => void = () => {};
    let onError: (error: Error) => void = () => {};
    let onExit: (code: number) => void = () => {};
    try {
      const ready = await new Promise<Ready>((resolve, reject) => {
        onMessage = (reply) => {
          if (reply.kind === 'ready') resolve(reply);
          else if (reply.kind === 'open-failed') reject(fromWireError(reply.error));
        };
        onError = (error) => reject(storeErrors.workerStopped(options.file, error.message));
        onExit = (code) => reject(storeErrors.workerStopped(options.file, `exit code ${code}`));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      });
      return { connection: new WorkerConnection(options.file, worker), ready };
    } catch (error) {
      await worker.terminate();
      throw error;
    } finally {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    }
  }

  send<T>(request: (id: number) => StoreRequest, progress?: (value: unknown) => void): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.closing) return Promise.reject(storeErrors.closed(this.file));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(progress && { progress }) });
      this.worker.postMessage(request(id));
    });
  }

  /** A message that expects no reply. */
  notify(request: StoreRequest): void {
    if (!this.stopped && !this.closing) this.worker.postMessage(request);
  }

  close(): Promise<void> {
    // The worker answers in order, so its reply to close comes after every call posted before it.
    this.closing ??= (this.stopped ? Promise.resolve() : this.sendClose()).finally(() => this.worker.terminate());
    return this.closing;
  }

  private sendClose(): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve: () => resolve(), reject });
      this.worker.postMessage({ kind: 'close', id } satisfies StoreRequest);
    });
  }

  private fail(error: Error): void {
    this.stopped ??= this.closing ? storeErrors.closed(this.file) : error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

const READS = new Set<StoreMethod>(READ_METHODS);

class WorkerStore {
  private reader: Promise<WorkerConnection>;
  private closed = false;

  constructor(
    readonly file: string,
    readonly nodeId: string,
    readonly personalSpaceId: string,
    private readonly writer: WorkerConnection,
    reader: Promise<WorkerConnection>,
  ) {
    this.reader = reader;
    // A reader that failed to start fails the reads that wait for it, not the store.
    this.reader.catch(() => {});
    // Every store method that is one call in a worker becomes a method here.
    for (const method of STORE_METHODS) {
      (this as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => this.call(method, args as never);
    }
  }

  async call<M extends StoreMethod>(method: M, args: StoreArgs<M>): Promise<StoreResult<M>> {
    if (this.closed) throw storeErrors.closed(this.file);
    const connection = READS.has(method) ? await this.reader : this.writer;
    return connection.send<StoreResult<M>>((id) => ({ kind: 'call', id, method, args }) as StoreRequest);
  }

  importFile(request: unknown, options: JobOptions) {
    return this.job('import', this.writer, request, options);
  }

  async exportFile(request: unknown, options: JobOptions) {
    return this.job('export', await this.reader, request, options);
  }

  async restoreBackup(name: string) {
    if (this.closed) throw storeErrors.closed(this.file);
    // The reader's connection would keep reading the replaced file: stop it, restore, start a new one.
    const previous = await this.reader;
    let restarted!: (connection: WorkerConnection) => void;
    let failed!: (error: unknown) => void;
    this.reader = new Promise<WorkerConnection>((resolve, reject) => ((restarted = resolve), (failed = reject)));
    this.reader.catch(() => {});
    await previous.close();
    try {
      return await this.writer.send<Awaited<ReturnType<ConversationStore['restoreBackup']>>>((id) => ({ kind: 'restore', id, name }));
    } finally {
      WorkerConnection.start({ file: this.file, role: 'reader' }).then(({ connection }) => restarted(connection), failed);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const reader = await this.reader.catch(() => null);
    await Promise.all([this.writer.close(), reader?.close()]);
  }

  private job<T>(job: JobName, connection: WorkerConnection, request: unknown, options: JobOptions): Promise<T> {
    if (this.closed) return Promise.reject(storeErrors.closed(this.file));
    if (options.signal?.aborted) return Promise.reject(storeErrors.cancelled());
    const cancel = () => connection.notify({ kind: 'cancel', jobId: options.jobId });
    options.signal?.addEventListener('abort', cancel, { once: true });
    const progress = options.onProgress ? (value: unknown) => options.onProgress!(value as TransferProgress) : undefined;
    return connection
      .send<T>((id) => ({ kind: 'job', id, job, jobId: options.jobId, request }), progress)
      .finally(() => options.signal?.removeEventListener('abort', cancel));
  }
}

/** Every method that is a single call to a worker (see protocol.ts). */
const STORE_METHODS = [
  'createConversation', 'listConversations', 'queryConversations', 'getConversation', 'updateConversation', 'setShownLeaf',
  'deleteConversation', 'restoreConversation', 'listFolders', 'saveFolder', 'deleteFolder', 'listTags', 'insertMessage', 'flushStreamingText',
  'flushStreamingReasoning',
  'finishMessage', 'listMessagePage', 'getBranch', 'getBranchView', 'showBranchThrough', 'listProviders', 'getProvider', 'saveProvider', 'deleteProvider',
  'getProviderSettings', 'setProviderSettings', 'listPersonas', 'savePersona', 'deletePersona', 'listPipelines', 'getPipeline',
  'savePipeline', 'deletePipeline', 'insertPipelineRun', 'updatePipelineRun', 'recordPipelineStep', 'getPipelineRun',
  'listPipelineRuns', 'listGoals', 'saveGoal', 'deleteGoal', 'linkGoal', 'insertCompareRun', 'listCompareRuns', 'recordVote',
  'listVotes', 'appendUsage', 'queryUsage', 'usageTotals', 'latencyStats', 'putAttachment', 'getAttachment', 'listAttachments',
  'listAttachmentsOf',
  'getSetting', 'setSetting', 'listSettings', 'listVaultRecords', 'putVaultRecord', 'deleteVaultRecord', 'search',
  'integrityCheck', 'createBackup', 'listBackups', 'listOutbox',
] as const satisfies readonly StoreMethod[];

// A compile-time check that STORE_METHODS names every StoreMethod.
type Missing = Exclude<StoreMethod, (typeof STORE_METHODS)[number]>;
const everyMethodListed: Missing extends never ? true : Missing = true;
void everyMethodListed;

/**
 * Opens (creating if needed) the conversation database at `file`, migrating it to
 * the current schema, with its writer and reader workers. `nodeId` seeds this
 * device's HLC node id on first open only.
 */
export async function openStore(options: { file: string; nodeId?: string }): Promise<ConversationStore> {
  const { connection: writer, ready } = await WorkerConnection.start({ file: options.file, role: 'writer', nodeId: options.nodeId });
  // The reader opens the file once the writer has migrated it; the store is usable
  // before it is ready (start-up does not wait for it; reads do).
  const reader = WorkerConnection.start({ file: options.file, role: 'reader' }).then(({ connection }) => connection);
  return new WorkerStore(options.file, ready.nodeId, ready.personalSpaceId, writer, reader) as unknown as ConversationStore;
}

