// One store worker thread (the writer or the reader) as the main thread sees it:
// requests posted with an id, replies matched to them, progress passed on.
import type { Worker } from 'node:worker_threads';
import { fromWireError, storeErrors } from '../errors';
import type { StoreRequest, WorkerOptions, WorkerReply } from '../protocol';
import { startWorker } from '../start-worker';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress?: (value: unknown) => void;
}

export type Ready = Extract<WorkerReply, { kind: 'ready' }>;

export class WorkerConnection {
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

  /** Starts a worker and waits until it has opened the database (or says why it could not). */
  static async start(options: WorkerOptions): Promise<{ connection: WorkerConnection; ready: Ready }> {
    const worker = startWorker('store', options);
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
