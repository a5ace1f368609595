// The store's worker thread: the only connection to the database and its only
// writer. It answers one request at a time, in the order they were posted.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openDatabase } from './database';
import { toWireError } from './errors';
import { startStore } from './handlers';
import type { StoreHandlers, StoreRequest, WorkerOptions, WorkerReply } from './protocol';

if (!parentPort) throw new Error('src-main/core/store/worker.ts runs only as a worker thread.');
const port = parentPort;
const post = (reply: WorkerReply) => port.postMessage(reply);

function open(options: WorkerOptions): { db: Database.Database; handlers: StoreHandlers } | null {
  let db: Database.Database | undefined;
  try {
    db = openDatabase(options.file);
    const { identity, handlers } = startStore(db, options.nodeId);
    post({ kind: 'ready', ...identity });
    return { db, handlers };
  } catch (error) {
    db?.close();
    post({ kind: 'open-failed', error: toWireError(error) });
    return null;
  }
}

const store = open(workerData as WorkerOptions);

if (store) {
  port.on('message', (request: StoreRequest) => {
    if (request.kind === 'close') {
      try {
        store.db.pragma('optimize');
        store.db.close();
        post({ kind: 'result', id: request.id, value: undefined });
      } catch (error) {
        post({ kind: 'error', id: request.id, error: toWireError(error) });
      }
      port.close();
      return;
    }
    try {
      const handler = store.handlers[request.method] as (...args: unknown[]) => unknown;
      post({ kind: 'result', id: request.id, value: handler(...request.args) });
    } catch (error) {
      post({ kind: 'error', id: request.id, error: toWireError(error) });
    }
  });
}
