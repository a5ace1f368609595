// Messages between the main thread and the store worker. One request type per
// store method, derived from ConversationStore so the two cannot drift apart.
import type { ConversationStore } from './types';

/** Store methods that run as a query in the worker. */
export type StoreMethod = Exclude<keyof ConversationStore, 'file' | 'nodeId' | 'personalSpaceId' | 'close'>;

export type StoreArgs<M extends StoreMethod> = Parameters<ConversationStore[M]>;
export type StoreResult<M extends StoreMethod> = Awaited<ReturnType<ConversationStore[M]>>;

/** What the worker must implement: each store method, synchronously. */
export type StoreHandlers = { [M in StoreMethod]: (...args: StoreArgs<M>) => StoreResult<M> };

/** Given to the worker at start-up as `workerData`. */
export interface WorkerOptions {
  file: string;
  nodeId?: string;
}

export type StoreRequest =
  | { [M in StoreMethod]: { kind: 'call'; id: number; method: M; args: StoreArgs<M> } }[StoreMethod]
  | { kind: 'close'; id: number };

/** An error that crossed the thread boundary; `code` is set when the message is meant for the user. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type WorkerReply =
  | { kind: 'ready'; nodeId: string; personalSpaceId: string }
  | { kind: 'open-failed'; error: WireError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: WireError };
