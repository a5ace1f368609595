// How npm start finds Electron's runtime, on package folders laid out like the
// real `electron` package: path.txt naming the binary under dist/, and install.js,
// the package's own downloader. Here install.js is a small script that fails the
// way the real one does without GitHub (a stack trace, exit 1), or succeeds the
// way it does with it (writes dist/ and path.txt).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFailureReason, ensureElectronRuntime, findElectronBinary } from './electron-runtime.mjs';

const OFFLINE_INSTALLER = `console.error(\`TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)\`);
process.exit(1);
`;

const WORKING_INSTALLER = `const fs = require('node:fs');
const path = require('node:path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

let packageDir: string;
const silent = () => {};

beforeEach(() => {
  packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-electron-'));
  fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.6.1' }));
});
afterEach(() => fs.rmSync(packageDir, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds nothing when the electron package is not installed', () => {
    expect(findElectronBinary(null)).toBeNull();
  });

  it('finds nothing when the binary was never downloaded (no path.txt)', () => {
    expect(findElectronBinary(packageDir)).toBeNull();
  });

  it('finds nothing when path.txt names a binary that is not there', () => {
    fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(packageDir)).toBeNull();
  });

  it('finds the binary that path.txt names under dist/', () => {
    fs.mkdirSync(path.join(packageDir, 'dist'));
    fs.writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron\n');
    expect(findElectronBinary(packageDir)).toBe(path.join(packageDir, 'dist', 'electron'));
  });
});

describe('ensureElectronRuntime', () => {
  it('says the package is missing instead of trying a download', () => {
    expect(ensureElectronRuntime({ packageDir: null, log: silent })).toEqual({ reason: 'the electron package is not installed' });
  });

  it("gives one line of the installer's failure when the download fails", () => {
    fs.writeFileSync(path.join(packageDir, 'install.js'), OFFLINE_INSTALLER);
    const lines: string[] = [];
    const runtime = ensureElectronRuntime({ packageDir, log: (line: string) => lines.push(line) });
    expect(runtime).toEqual({ reason: 'its download failed: fetch failed' });
    expect(lines).toEqual(['Downloading the Electron runtime (once, about 100 MB)…']);
  });

  it('uses the binary the installer downloaded', () => {
    fs.writeFileSync(path.join(packageDir, 'install.js'), WORKING_INSTALLER);
    const runtime = ensureElectronRuntime({ packageDir, log: silent });
    expect(runtime).toEqual({ binary: path.join(packageDir, 'dist', 'electron') });
  });

  it('does not run the installer when the binary is already there', () => {
    fs.writeFileSync(path.join(packageDir, 'install.js'), OFFLINE_INSTALLER);
    fs.mkdirSync(path.join(packageDir, 'dist'));
    fs.writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
    const lines: string[] = [];
    expect(ensureElectronRuntime({ packageDir, log: (line: string) => lines.push(line) })).toEqual({
      binary: path.join(packageDir, 'dist', 'electron'),
    });
    expect(lines).toEqual([]);
  });
});

describe('downloadFailureReason', () => {
  it('takes the error line of a stack trace, without the error class', () => {
    expect(downloadFailureReason('\nError: getaddrinfo ENOTFOUND github.com\n    at GetAddrInfoReqWrap.onlookup\n')).toBe(
      'getaddrinfo ENOTFOUND github.com',
    );
  });

  it('falls back to the last line when no line names an error', () => {
    expect(downloadFailureReason('Downloading…\nconnection reset\n')).toBe('connection reset');
  });
});
