// `npm start`: the desktop app when Electron's runtime is installed or can be
// downloaded now (see electron-runtime.mjs), otherwise the same app in the default
// browser through the browser host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronRuntime } from './electron-runtime.mjs';
import { ensureNativeModules } from './native-modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function launch(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const runtime = ensureElectronRuntime();
if (runtime.binary) {
  ensureNativeModules('electron');
  launch(runtime.binary, [root, ...args]);
} else {
  console.log(`The Electron runtime is not installed (${runtime.reason}), so RealMultiLLM is starting in your browser instead.`);
  ensureNativeModules('node');
  launch(process.execPath, [path.join(root, 'dist/main/host.js'), ...args]);
}
