// Builds the renderer (src-renderer) into dist/renderer, which both hosts serve:
// Electron through its app:// protocol, the browser host over HTTP. Both apply a
// strict CSP (script-src 'self'), so the output must have no inline scripts and
// load nothing remote; `base: './'` keeps every asset path relative.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(repoRoot, 'src-renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      // The markdown parser runs in a worker (src-renderer/markdown/parse.worker.ts),
      // which has no document; this package's browser build needs one at load.
      'decode-named-character-reference': path.join(repoRoot, 'node_modules/decode-named-character-reference/index.js'),
    },
  },
  build: {
    outDir: path.join(repoRoot, 'dist/renderer'),
    emptyOutDir: true,
    // Inlined assets would become data: URLs; keep every asset a file under 'self'.
    assetsInlineLimit: 0,
    // The markdown, math and highlighting libraries are large; they load in chunks of their own.
    chunkSizeWarningLimit: 900,
  },
  // Without a vitest config of its own, vitest reads this file: keep its root at the
  // repository so `vitest run` still finds every package's tests, not only the renderer's.
  test: {
    root: repoRoot,
  },
});
