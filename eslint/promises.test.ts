import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLintSandbox, type LintSandbox } from './test-support';

let sandbox: LintSandbox;
beforeAll(() => {
  sandbox = createLintSandbox();
});
afterAll(() => sandbox?.remove());

const save = 'async function save(): Promise<void> {}\n';

// The first lint of each tsconfig project loads its libraries: seconds, not milliseconds.
describe('promises someone must handle (type-aware)', { timeout: 60_000 }, () => {
  const floating = (file: string, code: string) => sandbox.messagesOf('@typescript-eslint/no-floating-promises', file, code);
  const misused = (file: string, code: string) => sandbox.messagesOf('@typescript-eslint/no-misused-promises', file, code);

  it('fails a promise nobody awaits, in every layer', async () => {
    const code = `${save}export function run() {\n  save();\n}\n`;
    for (const file of ['src-main/core/run.ts', 'src-main/host/run.ts', 'src-preload/run.ts', 'src-renderer/run.ts', 'src-shared/run.ts', 'src-main/core/run.test.ts', 'e2e/run.spec.ts']) {
      expect(await floating(file, code), file).toEqual([expect.stringContaining('Promises must be awaited')]);
    }
  });

  it('allows a promise that is awaited, caught, or deliberately let go', async () => {
    const code = `${save}export async function run() {\n  await save();\n  save().catch(() => undefined);\n  void save();\n}\n`;
    expect(await floating('src-main/core/run.ts', code)).toEqual([]);
  });

  it('fails an async function where a callback must not return a promise', async () => {
    const listener = "import { EventEmitter } from 'node:events';\nexport function listen(events: EventEmitter) {\n  events.on('message', async () => {});\n}\n";
    expect(await misused('src-main/host/listen.ts', listener)).toEqual([expect.stringContaining('Promise returned in function argument')]);
    const handler = `${save}export const Save = () => <button onClick={save}>Save</button>;\n`;
    expect(await misused('src-renderer/Save.tsx', handler)).toEqual([expect.stringContaining('Promise-returning function provided to attribute')]);
    const condition = `${save}export function check() {\n  if (save()) return 1;\n  return 0;\n}\n`;
    expect(await misused('src-shared/check.ts', condition)).toEqual([expect.stringContaining('Expected non-Promise value')]);
  });

  it('allows an async handler wrapped so its promise is handled', async () => {
    const handler = `${save}export const Save = () => <button onClick={() => void save()}>Save</button>;\n`;
    expect(await misused('src-renderer/Save.tsx', handler)).toEqual([]);
  });

  it('lints plain JavaScript scripts without type information', async () => {
    const messages = await sandbox.lint('scripts/run.mjs', 'async function save() {}\nsave();\n');
    expect(messages).toEqual([]);
  });
});
