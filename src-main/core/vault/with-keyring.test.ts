// scripts/with-keyring.mjs without its tools: it must stop and name them, never
// run the tests against whatever keyring happens to be there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './testing/keyring';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'with-keyring.mjs');
let bin: string;

beforeEach(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-bin-'));
});
afterEach(() => fs.rmSync(bin, { recursive: true, force: true }));

function runScript(): { status: number | null; stderr: string; ran: boolean } {
  const marker = path.join(bin, 'ran');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin };
  delete env.REALMULTILLM_PRIVATE_KEYRING;
  const run = spawnSync(process.execPath, [SCRIPT, 'touch', marker], { env, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, ran: fs.existsSync(marker) };
}

describe.runIf(process.platform === 'linux')('with-keyring on Linux', () => {
  it('fails, naming both tools and their apt packages, when neither is installed', () => {
    const { status, stderr, ran } = runScript();
    expect(status).toBe(1);
    expect(stderr).toContain('dbus-run-session and gnome-keyring-daemon not found');
    expect(stderr).toContain('apt-get install dbus gnome-keyring');
    expect(ran).toBe(false);
  });

  it('fails, naming gnome-keyring, when only dbus-run-session is there', () => {
    fs.writeFileSync(path.join(bin, 'dbus-run-session'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const { status, stderr, ran } = runScript();
    expect(status).toBe(1);
    expect(stderr).toContain('gnome-keyring-daemon not found');
    expect(stderr).toContain('apt-get install gnome-keyring');
    expect(ran).toBe(false);
  });
});
