// Electron's runtime binary. Since Electron 42 the `electron` npm package has no
// install script: `npm install` brings its JavaScript and its TypeScript types
// only, and the binary is downloaded (from GitHub) the first time it is needed,
// by the package's own installer (`install.js`, also the `install-electron` bin).
// So `npm install` works on any network, and `npm start` gets the binary here.
//
// Run directly (`node scripts/electron-runtime.mjs`), it makes sure the runtime is
// there: it prints the binary's path and exits 0, or prints why not and exits 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The installed `electron` package's folder, or null when the package is not installed. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The runtime binary inside the package (path.txt names it under dist/), or null. Never downloads. */
export function findElectronBinary(packageDir = electronPackageDir()) {
  if (!packageDir) return null;
  try {
    const relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(packageDir, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The error line of an installer's output ("TypeError: fetch failed" gives "fetch failed"). */
export function downloadFailureReason(output) {
  const errorLine = output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\w*Error\b/.test(line));
  const reason = (errorLine ?? output.trim().split('\n').at(-1) ?? '').replace(/^\w*Error:\s*/, '').trim();
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason || 'no reason given';
}

/**
 * Finds the runtime, downloading it once with Electron's own installer when it is
 * missing. Returns { binary } or { reason } (a few words on why there is none).
 */
export function ensureElectronRuntime({ packageDir = electronPackageDir(), log = console.log } = {}) {
  if (!packageDir) return { reason: 'the electron package is not installed' };
  const found = findElectronBinary(packageDir);
  if (found) return { binary: found };
  const installer = path.join(packageDir, 'install.js');
  if (!fs.existsSync(installer)) return { reason: 'this electron package has no installer' };
  log('Downloading the Electron runtime (once, about 100 MB)…');
  // Its output is kept: on failure it is a stack trace, of which one line is shown.
  const run = spawnSync(process.execPath, [installer], { cwd: packageDir, encoding: 'utf8' });
  const binary = findElectronBinary(packageDir);
  if (run.status === 0 && binary) return { binary };
  if (run.error) return { reason: run.error.message };
  return { reason: `its download failed: ${downloadFailureReason(`${run.stderr ?? ''}\n${run.stdout ?? ''}`)}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runtime = ensureElectronRuntime({ log: (line) => console.error(line) });
  if (runtime.binary) {
    console.log(runtime.binary);
  } else {
    console.error(`The Electron runtime is not installed (${runtime.reason}).`);
    process.exit(1);
  }
}
