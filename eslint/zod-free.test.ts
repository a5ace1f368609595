// The renderer's no-zod rule trusts the list in zod-free.js; this proves the list,
// by following each module's value imports through the real src-shared.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ZOD_FREE_MODULES } from './zod-free.js';

const shared = path.resolve(import.meta.dirname, '../src-shared');

function fileOf(module: string): string {
  const candidates = [`${module}.ts`, path.join(module, 'index.ts')];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no module at ${module}`);
  return found;
}

/** The modules a file loads at run time: type-only imports and exports are erased. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specs: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const clause = statement.exportClause;
      const onlyTypes = statement.isTypeOnly || (clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** The import chain from a module of src-shared to zod, or null if it never loads zod. */
function pathToZod(module: string, seen = new Set<string>()): string[] | null {
  const file = fileOf(path.join(shared, module));
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of valueImports(file)) {
    if (spec === 'zod' || spec.startsWith('zod/')) return [module, spec];
    if (!spec.startsWith('.')) continue;
    const next = path.relative(shared, path.resolve(path.dirname(file), spec));
    const chain = pathToZod(next, seen);
    if (chain) return [module, ...chain];
  }
  return null;
}

describe('the zod-free modules of src-shared', () => {
  it.each(ZOD_FREE_MODULES)('%s loads no zod, directly or through its imports', (module) => {
    expect(pathToZod(module)).toBeNull();
  });

  it('sees zod behind the modules that do load it', () => {
    expect(pathToZod('api')).toEqual(expect.arrayContaining(['api', 'zod']));
    expect(pathToZod('entities/search')).toEqual(['entities/search', 'zod']);
    expect(pathToZod('api/methods/search')).toEqual(['api/methods/search', 'entities/search', 'zod']);
  });
});
