// Starting a worker thread from the same code whether the app runs from source
// (vitest, tsx: a .ts entry) or from the bundle in dist/main (a .js entry).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** True when `moduleUrl` is a TypeScript source file rather than part of the bundle. */
function runsFromSource(moduleUrl: string): boolean {
  return new URL(moduleUrl).pathname.endsWith('.ts');
}

/** `source` (relative to `moduleUrl`) from source, `bundle` beside the bundle otherwise. */
export function threadEntry(moduleUrl: string, source: string, bundle: string): URL {
  return new URL(runsFromSource(moduleUrl) ? source : `./${bundle}`, moduleUrl);
}

export function startThread(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  // From source the entry is compiled by tsx's require hook: before Node 22,
  // tsx's --import hook does not reach worker threads.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData });
}
