// The search index's merger thread (see index-merger.ts): merges the segments an
// import left, a step at a time, each step its own short transaction on this
// thread's connection, and rests between steps as long as the step took, so the
// writer's writes (which wait for the lock, up to its busy timeout) get their
// turn. When a step finds nothing left to merge it puts the index's normal
// settings back and ends. Bundled as dist/main/search-merger.js.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { finishSearchMerging } from './index-merger';

export interface SearchMergerOptions {
  file: string;
}

/** Leaf pages written per step: a few megabytes, tens of milliseconds. */
const STEP_PAGES = 500;
const MIN_REST_MS = 10;

if (!parentPort) throw new Error('src-main/core/store/search/index-merger-worker.ts runs only as a worker thread.');
const port = parentPort;
const options = workerData as SearchMergerOptions;
let stopping = false;
let wake = () => {};
port.on('message', (message: 'stop') => {
  if (message === 'stop') stopping = true;
  wake();
});

const rest = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

const busy = (error: unknown) => (error as { code?: string }).code?.startsWith('SQLITE_BUSY') === true;

async function run(): Promise<void> {
  const db = new Database(options.file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('cache_size = -16384');
    const merge = db.prepare(`INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', ${STEP_PAGES})`);
    const changes = db.prepare('SELECT total_changes()').pluck();
    while (!stopping) {
      const started = performance.now();
      const before = changes.get() as number;
      try {
        merge.run();
      } catch (error) {
        // The writer held the lock past the timeout (a long transaction): try again later.
        if (!busy(error)) throw error;
        await rest(MIN_REST_MS);
        continue;
      }
      // FTS5's documented test: fewer than two changes means there was nothing to merge.
      if ((changes.get() as number) - before < 2) {
        finishSearchMerging(db);
        return;
      }
      await rest(Math.max(MIN_REST_MS, performance.now() - started));
    }
  } finally {
    db.close();
  }
}

run().then(
  () => port.close(),
  () => port.close(),
);
