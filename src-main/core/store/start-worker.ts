// Starting the store's worker threads, from the same code whether the app runs
// from source (vitest, tsx: a .ts entry) or from the bundles in dist/main (.js).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Every thread the store starts: its entry, relative to this folder, and the
 * bundle scripts/build-main.mjs makes of it in dist/main (start-worker.test.ts
 * checks that the build script names the same pairs).
 */
export const STORE_WORKERS = {
  /** The writer and the reader (worker/store-worker.ts). */
  store: { source: 'worker/store-worker.ts', bundle: 'store-worker.js' },
  /** An import's parser, beside the writer. */
  importParser: { source: 'import/parse-worker.ts', bundle: 'import-parser.js' },
  /** An import's checkpointer, beside the writer. */
  importCheckpointer: { source: 'import/checkpoint-worker.ts', bundle: 'import-checkpointer.js' },
  /** The search index's merger, after an import. */
  searchMerger: { source: 'search/index-merger-worker.ts', bundle: 'search-merger.js' },
} as const;

export type StoreWorkerName = keyof typeof STORE_WORKERS;

/**
 * The entry of a worker: its source beside this file when this module runs from
 * TypeScript source, else its bundle beside the bundle this module is part of.
 */
export function workerEntry(name: StoreWorkerName, moduleUrl: string = import.meta.url): URL {
  const { source, bundle } = STORE_WORKERS[name];
  const fromSource = new URL(moduleUrl).pathname.endsWith('.ts');
  return new URL(fromSource ? `./${source}` : `./${bundle}`, moduleUrl);
}

export function startWorker(name: StoreWorkerName, workerData: unknown): Worker {
  const entry = workerEntry(name);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  // From source the entry is compiled by tsx's require hook: before Node 22,
  // tsx's --import hook does not reach worker threads.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData });
}
