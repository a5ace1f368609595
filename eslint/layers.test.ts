import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLintSandbox, type LintSandbox } from './test-support';

let sandbox: LintSandbox;
beforeAll(() => {
  sandbox = createLintSandbox();
});
afterAll(() => sandbox?.remove());

const lint = (file: string, code: string) => sandbox.messagesOf('layers/import-boundaries', file, code);

// The first lint of each tsconfig project loads its libraries: seconds, not milliseconds.
describe('the import table of docs/ARCHITECTURE.md', { timeout: 60_000 }, () => {
  it('finds the layers when the repository sits in a path with a space', async () => {
    expect(sandbox.root).toContain(' ');
    const messages = await lint('src-main/core/bad.ts', "import { app } from 'electron';\nexport const name = app.name;\n");
    expect(messages).toEqual([expect.stringContaining('src-main/core may not import electron')]);
  });

  it('fails a file in an app folder that no layer claims, so a wrong root cannot pass silently', async () => {
    expect(await lint('src-main/stray.mjs', 'export const x = 1;\n')).toEqual([expect.stringContaining('src-main/stray.mjs is in no layer')]);
    expect(await lint('vendor/src-renderer/stray.mjs', 'export const x = 1;\n')).toEqual([expect.stringContaining('is in no layer')]);
    expect(await lint('bench/support/ok.ts', 'export const x = 1;\n')).toEqual([]);
  });

  it('fails the core importing electron, however it is imported', async () => {
    expect(await lint('src-main/core/bad.ts', "const e = require('electron');\nexport default e;\n")).toHaveLength(1);
    expect(await lint('src-main/core/bad.ts', "export const load = () => import('electron');\n")).toHaveLength(1);
    expect(await lint('src-main/core/bad.ts', "import e = require('electron');\nexport default e;\n")).toHaveLength(1);
    expect(await lint('src-main/core/bad.ts', "export { app } from 'electron';\n")).toHaveLength(1);
  });

  it('fails an import whose module name lint cannot read', async () => {
    const messages = await lint('src-main/core/bad.ts', 'export const load = (name: string) => import(name);\n');
    expect(messages).toEqual([expect.stringContaining('only literal module names')]);
  });

  it('fails src-shared importing a Node built-in or another layer', async () => {
    expect(await lint('src-shared/bad.ts', "import fs from 'node:fs';\nexport default fs;\n")).toHaveLength(1);
    expect(await lint('src-shared/bad.ts', "import { x } from '../src-main/core/app';\nexport default x;\n")).toHaveLength(1);
  });

  it('fails the renderer importing the core, even its types', async () => {
    expect(await lint('src-renderer/bad.ts', "import { createCore } from '../src-main/core/app';\nexport default createCore;\n")).toEqual([
      expect.stringContaining('src-renderer may not import src-main/core'),
    ]);
    expect(await lint('src-renderer/bad.ts', "import type { Core } from '../src-main/core/app';\nexport type C = Core;\n")).toHaveLength(1);
    expect(await lint('src-renderer/bad.ts', "export type C = import('../src-main/core/app').Core;\n")).toHaveLength(1);
  });

  it('lets the renderer import only types from the preload', async () => {
    expect(await lint('src-renderer/ok.ts', "import type { X } from '../src-preload/api';\nexport type Y = X;\n")).toEqual([]);
    expect(await lint('src-renderer/ok.ts', "import { type X } from '../src-preload/api';\nexport type Y = X;\n")).toEqual([]);
    expect(await lint('src-renderer/ok.ts', "export { type X } from '../src-preload/api';\n")).toEqual([]);
    expect(await lint('src-renderer/bad.ts', "import { X } from '../src-preload/api';\nexport default X;\n")).toHaveLength(1);
  });

  it('refuses imports of the entry points', async () => {
    expect(await lint('src-main/core/bad.ts', "import { x } from '../host/server';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('src-main/host/bad.ts', "import { x } from '../electron/main';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('src-server/bad.ts', "import { x } from '../src-main/core/app';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('bench/bad.ts', "import { x } from '../src-main/electron/main';\nexport default x;\n")).toHaveLength(1);
  });

  it('allows what the table allows', async () => {
    expect(await lint('src-main/core/ok.ts', "import fs from 'node:fs';\nimport { methods } from '../../src-shared/api';\nexport { fs, methods };\n")).toEqual([]);
    expect(await lint('src-main/electron/ok.ts', "import { app } from 'electron';\nimport { createCore } from '../core/app';\nexport { app, createCore };\n")).toEqual([]);
    expect(await lint('src-main/host/ok.ts', "import { createCore } from '../core/app';\nexport { createCore };\n")).toEqual([]);
    expect(await lint('src-renderer/ok.ts', "import { kindInfo } from '../src-shared/catalog/kinds';\nexport { kindInfo };\n")).toEqual([]);
    expect(await lint('bench/ok.ts', "import { openStore } from '../src-main/core/store';\nexport { openStore };\n")).toEqual([]);
  });
});

describe("test files' imports", { timeout: 60_000 }, () => {
  it('keep the layers: a renderer or shared test may not import the core', async () => {
    const code = "import { openStore } from '../src-main/core/store';\nexport { openStore };\n";
    expect(await lint('src-renderer/bad.test.ts', code)).toEqual([expect.stringContaining('src-renderer may not import src-main/core')]);
    expect(await lint('src-shared/bad.test.ts', code)).toEqual([expect.stringContaining('src-shared may not import src-main/core')]);
    expect(await lint('src-main/core/ok.test.ts', "import { methods } from '../../src-shared/api';\nexport { methods };\n")).toEqual([]);
  });

  it('may use the provider stand-in and the benchmark text from outside the layers, nothing else', async () => {
    const fixture = "import { startProviderServer } from '../../../e2e/fixtures/provider-server';\nexport { startProviderServer };\n";
    const text = "import { TextGenerator } from '../../../bench/support/text';\nexport { TextGenerator };\n";
    expect(await lint('src-main/core/chat/ok.test.ts', fixture)).toEqual([]);
    expect(await lint('src-main/core/store/ok.test.ts', text)).toEqual([]);
    const host = "import { startHost } from '../../../e2e/support/host';\nexport { startHost };\n";
    expect(await lint('src-main/core/chat/bad.test.ts', host)).toEqual([expect.stringContaining('may import outside the app')]);
    const textual = "import { x } from '../../../bench/support/textual';\nexport { x };\n";
    expect(await lint('src-main/core/store/bad.test.ts', textual)).toHaveLength(1);
  });

  it('stay test code: the app may not import test support or the fixtures', async () => {
    expect(await lint('src-main/core/chat/bad.ts', "import { useTempStores } from '../store/test-support';\nexport { useTempStores };\n")).toEqual([
      expect.stringContaining('may not import test code'),
    ]);
    expect(await lint('src-main/core/vault/bad.ts', "import { createMemoryBackend } from './testing/memory-backend';\nexport { createMemoryBackend };\n")).toHaveLength(1);
    expect(await lint('src-main/core/chat/bad.ts', "import { startProviderServer } from '../../../e2e/fixtures/provider-server';\nexport { startProviderServer };\n")).toEqual([
      expect.stringContaining('may not import files outside the app'),
    ]);
    expect(await lint('src-main/core/chat/test-support.ts', "import { useTempStores } from '../store/test-support';\nexport { useTempStores };\n")).toEqual([]);
  });
});
