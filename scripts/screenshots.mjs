// Refreshes docs/screenshots: builds the app, then runs the accessibility
// end-to-end test (e2e/ui-screens.spec.ts), which visits every screen in both
// themes and, with SCREENSHOTS set, saves each one as a PNG.
//   node scripts/screenshots.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) run('npm', ['run', 'build']);
fs.rmSync(out, { recursive: true, force: true });
run('node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test', 'e2e/ui-screens.spec.ts'], { SCREENSHOTS: out });
const files = fs.readdirSync(out).filter((file) => file.endsWith('.png')).sort();
console.log(`Wrote ${files.length} screenshots to ${path.relative(root, out)}/`);
