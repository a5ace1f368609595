import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_WORKERS, workerEntry, type StoreWorkerName } from './start-worker';

const names = Object.keys(STORE_WORKERS) as StoreWorkerName[];

describe('locating the store’s worker threads', () => {
  it('starts each from its TypeScript source beside this folder when running from source', () => {
    for (const name of names) {
      expect(workerEntry(name).href).toBe(new URL(`./${STORE_WORKERS[name].source}`, import.meta.url).href);
      expect(existsSync(workerEntry(name)), STORE_WORKERS[name].source).toBe(true);
    }
    expect(workerEntry('store', 'file:///repo/src-main/core/store/start-worker.ts').href).toBe('file:///repo/src-main/core/store/worker/store-worker.ts');
  });

  it('starts each from its bundle beside the bundle that starts it', () => {
    expect(workerEntry('store', 'file:///app/dist/main/host-ABC123.js').href).toBe('file:///app/dist/main/store-worker.js');
    expect(workerEntry('importParser', 'file:///app/dist/main/store-worker.js').href).toBe('file:///app/dist/main/import-parser.js');
  });

  it('has a bundle of each made by the build script, from the same source', () => {
    const script = readFileSync(join(process.cwd(), 'scripts', 'build-main.mjs'), 'utf8');
    for (const { source, bundle } of Object.values(STORE_WORKERS)) {
      expect(script).toContain(`{ '${bundle.replace(/\.js$/, '')}': 'src-main/core/store/${source}' }`);
    }
  });
});
