import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLintSandbox, type LintSandbox } from './test-support';

let sandbox: LintSandbox;
beforeAll(() => {
  sandbox = createLintSandbox();
});
afterAll(() => sandbox?.remove());

const lint = (file: string, code: string) => sandbox.messagesOf('layers/import-boundaries', file, code);
const importing = (spec: string) => `import * as m from '${spec}';\nexport default m;\n`;

// The first lint of each tsconfig project loads its libraries: seconds, not milliseconds.
describe('the npm packages each layer may import', { timeout: 60_000 }, () => {
  it('keeps secrets, sockets, SQLite, providers and Node out of the renderer', async () => {
    for (const spec of ['keytar', 'ws', 'ai', '@ai-sdk/openai', 'better-sqlite3', 'electron-updater', 'zod', 'node:fs', 'fs', 'path']) {
      expect(await lint('src-renderer/bad.ts', importing(spec)), spec).toEqual([expect.stringContaining('src-renderer may not import')]);
    }
  });

  it('lets the renderer import its UI packages', async () => {
    for (const spec of ['react', 'react-dom/client', 'zustand/vanilla', 'react-i18next', '@tanstack/react-virtual', 'lowlight']) {
      expect(await lint('src-renderer/ok.ts', importing(spec)), spec).toEqual([]);
    }
    expect(await lint('src-renderer/ok.ts', "import 'katex/dist/katex.min.css';\n")).toEqual([]);
  });

  it('lets src-shared import zod and nothing else', async () => {
    expect(await lint('src-shared/ok.ts', importing('zod'))).toEqual([]);
    expect(await lint('src-shared/bad.ts', importing('react'))).toEqual([expect.stringContaining('src-shared may not import react')]);
  });

  it('lets the core import any installed runtime dependency but electron', async () => {
    for (const spec of ['better-sqlite3', 'keytar', 'ai', '@ai-sdk/anthropic', 'zod']) {
      expect(await lint('src-main/core/ok.ts', importing(spec)), spec).toEqual([]);
    }
    expect(await lint('src-main/core/bad.ts', importing('electron'))).toEqual([expect.stringContaining('may not import electron')]);
  });

  it('fails a package of the core, host or server that is only a devDependency: it would be missing at run time', async () => {
    expect(await lint('src-main/core/bad.ts', importing('esbuild'))).toEqual([expect.stringContaining('move it to dependencies')]);
    expect(await lint('src-main/core/ok.ts', "import type { BuildOptions } from 'esbuild';\nexport type B = BuildOptions;\n")).toEqual([]);
  });

  it('keeps the main-process layers to their own packages', async () => {
    expect(await lint('src-main/electron/ok.ts', importing('electron-updater'))).toEqual([]);
    expect(await lint('src-main/electron/bad.ts', importing('keytar'))).toEqual([expect.stringContaining('src-main/electron may not import keytar')]);
    expect(await lint('src-main/host/ok.ts', importing('ws'))).toEqual([]);
    expect(await lint('src-main/host/bad.ts', importing('react'))).toEqual([expect.stringContaining('src-main/host may not import react')]);
  });

  it('lets the team server use server packages, never electron or react', async () => {
    for (const spec of ['express', 'kysely', 'pg', 'zod']) expect(await lint('src-server/ok.ts', importing(spec)), spec).toEqual([]);
    expect(await lint('src-server/bad.ts', importing('electron'))).toEqual([expect.stringContaining('may not import electron')]);
    expect(await lint('src-server/bad.ts', importing('react'))).toEqual([expect.stringContaining('src-server may not import react')]);
  });

  it('fails a package that is not in package.json, in any folder', async () => {
    expect(await lint('src-main/core/bad.ts', importing('left-pad'))).toEqual([expect.stringContaining('left-pad is not in package.json')]);
    expect(await lint('scripts/bad.mjs', importing('left-pad'))).toEqual([expect.stringContaining('add it to package.json')]);
    expect(await lint('scripts/ok.mjs', importing('esbuild'))).toEqual([]);
  });
});

describe("the preload's electron APIs", { timeout: 60_000 }, () => {
  it('allows the renderer-side APIs, by name', async () => {
    const code = "import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';\nexport { contextBridge, ipcRenderer, webUtils };\nexport type E = IpcRendererEvent;\n";
    expect(await lint('src-preload/ok.ts', code)).toEqual([]);
    expect(await lint('src-preload/ok.ts', "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n")).toEqual([]);
  });

  it('fails main-only APIs', async () => {
    for (const api of ['app', 'BrowserWindow', 'ipcMain', 'safeStorage', 'dialog', 'shell', 'protocol', 'session']) {
      const code = `import { ipcRenderer, ${api} } from 'electron';\nexport { ipcRenderer, ${api} };\n`;
      expect(await lint('src-preload/bad.ts', code), api).toEqual([expect.stringContaining(`src-preload may not import ${api} from electron`)]);
    }
    expect(await lint('src-preload/bad.ts', "export { shell } from 'electron';\n")).toHaveLength(1);
    expect(await lint('src-preload/bad.ts', "const { ipcRenderer, shell } = require('electron');\nexport { ipcRenderer, shell };\n")).toHaveLength(1);
  });

  it('fails taking the whole module, where lint cannot see which APIs are used', async () => {
    expect(await lint('src-preload/bad.ts', "import electron from 'electron';\nexport default electron;\n")).toEqual([expect.stringContaining('by name')]);
    expect(await lint('src-preload/bad.ts', "import * as electron from 'electron';\nexport default electron;\n")).toHaveLength(1);
    expect(await lint('src-preload/bad.ts', "const electron = require('electron');\nexport default electron;\n")).toHaveLength(1);
    expect(await lint('src-preload/ok.ts', "const { ipcRenderer } = require('electron');\nexport { ipcRenderer };\n")).toEqual([]);
  });

  it('fails any other package or Node built-in in the preload', async () => {
    expect(await lint('src-preload/bad.ts', importing('zod'))).toEqual([expect.stringContaining('src-preload may not import zod')]);
    expect(await lint('src-preload/bad.ts', importing('node:fs'))).toEqual([expect.stringContaining('may not import Node built-ins')]);
  });
});

describe("test files' packages", { timeout: 60_000 }, () => {
  it('may add Node built-ins and test tools to their layer', async () => {
    const code = "import fs from 'node:fs';\nimport fc from 'fast-check';\nimport { it } from 'vitest';\nexport { fs, fc, it };\n";
    expect(await lint('src-renderer/ok.test.ts', code)).toEqual([]);
    expect(await lint('src-shared/ok.test.ts', code)).toEqual([]);
    expect(await lint('src-main/core/store/test-support.ts', code)).toEqual([]);
  });

  it("may not import what their layer may not", async () => {
    expect(await lint('src-renderer/bad.test.ts', importing('better-sqlite3'))).toEqual([expect.stringContaining('src-renderer may not import better-sqlite3')]);
    expect(await lint('src-shared/bad.test.ts', importing('keytar'))).toEqual([expect.stringContaining('src-shared may not import keytar')]);
  });

  it('keep the test tools out of the app', async () => {
    expect(await lint('src-main/core/bad.ts', importing('vitest'))).toEqual([expect.stringContaining('test tools stay in test code')]);
    expect(await lint('src-renderer/bad.ts', importing('fast-check'))).toHaveLength(1);
  });
});
