import { afterAll, describe, expect, it } from 'vitest';
import { createLintSandbox } from './test-support';

// The type-aware rules need each snippet as a real file in a tsconfig project.
const sandbox = createLintSandbox();
afterAll(() => sandbox.remove());

const lint = (file: string, code: string) => sandbox.messagesOf('no-restricted-imports', file, code);

const opens = "import Database from 'better-sqlite3';\nexport const db = new Database(':memory:');\n";
const typeOnly = "import type Database from 'better-sqlite3';\nexport type Db = Database.Database;\n";

describe('better-sqlite3 only in the store’s worker threads', () => {
  it('fails a file of the core outside the store that imports it', async () => {
    expect(await lint('src-main/core/chat/bad.ts', opens)).toEqual([expect.stringContaining('docs/ARCHITECTURE.md')]);
  });

  it("fails the store's main-thread side, the host, the shell and the benchmarks too", async () => {
    for (const file of ['src-main/core/store/client/bad.ts', 'src-main/core/store/index.ts', 'src-main/host/bad.ts', 'src-main/electron/bad.ts', 'bench/bad.ts']) {
      expect(await lint(file, opens), file).toHaveLength(1);
    }
  });

  it('fails a type-only import outside the worker side: the types it needs live in core/store/interfaces.ts', async () => {
    expect(await lint('src-main/core/vault/bad.ts', typeOnly)).toHaveLength(1);
  });

  it("allows the files that run in the store's workers, and the store's tests", async () => {
    for (const file of [
      'src-main/core/store/worker/ok.ts',
      'src-main/core/store/repositories/ok.ts',
      'src-main/core/store/import/ok.ts',
      'src-main/core/store/search/ok.ts',
      'src-main/core/store/backup/ok.ts',
      'src-main/core/store/ok.test.ts',
    ]) {
      expect(await lint(file, opens), file).toEqual([]);
    }
    expect(await lint('src-main/core/store/schema/ok.ts', typeOnly)).toEqual([]);
  });
});
