import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
