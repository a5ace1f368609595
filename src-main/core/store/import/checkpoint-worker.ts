// The import's checkpointer thread, started by import-job.ts for the length of an
// import: it copies the store's write-ahead log into the database file (PASSIVE
// checkpoints, which never block the writer) while the writer goes on merging
// batches, whose own automatic checkpoints are off meanwhile. On a slow disk the
// checkpoints were 10 s of the writer's 47 s (docs/perf/store.md). It
// only copies what the writer committed; a checkpoint that fails (a full disk)
// leaves the log as it was, and the writer's next checkpoint does the copying.
// Bundled as dist/main/import-checkpointer.js.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointerOptions {
  file: string;
}

/**
 * 'catch-up': the writer, between two batches, asks to be told once everything it
 * committed is copied ('caught-up'), so that its next transaction starts the log
 * over instead of making it ever longer. 'stop': finish and end.
 */
export type CheckpointerRequest = 'catch-up' | 'stop';
export type CheckpointerReply = 'ready' | 'caught-up';

/** How long the thread rests after a checkpoint: about the time a batch's merge takes is plenty. */
const REST_MS = 100;

if (!parentPort) throw new Error('src-main/core/store/import/checkpoint-worker.ts runs only as a worker thread.');
const port = parentPort;
const options = workerData as CheckpointerOptions;
let stopping = false;
/** The writer asked to hear when all it had committed is in the file (see CheckpointerRequest). */
let catchUpAsked = false;
let wake = () => {};
port.on('message', (message: CheckpointerRequest) => {
  if (message === 'stop') stopping = true;
  else catchUpAsked = true;
  wake();
});

/** Resolves after REST_MS, or at once when told to stop. */
const rest = () =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, REST_MS);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

async function run(): Promise<void> {
  const db = new Database(options.file, { fileMustExist: true });
  const reply = (message: CheckpointerReply) => port.postMessage(message);
  reply('ready');
  try {
    while (!stopping) {
      // A request that came in during the last checkpoint is answered by this one,
      // which copies everything committed before the request.
      const answering = catchUpAsked;
      catchUpAsked = false;
      db.pragma('wal_checkpoint(PASSIVE)');
      if (answering) reply('caught-up');
      await rest();
    }
  } finally {
    db.close();
  }
}

run().then(
  () => port.close(),
  () => port.close(),
);
