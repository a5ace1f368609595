// Against a real Secret Service: run with `npm run test:keychain`, which puts a
// private gnome-keyring under dbus-run-session (scripts/with-keyring.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainVault, KEYCHAIN_MARKER_ACCOUNT } from './keychain-vault';
import { openKeyVault } from './open-vault';
import {
  isolatedEnv,
  requirePrivateKeyring,
  requireTool,
  runInOwnSession,
  runVaultChild,
  shellQuote,
  type ChildCall,
  type ChildOutcome,
  type ChildRun,
} from './testing/keyring';
import { createMemoryVaultStore } from './testing/memory-vault-store';

// Fails the whole file, rather than skipping it, anywhere but a throwaway keyring.
requirePrivateKeyring();

const service = process.env.REALMULTILLM_KEYCHAIN_SERVICE as string;
const onLinux = process.platform === 'linux';

function fakeKey(label: string): string {
  return `sk-test-${label}-${crypto.randomBytes(12).toString('hex')}`;
}

function expectErrors(outcomes: ChildOutcome[] | undefined, code: string, key: string, run: ChildRun): void {
  expect(outcomes, run.output).toBeDefined();
  for (const outcome of outcomes ?? []) {
    expect(outcome.ok, run.output).toBe(false);
    if (outcome.ok) continue;
    expect(outcome.code, outcome.message).toBe(code);
    expect(outcome.message).not.toContain(key);
  }
}

afterAll(async () => {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
});

describe('keychain vault on a real keychain', () => {
  const vault = createKeychainVault();
  const first = crypto.randomUUID();
  const second = crypto.randomUUID();

  it('files keys under the throwaway service the test run was given', () => {
    expect(vault.backend).toBe('keychain');
    expect(vault.service).toBe(service);
  });

  it('answers its probe when the keychain is unlocked', async () => {
    await expect(vault.probe()).resolves.toBeUndefined();
  });

  it('reports no key, and no hint, for a provider that has none', async () => {
    expect(await vault.status(first)).toEqual({ provider: first, hasKey: false, hint: null });
    expect(await vault.get(first)).toBeNull();
  });

  it('stores keys of two providers, each under its provider id, and reads them back', async () => {
    const firstKey = fakeKey('first');
    const secondKey = fakeKey('second');
    expect(await vault.set(first, firstKey)).toEqual({ provider: first, hasKey: true, hint: firstKey.slice(-4) });
    await vault.set(second, secondKey);

    expect(await vault.get(first)).toBe(firstKey);
    expect(await vault.get(second)).toBe(secondKey);
    expect(await keytar.getPassword(service, first)).toBe(firstKey);
    expect(await vault.status(second)).toEqual({ provider: second, hasKey: true, hint: secondKey.slice(-4) });
    expect(await vault.list()).toEqual(
      [
        { provider: first, hasKey: true, hint: firstKey.slice(-4) },
        { provider: second, hasKey: true, hint: secondKey.slice(-4) },
      ].sort((a, b) => a.provider.localeCompare(b.provider)),
    );
  });

  it('replaces a key and shows the new hint', async () => {
    const replacement = `${fakeKey('replacement')}WXYZ`;
    expect(await vault.set(first, `  ${replacement}\n`)).toEqual({ provider: first, hasKey: true, hint: 'WXYZ' });
    expect(await vault.get(first)).toBe(replacement);
    expect((await vault.list()).filter((status) => status.provider === first)).toEqual([{ provider: first, hasKey: true, hint: 'WXYZ' }]);
  });

  it('refuses an empty key and keeps the one stored', async () => {
    const before = await vault.get(second);
    await expect(vault.set(second, '   ')).rejects.toMatchObject({ code: 'vault.empty_key' });
    expect(await vault.get(second)).toBe(before);
  });

  it("deletes one provider's key and leaves the other's", async () => {
    expect(await vault.delete(first)).toEqual({ provider: first, hasKey: false, hint: null });
    expect(await vault.get(first)).toBeNull();
    expect(await vault.status(first)).toEqual({ provider: first, hasKey: false, hint: null });
    expect((await vault.list()).map((status) => status.provider)).toEqual([second]);
    expect(await vault.delete(first)).toEqual({ provider: first, hasKey: false, hint: null });
  });

  it('keeps its locked-or-empty marker out of the list and out of reach as a provider id', async () => {
    expect(await keytar.getPassword(service, KEYCHAIN_MARKER_ACCOUNT)).not.toBeNull();
    expect((await vault.list()).some((status) => status.provider === KEYCHAIN_MARKER_ACCOUNT)).toBe(false);
    await expect(vault.get(KEYCHAIN_MARKER_ACCOUNT)).rejects.toMatchObject({ code: 'vault.bad_provider' });
  });

  it('is what openKeyVault picks when the keychain answers', async () => {
    const opened = await openKeyVault({ store: createMemoryVaultStore(), passphraseFile: { file: path.join(os.tmpdir(), 'never-used.keys') } });
    expect(opened.vault.backend).toBe('keychain');
    expect(opened.choice.reason).toEqual({ code: 'keychain-answered', unusable: null, said: null });
  });
});

describe.runIf(onLinux)('keychain vault when no Secret Service can be reached', () => {
  const provider = crypto.randomUUID();
  const key = fakeKey('unreachable');
  const calls: ChildCall[] = [
    { op: 'probe' },
    { op: 'set', args: [provider, key] },
    { op: 'status', args: [provider] },
    { op: 'get', args: [provider] },
    { op: 'list' },
    { op: 'delete', args: [provider] },
  ];
  let emptyRuntime: string;

  beforeAll(() => {
    emptyRuntime = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-no-bus-'));
  });
  afterAll(() => fs.rmSync(emptyRuntime, { recursive: true, force: true }));

  it('says vault.unavailable, in words and without the key, when the D-Bus socket does not exist', () => {
    const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(emptyRuntime, 'no-such-bus')}`, XDG_RUNTIME_DIR: emptyRuntime });
    const run = runVaultChild(calls, env);
    expect(run.status, run.output).toBe(0);
    expectErrors(run.results[0], 'vault.unavailable', key, run);
    const first = run.results[0]?.[0];
    expect(first && !first.ok && first.message).toMatch(/cannot reach the system keychain.*passphrase-protected key file/);
    expect(run.output).not.toContain(key);
  });

  it('says vault.unavailable when there is no session bus and no display to start one', () => {
    const run = runVaultChild(calls, isolatedEnv({ XDG_RUNTIME_DIR: emptyRuntime }));
    expect(run.status, run.output).toBe(0);
    expectErrors(run.results[0], 'vault.unavailable', key, run);
    const first = run.results[0]?.[0];
    expect(first && !first.ok && first.message).toContain('autolaunch D-Bus');
    expect(run.output).not.toContain(key);
  });

  it('says vault.unavailable when the bus has no Secret Service on it', () => {
    requireTool('dbus-run-session', 'dbus');
    const config = path.join(emptyRuntime, 'bus-without-services.conf');
    fs.writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${emptyRuntime}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );
    const run = runVaultChild(calls, isolatedEnv({ XDG_RUNTIME_DIR: emptyRuntime }), ['dbus-run-session', `--config-file=${config}`, '--']);
    expect(run.status, run.output).toBe(0);
    expectErrors(run.results[0], 'vault.unavailable', key, run);
    expect(run.output).not.toContain(key);
  });

  it('uses the key file only when one was offered and the keychain was not the last backend, and otherwise says what to do', () => {
    const env = isolatedEnv({ XDG_RUNTIME_DIR: emptyRuntime });
    const file = path.join(emptyRuntime, 'keys.rmllm');
    const run = runVaultChild(
      [
        { op: 'openVault', args: [file] },
        { op: 'openVault', args: [] },
        { op: 'openVault', args: [file, 'keychain'] },
      ],
      env,
    );
    const [fallback, noFile, keychainLastTime] = run.results[0] ?? [];
    expect(fallback, run.output).toMatchObject({ ok: true, value: { backend: 'passphrase-file', state: 'locked' } });
    expect(fallback?.ok && fallback.value).toMatchObject({ reason: { code: 'keychain-unreachable', unusable: null, said: expect.stringMatching(/./) } });
    // No silent fallback: the app starts on the keychain and the status line says what is wrong and what to do.
    expect(noFile).toMatchObject({ ok: true, value: { backend: 'keychain', state: 'unavailable', problem: { code: 'vault.unavailable', message: expect.stringMatching(/cannot reach the system keychain.*passphrase-protected key file/s) } } });
    expect(keychainLastTime).toMatchObject({ ok: true, value: { backend: 'keychain', state: 'unavailable', reason: { code: 'saved-last-time' } } });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe.runIf(onLinux)('keychain vault with a locked keyring (its own D-Bus session)', () => {
  beforeAll(() => {
    requireTool('dbus-run-session', 'dbus');
    requireTool('gnome-keyring-daemon', 'gnome-keyring');
  });

  const json = (calls: ChildCall[]) => shellQuote(JSON.stringify(calls));

  it('says vault.locked for every call while the login keyring is locked, and keeps the keys for after', () => {
    const provider = crypto.randomUUID();
    const other = crypto.randomUUID();
    const key = fakeKey('locked');
    const run = runInOwnSession(`
printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
VAULT_CHILD ${json([{ op: 'set', args: [provider, key] }])}
# A new daemon loads the login keyring from disk, locked: what a login without unlock leaves.
gnome-keyring-daemon --replace --components=secrets >/dev/null 2>&1
VAULT_CHILD ${json([
      { op: 'probe' },
      { op: 'status', args: [provider] },
      { op: 'get', args: [provider] },
      { op: 'list' },
      { op: 'set', args: [other, key] },
      { op: 'delete', args: [provider] },
    ])}
VAULT_CHILD ${json([{ op: 'openVault', args: ['/nonexistent/keys.rmllm'] }])}
printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1
VAULT_CHILD ${json([{ op: 'get', args: [provider] }, { op: 'status', args: [other] }])}
`);
    expect(run.status, run.output).toBe(0);
    expect(run.results[0], run.output).toEqual([{ ok: true, value: { provider, hasKey: true, hint: key.slice(-4) } }]);
    expectErrors(run.results[1], 'vault.locked', key, run);
    const first = run.results[1]?.[0];
    expect(first && !first.ok && first.message).toMatch(/locked.*Unlock it.*not lost/s);
    // A locked keychain is never a reason to switch: the vault stays on it and asks to unlock it.
    expect(run.results[2], run.output).toEqual([
      { ok: true, value: { backend: 'keychain', state: 'locked', reason: { code: 'keychain-locked', unusable: null, said: null }, problem: expect.objectContaining({ code: 'vault.locked', message: expect.stringMatching(/Unlock it/) }) } },
    ]);
    expect(run.results[3], run.output).toEqual([
      { ok: true, value: key },
      { ok: true, value: { provider: other, hasKey: false, hint: null } },
    ]);
  });

  it('says vault.locked when the keyring has no default collection yet', () => {
    const provider = crypto.randomUUID();
    const key = fakeKey('no-collection');
    const run = runInOwnSession(`
gnome-keyring-daemon --start --components=secrets >/dev/null
VAULT_CHILD ${json([{ op: 'probe' }, { op: 'status', args: [provider] }, { op: 'set', args: [provider, key] }, { op: 'list' }])}
`);
    expect(run.status, run.output).toBe(0);
    expectErrors(run.results[0], 'vault.locked', key, run);
    const first = run.results[0]?.[0];
    expect(first && !first.ok && first.message).toContain('collection/login');
  });
});
