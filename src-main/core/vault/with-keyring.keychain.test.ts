// scripts/with-keyring.mjs end to end: a nested private keyring of its own,
// thrown away afterwards, with the exit code passed through.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, requirePrivateKeyring } from './testing/keyring';

requirePrivateKeyring();

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'with-keyring.mjs');

describe.runIf(process.platform === 'linux')('with-keyring on Linux', () => {
  it('runs the command in a new unlocked keyring under a temp HOME it deletes, and passes its exit code on', async () => {
    const account = crypto.randomUUID();
    const outerService = process.env.REALMULTILLM_KEYCHAIN_SERVICE as string;
    const env: NodeJS.ProcessEnv = { ...process.env, OUTER_SERVICE: outerService };
    delete env.REALMULTILLM_PRIVATE_KEYRING;
    const inner = `
      const keytar = require('keytar');
      keytar.setPassword(process.env.OUTER_SERVICE, '${account}', 'inner-secret-value')
        .then(() => keytar.getPassword(process.env.OUTER_SERVICE, '${account}'))
        .then((value) => { console.log(JSON.stringify({ value, home: process.env.HOME, service: process.env.REALMULTILLM_KEYCHAIN_SERVICE,
          bus: process.env.DBUS_SESSION_BUS_ADDRESS, npmCache: process.env.npm_config_cache, password: process.env.REALMULTILLM_KEYRING_PASSWORD ?? null })); process.exit(7); });`;
    const run = spawnSync(process.execPath, [SCRIPT, process.execPath, '-e', inner], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(7);
    const seen = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, string | null>;
    expect(seen.value).toBe('inner-secret-value');
    expect(seen.home).not.toBe(process.env.HOME);
    expect(fs.existsSync(seen.home as string)).toBe(false);
    expect(seen.service).toMatch(/^RealMultiLLM-test-[0-9a-f]{12}$/);
    expect(seen.service).not.toBe(outerService);
    expect(seen.bus).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS);
    expect(seen.npmCache).toBe(process.env.npm_config_cache);
    expect(seen.password).toBeNull();
    // Same service and account, but written to the nested keyring: this run's keyring never saw it.
    expect(await keytar.getPassword(outerService, account)).toBeNull();
  });
});
