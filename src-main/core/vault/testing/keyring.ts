// Helpers for the keychain tests: refuse to run outside a private keyring, find
// the tools, and run vault calls in child processes with their own environment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../../../..');
const CHILD = path.join(here, 'keychain-child.ts');

export interface ChildCall {
  op: 'probe' | 'status' | 'get' | 'list' | 'set' | 'delete' | 'openVault';
  args?: string[];
}
export type ChildOutcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };
export const RESULTS_PREFIX = 'RESULTS ';

/** Throws (so the test file fails, never skips) unless scripts/with-keyring.mjs set up a throwaway keyring. */
export function requirePrivateKeyring(env: NodeJS.ProcessEnv = process.env): void {
  const how =
    'Run them with `npm run test:keychain`: scripts/with-keyring.mjs starts a private gnome-keyring-daemon under dbus-run-session ' +
    '(apt packages gnome-keyring and dbus) on Linux, and a throwaway keychain service elsewhere.';
  if (process.platform === 'linux') {
    if (env.REALMULTILLM_PRIVATE_KEYRING !== '1' || !env.DBUS_SESSION_BUS_ADDRESS) {
      throw new Error(`The keychain tests refuse to touch your own keyring and found no private one. ${how}`);
    }
  }
  if (!env.REALMULTILLM_KEYCHAIN_SERVICE?.startsWith('RealMultiLLM-test-')) {
    throw new Error(`REALMULTILLM_KEYCHAIN_SERVICE is not a throwaway RealMultiLLM-test-* service. ${how}`);
  }
}

export function requireTool(tool: string, aptPackage: string): void {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const found = dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${tool} is not on PATH; install it with: sudo apt-get install ${aptPackage}`);
}

/** Quotes one word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ChildRun {
  /** One list per child run of keychain-child.ts, in order. */
  results: ChildOutcome[][];
  output: string;
  status: number | null;
}

function parseRuns(stdout: string): ChildOutcome[][] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(RESULTS_PREFIX))
    .map((line) => JSON.parse(line.slice(RESULTS_PREFIX.length)) as ChildOutcome[]);
}

/** An environment with none of this session's bus, keyring or display. */
export function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'DISPLAY', 'WAYLAND_DISPLAY']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Runs the vault calls in one child node process, optionally under a wrapper command (e.g. dbus-run-session). */
export function runVaultChild(calls: ChildCall[], env: NodeJS.ProcessEnv, wrapper: string[] = []): ChildRun {
  const child = [process.execPath, '--import', 'tsx', CHILD, JSON.stringify(calls)];
  const [file, ...args] = [...wrapper, ...child] as [string, ...string[]];
  const run = spawnSync(file, args, {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { results: parseRuns(run.stdout), output: `${run.stdout}\n${run.stderr}`, status: run.status };
}

/**
 * Runs `script` (sh) in a new D-Bus session with its own HOME, so it can start,
 * lock and restart a gnome-keyring-daemon without touching the test's keyring.
 * The script runs vault calls with: VAULT_CHILD '<json list of calls>'.
 */
export function runInOwnSession(script: string): ChildRun {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-keyring-child-'));
  const runtime = path.join(home, 'run');
  fs.mkdirSync(runtime, { mode: 0o700 });
  try {
    const env = isolatedEnv({
      HOME: home,
      XDG_RUNTIME_DIR: runtime,
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      KEYRING_PASSWORD: 'child-keyring-password',
    });
    const prelude = `VAULT_CHILD() { ${shellQuote(process.execPath)} --import tsx ${shellQuote(CHILD)} "$@"; }\nset -e\n`;
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', prelude + script], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { results: parseRuns(run.stdout), output: `${run.stdout}\n${run.stderr}`, status: run.status };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
