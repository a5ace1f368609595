// The core's folders as a graph: which folder imports which. The store is one
// module with a public entry (docs/ARCHITECTURE.md): nothing outside it reaches
// into its files, and no core folder imports one that imports it back.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const core = join(root, 'src-main', 'core');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'release', '.tmp']);
const SPEC = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(?\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each relative import of `file`, resolved to a path without its extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPEC)]
    .map((match) => match[1] ?? match[2]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec).replace(/\.(ts|tsx|js)$/, ''));
}

const posix = (path: string) => path.split(sep).join('/');

/** The core folder a path is in (`store`, `chat`...), its file name for the core's top-level files, or null outside the core. */
function coreFolder(path: string): string | null {
  const rel = posix(relative(core, path));
  if (rel.startsWith('..')) return null;
  return rel.split('/')[0]!;
}

/** Folder → the other core folders its files import. */
function coreFolderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(core)) {
    const from = coreFolder(file)!;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importsOf(file)) {
      const to = coreFolder(target);
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every circle in the graph, each as the folders along it (the first repeated at the end). */
function circles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (path: string[]) => {
    for (const next of graph.get(path.at(-1)!) ?? []) {
      if (next === path[0]) found.push([...path, next]);
      // Each circle once: from its alphabetically first folder.
      else if (!path.includes(next) && next > path[0]!) visit([...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) visit([start]);
  return found;
}

const STORE = join(core, 'store');
const STORE_ENTRIES = new Set([join(STORE, 'index'), STORE, join(STORE, 'testing', 'index'), join(STORE, 'testing')]);

describe('the core’s folders', () => {
  it('import each other without a circle', () => {
    const graph = coreFolderGraph();
    expect(graph.get('store')).toBeDefined();
    expect(circles(graph).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['chat', new Set(['store', 'vault'])],
      ['store', new Set(['backup'])],
      ['backup', new Set(['store'])],
      ['vault', new Set<string>()],
    ]);
    expect(circles(graph)).toEqual([['backup', 'store', 'backup']]);
  });

  it('reach the store only through its entries (core/store/index.ts, and core/store/testing for tests and benchmarks)', () => {
    const reachingIn: string[] = [];
    for (const file of sourceFiles(root)) {
      if (file.startsWith(STORE + sep)) continue;
      for (const target of importsOf(file)) {
        if ((target === STORE || target.startsWith(STORE + sep)) && !STORE_ENTRIES.has(target)) {
          reachingIn.push(`${posix(relative(root, file))} imports ${posix(relative(root, target))}`);
        }
      }
    }
    expect(reachingIn).toEqual([]);
  });
});
