import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/import-boundaries').map((m) => m.message);
}

describe('the import table of ARCHITECTURE.md', () => {
  it('fails a file in src-main/core that imports electron', async () => {
    const messages = await lint('src-main/core/bad.ts', "import { app } from 'electron';\nexport const name = app.name;\n");
    expect(messages).toEqual([expect.stringContaining('src-main/core may not import electron')]);
  });

  it('fails a require of electron in the core too', async () => {
    const messages = await lint('src-main/core/bad.ts', "const e = require('electron');\nexport default e;\n");
    expect(messages).toHaveLength(1);
  });

  it('fails src-shared importing a Node built-in or another layer', async () => {
    expect(await lint('src-shared/bad.ts', "import fs from 'node:fs';\nexport default fs;\n")).toHaveLength(1);
    expect(await lint('src-shared/bad.ts', "import { x } from '../src-main/core/app';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('src-shared/bad.ts', "import React from 'react';\nexport default React;\n")).toHaveLength(1);
  });

  it('fails the renderer importing the core, Node or electron', async () => {
    expect(await lint('src-renderer/bad.ts', "import { createCore } from '../src-main/core/app';\nexport default createCore;\n")).toHaveLength(1);
    expect(await lint('src-renderer/bad.ts', "import path from 'path';\nexport default path;\n")).toHaveLength(1);
    expect(await lint('src-renderer/bad.ts', "import { ipcRenderer } from 'electron';\nexport default ipcRenderer;\n")).toHaveLength(1);
  });

  it('lets the renderer import only types from the preload', async () => {
    expect(await lint('src-renderer/ok.ts', "import type { X } from '../src-preload/api';\nexport type Y = X;\n")).toEqual([]);
    expect(await lint('src-renderer/bad.ts', "import { X } from '../src-preload/api';\nexport default X;\n")).toHaveLength(1);
  });

  it('refuses imports of the entry points', async () => {
    expect(await lint('src-main/core/bad.ts', "import { x } from '../host/server';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('src-main/host/bad.ts', "import { x } from '../electron/main';\nexport default x;\n")).toHaveLength(1);
    expect(await lint('src-server/bad.ts', "import { x } from '../src-main/core/app';\nexport default x;\n")).toHaveLength(1);
  });

  it('allows what the table allows', async () => {
    expect(await lint('src-main/core/ok.ts', "import fs from 'node:fs';\nimport { methods } from '../../src-shared/api';\nexport { fs, methods };\n")).toEqual([]);
    expect(await lint('src-main/electron/ok.ts', "import { app } from 'electron';\nimport { createCore } from '../core/app';\nexport { app, createCore };\n")).toEqual([]);
    expect(await lint('src-main/host/ok.ts', "import { createCore } from '../core/app';\nexport { createCore };\n")).toEqual([]);
    expect(await lint('src-shared/ok.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });
});
