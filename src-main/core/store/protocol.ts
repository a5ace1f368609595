// Messages between the main thread and the store workers. One request type per
// store method, derived from LocalStore so the two cannot drift apart.
import type { ErrorCode, ErrorParamValues } from '../../../src-shared/api/error-codes';
import type { ErrorProblem } from '../../../src-shared/domain';
import type { LocalStore } from './interfaces';

/** Store methods that run as one synchronous call in a worker. */
export type StoreMethod = Exclude<
  keyof LocalStore,
  'file' | 'nodeId' | 'personalSpaceId' | 'close' | 'importFile' | 'exportFile' | 'restoreBackup'
>;

/** Methods the reader worker answers, so they never wait behind writes. */
export const READ_METHODS = ['search', 'queryUsage', 'usageTotals', 'latencyStats', 'createBackup', 'listBackups'] as const;
export type ReadMethod = (typeof READ_METHODS)[number];
export type WriteMethod = Exclude<StoreMethod, ReadMethod>;

/** Long jobs: asynchronous in a worker, with progress and cancellation. */
export type JobName = 'import' | 'export';

export type StoreArgs<M extends StoreMethod> = Parameters<LocalStore[M]>;
export type StoreResult<M extends StoreMethod> = Awaited<ReturnType<LocalStore[M]>>;

/** What the workers implement: each store method, synchronously. */
export type RequestTable = { [M in StoreMethod]: (...args: StoreArgs<M>) => StoreResult<M> };
export type WriterRequests = Pick<RequestTable, WriteMethod>;
export type ReaderRequests = Pick<RequestTable, ReadMethod>;

/** Given to a worker at start-up as `workerData`. */
export interface WorkerOptions {
  file: string;
  role: 'writer' | 'reader';
  nodeId?: string;
}

export type StoreRequest =
  | { [M in StoreMethod]: { kind: 'call'; id: number; method: M; args: StoreArgs<M> } }[StoreMethod]
  | { kind: 'job'; id: number; job: JobName; jobId: string; request: unknown }
  | { kind: 'cancel'; jobId: string }
  | { kind: 'restore'; id: number; name: string }
  | { kind: 'close'; id: number };

/** An error that crossed the thread boundary; `code` is set when the message is meant for the user. */
export interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  params?: ErrorParamValues;
  problems?: ErrorProblem[];
}

export type WorkerReply =
  | { kind: 'ready'; nodeId: string; personalSpaceId: string }
  | { kind: 'open-failed'; error: WireError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'progress'; id: number; progress: unknown }
  | { kind: 'error'; id: number; error: WireError };
