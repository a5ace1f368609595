// The design lives in docs/ (ARCHITECTURE.md, SYNC.md, perf/). Every pointer to it
// from code, comments and READMEs must resolve inside the repository: a pointer to
// the first brief outside the repo, or to a file that moved, is a broken promise.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((file) => /\.(ts|tsx|js|mjs|cjs|md|css|yml|json)$/.test(file))
    .filter((file) => !file.endsWith('package-lock.json') && fs.existsSync(path.join(root, file)));
}

/** `docs/…md` mentions, and relative Markdown links, with the file each was found in. */
export function designPointers(file: string, text: string): { from: string; target: string }[] {
  const found: { from: string; target: string }[] = [];
  for (const match of text.matchAll(/(?<![\w/.-])docs\/[\w./-]+\.md\b/g)) found.push({ from: file, target: match[0] });
  if (file.endsWith('.md')) {
    for (const match of text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
      const link = match[1]!;
      if (/^[a-z]+:/i.test(link)) continue;
      found.push({ from: file, target: path.posix.normalize(path.posix.join(path.posix.dirname(file), link)) });
    }
  }
  return found;
}

/** Pointers to design files that live outside the repository (the first brief). */
export function outsidePointers(text: string): string[] {
  return [...text.matchAll(/(?:\.\.\/)?shared\/(?:ARCHITECTURE|SYNC|STYLE)\.md/g)].map((match) => match[0]);
}

describe('pointers to the design', () => {
  it('finds a docs/ mention, a relative link, and a pointer outside the repository', () => {
    expect(designPointers('src/x.ts', '// see docs/SYNC.md and docs/perf/store.md.').map((p) => p.target)).toEqual([
      'docs/SYNC.md',
      'docs/perf/store.md',
    ]);
    expect(designPointers('src/README.md', 'Read [the map](../docs/ARCHITECTURE.md#store).').map((p) => p.target)).toEqual([
      'docs/ARCHITECTURE.md',
    ]);
    expect(outsidePointers('see shared/SYNC.md and [x](../shared/ARCHITECTURE.md)')).toHaveLength(2);
  });

  it('every pointer to a design file resolves inside the repository', () => {
    const broken: string[] = [];
    const outside: string[] = [];
    for (const file of trackedTextFiles()) {
      if (file === 'scripts/design-pointers.test.ts') continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const pointer of designPointers(file, text)) {
        if (!fs.existsSync(path.join(root, pointer.target))) broken.push(`${pointer.from} → ${pointer.target}`);
      }
      for (const pointer of outsidePointers(text)) outside.push(`${file} → ${pointer}`);
    }
    expect(broken, 'these point to design files that do not exist').toEqual([]);
    expect(outside, 'these point outside the repository; point to docs/ instead').toEqual([]);
  });
});
