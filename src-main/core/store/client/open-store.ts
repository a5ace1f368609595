// The store on the main thread: every call is posted to a worker, the writer or,
// for search, analytics and backups, the reader; this side never runs a query.
import type { TransferProgress } from '../../../../src-shared/entities/transfer';
import { storeErrors } from '../errors';
import type { JobOptions, LocalStore } from '../interfaces';
import { READ_METHODS, type JobName, type StoreArgs, type StoreMethod, type StoreRequest, type StoreResult } from '../protocol';
import { WorkerConnection } from './worker-connection';

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
      return await this.writer.send<Awaited<ReturnType<LocalStore['restoreBackup']>>>((id) => ({ kind: 'restore', id, name }));
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
  'deleteConversation', 'restoreConversation', 'listFolders', 'saveFolder', 'deleteFolder', 'listTags', 'insertMessage', 'appendStreamingText',
  'appendStreamingReasoning',
  'finishMessage', 'listMessagePage', 'getBranch', 'getBranchView', 'showBranchThrough', 'listProviders', 'getProvider', 'saveProvider', 'deleteProvider',
  'getProviderSettings', 'setProviderSettings', 'listPersonas', 'savePersona', 'deletePersona', 'listPipelines', 'getPipeline',
  'savePipeline', 'deletePipeline', 'insertPipelineRun', 'updatePipelineRun', 'recordPipelineStep', 'getPipelineRun',
  'listPipelineRuns', 'listGoals', 'saveGoal', 'changeGoalProgress', 'deleteGoal', 'linkGoal', 'insertCompareRun', 'listCompareRuns', 'recordVote',
  'listVotes', 'appendUsage', 'queryUsage', 'usageTotals', 'latencyStats', 'putAttachment', 'getAttachment', 'listAttachments',
  'listAttachmentsOf',
  'getSetting', 'setSetting', 'listSettings', 'listVaultRecords', 'putVaultRecord', 'deleteVaultRecord', 'search',
  'integrityCheck', 'createBackup', 'listBackups', 'listOutbox', 'countOutbox', 'acknowledgeOutbox', 'personalSpace', 'syncCursor',
  'applyRemoteChanges', 'applySnapshotPage', 'resetSyncCursor', 'rehomeSpace', 'removeSpace', 'moveConversationToSpace', 'conversationsPerSpace',
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
export async function openStore(options: { file: string; nodeId?: string }): Promise<LocalStore> {
  const { connection: writer, ready } = await WorkerConnection.start({ file: options.file, role: 'writer', nodeId: options.nodeId });
  // The reader opens the file once the writer has migrated it; the store is usable
  // before it is ready (start-up does not wait for it; reads do).
  const reader = WorkerConnection.start({ file: options.file, role: 'reader' }).then(({ connection }) => connection);
  return new WorkerStore(options.file, ready.nodeId, ready.personalSpaceId, writer, reader) as unknown as LocalStore;
}

