// Bundles everything that runs in Node or Electron's main process into dist/main.
// npm packages stay external (native modules must load from node_modules), except
// in the sandboxed preload, which may only require electron.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/main');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  // The host's entry starts the store before it imports the rest (src-main/host/entry.ts):
  // splitting puts the rest, with its packages, in a chunk loaded after that.
  { ...node, entryPoints: { host: 'src-main/host/entry.ts' }, outdir, splitting: true, chunkNames: 'host-[hash]' },
  // The store's worker threads (src-main/core/store/start-worker.ts names the same pairs).
  { ...node, entryPoints: { 'store-worker': 'src-main/core/store/worker/store-worker.ts' }, outdir },
  { ...node, entryPoints: { 'import-parser': 'src-main/core/store/import/parse-worker.ts' }, outdir },
  { ...node, entryPoints: { 'import-checkpointer': 'src-main/core/store/import/checkpoint-worker.ts' }, outdir },
  { ...node, entryPoints: { 'search-merger': 'src-main/core/store/search/index-merger-worker.ts' }, outdir },
  { ...node, entryPoints: { electron: 'src-main/electron/main.ts' }, outdir },
  {
    ...node,
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
    entryPoints: { preload: 'src-preload/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
  },
];

if (watch) {
  const { context } = await import('esbuild');
  for (const options of builds) await (await context(options)).watch();
  console.log('Watching src-main and src-preload for changes…');
} else {
  // Chunks of earlier builds (their names are hashes) would otherwise pile up.
  for (const name of fs.existsSync(outdir) ? fs.readdirSync(outdir) : []) {
    if (/^host-[A-Z0-9]+\.js(\.map)?$/.test(name)) fs.rmSync(path.join(outdir, name));
  }
  await Promise.all(builds.map((options) => build(options)));
}
