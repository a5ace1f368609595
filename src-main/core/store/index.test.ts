// The browser host imports the store's entry before anything else, to start the
// store's thread while the rest of the app loads (src-main/host/entry.ts). What
// the entry loads delays that thread: zod alone takes 140-190 ms here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The packages a module loads when it runs: its imports other than `import type` / `export type`, followed through relative files. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const statements = /^(?:import(?!\s+type\b)(?:[^;'"]*?\bfrom)?|export(?!\s+type\b)\s*(?:\*|\{[^}]*\})\s*from)\s*['"]([^'"]+)['"]/gm;
    for (const match of text.matchAll(statements)) {
      const spec = match[1]!;
      if (!spec.startsWith('.')) {
        if (!spec.startsWith('node:')) packages.set(spec, relative(process.cwd(), file));
        continue;
      }
      const base = resolve(dirname(file), spec);
      const found = [`${base}.ts`, join(base, 'index.ts'), base].find((path) => existsSync(path) && path.endsWith('.ts'));
      if (found) visit(found);
    }
  };
  visit(entry);
  return packages;
}

describe("the store's entry", () => {
  it('loads no npm package, zod least of all, so the host starts the store at once', () => {
    const loaded = packagesLoadedBy(new URL('./index.ts', import.meta.url).pathname);
    expect(Object.fromEntries(loaded)).toEqual({});
  });

  it('would be caught loading one', () => {
    const loaded = packagesLoadedBy(new URL('../backup-schedule.ts', import.meta.url).pathname);
    expect(loaded.get('zod')).toBe('src-shared/entities/backup.ts');
  });
});
