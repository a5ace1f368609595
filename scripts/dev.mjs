// `npm run dev`: rebuilds the renderer and the main bundles on change and restarts
// the browser host on a fixed port (reload the page to see renderer changes).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '5199';
const children = [
  spawn('npx', ['vite', 'build', '--config', 'vite.config.ts', '--watch'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['scripts/build-main.mjs', '--watch'], { cwd: root, stdio: 'inherit' }),
];
// Give the first builds a moment, then run the host under node --watch.
setTimeout(() => {
  children.push(
    spawn(process.execPath, ['--watch', 'dist/main/host.js', '--port', port, ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
}, 4000);
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
