#!/usr/bin/env node
// Runs a command (its arguments) against a private, throwaway keyring, so tests
// never see or touch the keys of the person running them.
//
// Linux: a fresh D-Bus session (dbus-run-session) with its own gnome-keyring-daemon,
// unlocked with a random password, under a temporary HOME and XDG runtime folder
// that are deleted afterwards. macOS / Windows: the real keychain, but under a
// throwaway service name RealMultiLLM-test-<random>; the tests delete what they make.
//
// Usage: node scripts/with-keyring.mjs <command> [args...]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const command = process.argv.slice(2);

if (command.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}

function onPath(tool) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function fail(message) {
  console.error(`with-keyring: ${message}`);
  process.exit(1);
}

/** HOME moves for the run; keep npm's cache and settings (and so npx) where they were. */
function npmEnv() {
  const home = os.homedir();
  return {
    npm_config_cache: process.env.npm_config_cache ?? path.join(home, '.npm'),
    npm_config_userconfig: process.env.npm_config_userconfig ?? path.join(home, '.npmrc'),
  };
}

/**
 * Spawns and waits. `group`: the child leads its own process group, and signals
 * we receive go to the whole group, so nothing (dbus-daemon, gnome-keyring-daemon,
 * test workers) outlives us.
 */
function run(file, args, env, { group }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env,
      stdio: 'inherit',
      detached: group,
      // .cmd shims (npx, vitest) need a shell on Windows.
      shell: process.platform === 'win32',
    });
    const forward = (signal) => {
      try {
        if (group) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    for (const signal of SIGNALS) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`with-keyring: could not start ${file}: ${error.message}`);
      resolve({ code: 127, signal: null });
    });
    child.on('exit', async (code, signal) => {
      if (group) await drainGroup(child.pid);
      for (const name of SIGNALS) process.off(name, forward);
      resolve({ code, signal });
    });
  });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Gives what is left of the group (the bus, the keyring daemon) 5 s to end, then kills it. */
async function drainGroup(pgid) {
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // ended meanwhile
    }
  }
}

function exitLike({ code, signal }) {
  if (signal) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

async function linux() {
  const missing = [
    ['dbus-run-session', 'dbus'],
    ['gnome-keyring-daemon', 'gnome-keyring'],
  ].filter(([tool]) => !onPath(tool));
  if (missing.length > 0) {
    const tools = missing.map(([tool]) => tool).join(' and ');
    const packages = missing.map(([, pkg]) => pkg).join(' ');
    fail(`${tools} not found on PATH; the keychain tests need a private Secret Service. Install it: sudo apt-get install ${packages}`);
  }

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm-keyring-'));
  const runtime = path.join(home, 'run');
  fs.mkdirSync(runtime, { mode: 0o700 });
  const env = {
    ...process.env,
    ...npmEnv(),
    HOME: home,
    // Everything gnome-keyring could share with the user's own daemon moves into the temp HOME.
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    REALMULTILLM_PRIVATE_KEYRING: '1',
    REALMULTILLM_KEYCHAIN_SERVICE: `RealMultiLLM-test-${crypto.randomBytes(6).toString('hex')}`,
    REALMULTILLM_KEYRING_PASSWORD: crypto.randomBytes(16).toString('hex'),
  };
  // Never reach the user's session: no inherited bus or keyring control socket, and
  // no display, so an unlock prompt cannot pop up on their screen.
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[name];

  const script =
    'printf %s "$REALMULTILLM_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ' +
    '|| { echo "with-keyring: gnome-keyring-daemon did not start" >&2; exit 1; }; ' +
    'unset REALMULTILLM_KEYRING_PASSWORD; exec "$@"';
  let result;
  try {
    result = await run('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], env, { group: true });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  exitLike(result);
}

async function otherPlatforms() {
  const env = {
    ...process.env,
    REALMULTILLM_KEYCHAIN_SERVICE: `RealMultiLLM-test-${crypto.randomBytes(6).toString('hex')}`,
  };
  const [file, ...args] = command;
  const quote = (arg) => (process.platform === 'win32' && /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg);
  exitLike(await run(file, args.map(quote), env, { group: false }));
}

if (process.platform === 'linux' && process.env.REALMULTILLM_PRIVATE_KEYRING === '1') {
  // Already inside a private keyring (a nested call): just run the command.
  const [file, ...args] = command;
  exitLike(await run(file, args, process.env, { group: false }));
} else if (process.platform === 'linux') {
  await linux();
} else {
  await otherPlatforms();
}
