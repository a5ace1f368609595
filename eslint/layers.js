// Enforces the import table of docs/ARCHITECTURE.md: which folder may import
// which, and which npm packages and Node built-ins each layer may use. Test code
// is checked too: it runs in Node, so it may add Node built-ins and test tools,
// but it may not reach across the layers either.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: the pathname keeps %20 for a space, and with it
// every file would fall outside every layer and lint would check nothing.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const DEPENDENCIES = new Set(Object.keys(manifest.dependencies ?? {}));
const INSTALLED = new Set([...DEPENDENCIES, ...Object.keys(manifest.devDependencies ?? {})]);

const ANY = '*';
const TEST_TOOLS = ['vitest', '@playwright/test', 'playwright-core', 'fast-check', '@axe-core/playwright', 'js-yaml'];
/** The only electron APIs that exist in a sandboxed preload. */
const PRELOAD_ELECTRON_APIS = ['contextBridge', 'ipcRenderer', 'webUtils'];

/**
 * Layers, most specific folder first. `packages`: the npm packages the layer may
 * import (ANY: any installed one but electron); `electron`: false, true (all of
 * it) or the API names it may import; `shipsPackages`: the layer's build leaves
 * packages external, so they must be runtime dependencies.
 */
export const LAYERS = [
  { name: 'shared', dir: 'src-shared', may: ['shared'], node: false, electron: false, packages: ['zod'] },
  { name: 'core', dir: 'src-main/core', may: ['shared', 'core'], node: true, electron: false, packages: ANY, shipsPackages: true },
  {
    name: 'electron',
    dir: 'src-main/electron',
    may: ['shared', 'core', 'electron'],
    node: true,
    electron: true,
    packages: ['electron-updater'],
    shipsPackages: true,
  },
  { name: 'host', dir: 'src-main/host', may: ['shared', 'core', 'host'], node: true, electron: false, packages: ['ws'], shipsPackages: true },
  { name: 'preload', dir: 'src-preload', may: ['shared', 'preload'], node: false, electron: PRELOAD_ELECTRON_APIS, packages: [] },
  {
    name: 'renderer',
    dir: 'src-renderer',
    may: ['shared', 'renderer'],
    typeOnly: ['preload'],
    node: false,
    electron: false,
    packages: [
      'react',
      'react-dom',
      'zustand',
      'i18next',
      'react-i18next',
      'unified',
      'remark-parse',
      'remark-gfm',
      'remark-math',
      'remark-rehype',
      'katex',
      'lowlight',
      'hast-util-to-jsx-runtime',
      'hast',
      '@tanstack/react-virtual',
    ],
  },
  {
    name: 'server',
    dir: 'src-server',
    may: ['shared', 'server'],
    node: true,
    electron: false,
    packages: [
      'express',
      'kysely',
      'pg',
      'better-sqlite3',
      'ws',
      'zod',
      'argon2',
      '@node-rs/argon2',
      'openid-client',
      '@node-saml/node-saml',
      'oidc-provider',
    ],
    shipsPackages: true,
  },
];

const ENTRY_POINTS = new Set(['electron', 'host']);
const TOP_DIRS = new Set(LAYERS.map((layer) => layer.dir.split('/')[0]));
const builtins = new Set(builtinModules);

const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');

function layerOf(file) {
  const rel = relative(file);
  return LAYERS.find((layer) => rel === layer.dir || rel.startsWith(`${layer.dir}/`));
}

/** Tests and the helpers only tests use: they run in Node under vitest. */
const isTestCode = (file) => /(\.test|(^|\/)test-support)(\.tsx?)?$|(^|\/)testing\//.test(relative(file));

/** What tests may import from outside the app's layers (a folder ends in /), and why. */
const TEST_SUPPORT = [
  // The local provider server: the one stand-in the project allows, shared by
  // unit and end-to-end tests.
  'e2e/fixtures/',
  // The benchmarks' realistic chat text: the search tests check snippets over it.
  'bench/support/text',
];
function isTestSupport(file) {
  const module = relative(file).replace(/\.[cm]?[jt]sx?$/, '');
  return TEST_SUPPORT.some((allowed) => (allowed.endsWith('/') ? module.startsWith(allowed) : module === allowed));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function checkRelative(layer, file, spec, typeOnly) {
  const resolved = path.resolve(path.dirname(file), spec);
  const target = layerOf(resolved);
  const test = isTestCode(file);
  if (!target) {
    if (!layer) return null;
    if (test && isTestSupport(resolved)) return null;
    return test
      ? `tests in ${layer.dir} may import outside the app's layers only ${TEST_SUPPORT.join(', ')} (${spec})`
      : `${layer.dir} may not import files outside the app's layers (${spec})`;
  }
  if (!layer) return target.name === 'electron' ? `nothing imports src-main/electron: it is an entry point (${spec})` : null;
  if (!test && isTestCode(resolved)) return `${layer.dir} may not import test code (${spec}): it stays out of the app`;
  if (target.name === layer.name) return null;
  if (layer.may.includes(target.name)) return null;
  if (typeOnly && layer.typeOnly?.includes(target.name)) return null;
  if (ENTRY_POINTS.has(target.name)) return `nothing imports ${target.dir}: it is an entry point (${spec})`;
  return `${layer.dir} may not import ${target.dir} (${spec}); see the import table in docs/ARCHITECTURE.md`;
}

function checkPackage(layer, file, spec, typeOnly) {
  if (spec.startsWith('node:') || builtins.has(packageName(spec))) {
    if (!layer || layer.node || isTestCode(file)) return null;
    return `${layer.dir} may not import Node built-ins (${spec}): it must run outside Node`;
  }
  const name = packageName(spec);
  const installed = INSTALLED.has(name) || (typeOnly && INSTALLED.has(`@types/${name.replace('@', '').replace('/', '__')}`));
  if (!installed) return `${name} is not in package.json: add it to package.json before importing it`;
  if (!layer) return null;
  if (TEST_TOOLS.includes(name)) return isTestCode(file) ? null : `${layer.dir} may not import ${name}: test tools stay in test code`;
  if (name === 'electron') {
    return layer.electron ? null : `${layer.dir} may not import electron: it must run in plain Node and in the browser host`;
  }
  const allowed = layer.packages === ANY || layer.packages.includes(name);
  if (!allowed) {
    const list = layer.packages.length ? layer.packages.join(', ') : 'none';
    return `${layer.dir} may not import ${name}; its npm packages are: ${list} (the lists are in eslint/layers.js, the reasons in docs/ARCHITECTURE.md)`;
  }
  if (layer.shipsPackages && !typeOnly && !isTestCode(file) && !DEPENDENCIES.has(name)) {
    return `${name} is a devDependency, but ${layer.dir} loads its packages from node_modules at run time: move it to dependencies in package.json`;
  }
  return null;
}

function check(layer, file, spec, typeOnly) {
  return spec.startsWith('.') || spec.startsWith('/') ? checkRelative(layer, file, spec, typeOnly) : checkPackage(layer, file, spec, typeOnly);
}

/** The electron APIs a named import (or require) takes, or null if it takes the whole module. */
function electronApisOf(node) {
  if (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration') {
    if (node.specifiers.some((s) => s.type !== 'ImportSpecifier' && s.type !== 'ExportSpecifier')) return null;
    return node.specifiers
      .filter((s) => s.importKind !== 'type' && s.exportKind !== 'type')
      .map((s) => (s.type === 'ImportSpecifier' ? s.imported : s.local))
      .map((id) => id.name ?? id.value);
  }
  const { parent } = node;
  if (node.type === 'CallExpression' && parent.type === 'VariableDeclarator' && parent.id.type === 'ObjectPattern') {
    if (parent.id.properties.some((p) => p.type !== 'Property' || p.computed || p.key.type !== 'Identifier')) return null;
    return parent.id.properties.map((p) => p.key.name);
  }
  return null;
}

function checkElectronApis(layer, node, typeOnly) {
  if (!Array.isArray(layer?.electron) || typeOnly) return null;
  const apis = electronApisOf(node);
  const allowed = layer.electron.join(', ');
  if (!apis) return `${layer.dir} must import electron's APIs by name (${allowed}), not the whole module`;
  const forbidden = apis.filter((api) => !layer.electron.includes(api));
  if (forbidden.length === 0) return null;
  return `${layer.dir} may not import ${forbidden.join(', ')} from electron: only ${allowed} exist in a sandboxed preload`;
}

const literal = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
};

/** `import { type A, type B }`: erased like `import type`. */
const onlyTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the import table of docs/ARCHITECTURE.md' },
    schema: [],
    messages: { forbidden: '{{reason}}' },
  },
  create(context) {
    const file = context.filename;
    const layer = layerOf(file);
    const report = (node, spec, typeOnly) => {
      if (spec === null) {
        if (layer) context.report({ node, messageId: 'forbidden', data: { reason: `${layer.dir} may import only literal module names, so lint can check them` } });
        return;
      }
      const reason = check(layer, file, spec, typeOnly) ?? (spec === 'electron' ? checkElectronApis(layer, node, typeOnly) : null);
      if (reason) context.report({ node, messageId: 'forbidden', data: { reason } });
    };
    return {
      Program(node) {
        const rel = relative(file);
        if (layer || !rel.split('/').some((segment) => TOP_DIRS.has(segment))) return;
        // A file in an app folder that no layer claims is either misplaced, or
        // ROOT was resolved wrong and nothing is being checked: never pass silently.
        const reason = `${rel} is in no layer of the import table (root: ${ROOT}); move it into one of ${LAYERS.map((l) => l.dir).join(', ')} (see docs/ARCHITECTURE.md)`;
        context.report({ node, messageId: 'forbidden', data: { reason } });
      },
      ImportDeclaration(node) {
        report(node, node.source.value, node.importKind === 'type' || onlyTypes(node.specifiers, 'importKind'));
      },
      ExportNamedDeclaration(node) {
        if (node.source) report(node, node.source.value, node.exportKind === 'type' || onlyTypes(node.specifiers, 'exportKind'));
      },
      ExportAllDeclaration(node) {
        report(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        report(node, literal(node.source), false);
      },
      TSImportType(node) {
        report(node, literal(node.source), true);
      },
      TSExternalModuleReference(node) {
        report(node, literal(node.expression), node.parent.importKind === 'type');
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0) {
          report(node, literal(node.arguments[0]), false);
        }
      },
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
