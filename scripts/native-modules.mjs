// better-sqlite3 and keytar are native modules: built for plain Node by `npm install`
// (tests, the browser host) and rebuilt for Electron's ABI before Electron starts.
// A stamp file remembers which runtime the current build is for.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'node_modules', '.realmultillm-native-runtime');
const MODULES = ['better-sqlite3', 'keytar'];

function current() {
  try {
    return fs.readFileSync(stamp, 'utf8').trim();
  } catch {
    return 'node';
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed; see the output above.`);
  }
}

/** Makes sure the native modules are built for `target` ('node' or 'electron'). */
export function ensureNativeModules(target) {
  if (current() === target) return;
  if (target === 'electron') {
    console.log('Rebuilding better-sqlite3 and keytar for Electron (once)…');
    run('npx', ['electron-rebuild', '--force', '--only', MODULES.join(',')]);
  } else {
    console.log('Rebuilding better-sqlite3 and keytar for Node (they were built for Electron)…');
    run('npm', ['rebuild', ...MODULES]);
  }
  fs.writeFileSync(stamp, `${target}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNativeModules(process.argv[2] === 'electron' ? 'electron' : 'node');
}
