// The electron package as the desktop shell needs it: pinned to one version, with
// no install script (so `npm install` never downloads anything from GitHub and
// cannot fail on a network without it), and installed with that version's own
// TypeScript declarations, which `tsc -p tsconfig.electron.json` checks the shell
// against. electron-builder and @electron/rebuild read the same installed version.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const manifest = readJson(path.join(root, 'package.json'));
const pinned: string = manifest.devDependencies.electron;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

describe('the electron package', () => {
  it('is pinned to one exact version', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is locked at that version, without an install script', () => {
    const locked = readJson(path.join(root, 'package-lock.json')).packages['node_modules/electron'];
    expect(locked.version).toBe(pinned);
    expect(locked.hasInstallScript).toBeUndefined();
  });

  it('is installed at that version, with no install script and with its own type declarations', () => {
    const packageJson = createRequire(path.join(root, 'package.json')).resolve('electron/package.json');
    const installed = readJson(packageJson);
    expect(installed.version, 'node_modules does not match package-lock.json: run npm ci').toBe(pinned);
    expect(Object.keys(installed.scripts ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
    const declarations = path.join(path.dirname(packageJson), installed.types);
    expect(fs.readFileSync(declarations, 'utf8').split('\n', 1)[0]).toBe(`// Type definitions for Electron ${pinned}`);
  });
});
