// `npm run bench [-- NAME]`: runs every bench/*.bench.ts whose name starts with NAME.
// Each benchmark ends with one line per figure:
// BENCH name=store.search value=12.4 unit=ms target=<30 status=pass
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const prefix = process.argv[2] ?? '';
const files = fs
  .readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => {
    const base = file.slice(0, -'.bench.ts'.length);
    // A file's own name, or a figure it reports (ui.stream.bench.ts also prints ui.flat).
    const figures = [...fs.readFileSync(path.join(here, file), 'utf8').matchAll(/report\('([\w.]+)'/g)].map((m) => m[1]);
    return base.startsWith(prefix) || prefix.startsWith(`${base}.`) || figures.some((name) => name.startsWith(prefix));
  })
  .sort();
if (files.length === 0) {
  console.error(`No benchmark in bench/ starts with "${prefix}".`);
  process.exit(1);
}
// The UI benchmarks measure the built app (dist/): build it first, so a fresh
// clone can run them and a figure is never taken from yesterday's build.
const needsBuild = files.some((file) => /dist\/|ui-harness/.test(fs.readFileSync(path.join(here, file), 'utf8')));
if (needsBuild && !process.env.BENCH_NO_BUILD) {
  console.log('# building the app first (npm run build; BENCH_NO_BUILD=1 skips this)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: path.join(here, '..'), shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error('npm run build failed (its errors are above); the UI benchmarks need the built app.');
    process.exit(1);
  }
}
let failed = 0;
for (const file of files) {
  console.log(`# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FILTER: prefix },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
