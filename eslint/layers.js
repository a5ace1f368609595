// Enforces the import table of ARCHITECTURE.md: which folder may import which.
// Relative imports are resolved to the folder they land in; bare imports are
// checked against what each layer may use (Node built-ins, electron, packages).
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Layers, most specific folder first. */
export const LAYERS = [
  { name: 'shared', dir: 'src-shared', may: ['shared'], node: false, electron: false, packages: ['zod'] },
  { name: 'core', dir: 'src-main/core', may: ['shared', 'core'], node: true, electron: false },
  { name: 'electron', dir: 'src-main/electron', may: ['shared', 'core', 'electron'], node: true, electron: true },
  { name: 'host', dir: 'src-main/host', may: ['shared', 'core', 'host'], node: true, electron: false },
  { name: 'preload', dir: 'src-preload', may: ['shared', 'preload'], node: false, electron: true, packages: [] },
  { name: 'renderer', dir: 'src-renderer', may: ['shared', 'renderer'], typeOnly: ['preload'], node: false, electron: false },
  { name: 'server', dir: 'src-server', may: ['shared', 'server'], node: true, electron: false },
];

const ENTRY_POINTS = new Set(['electron', 'host']);
const builtins = new Set(builtinModules);

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return LAYERS.find((layer) => rel === layer.dir || rel.startsWith(`${layer.dir}/`));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isTestFile = (file) => /\.test\.tsx?$/.test(file);

function check(layer, file, spec, typeOnly) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = layerOf(path.resolve(path.dirname(file), spec));
    // Tests may use the shared fixtures in e2e/ (the local provider server).
    if (!target) return layer && !isTestFile(file) ? `${layer.name} may not import files outside the app's layers (${spec})` : null;
    if (!layer) {
      return target.name === 'electron' ? `nothing imports src-main/electron: it is an entry point (${spec})` : null;
    }
    if (target.name === layer.name) return null;
    if (layer.may.includes(target.name)) return null;
    if (typeOnly && layer.typeOnly?.includes(target.name)) return null;
    if (ENTRY_POINTS.has(target.name)) return `nothing imports ${target.dir}: it is an entry point (${spec})`;
    return `${layer.dir} may not import ${target.dir} (${spec}); see the import table in ARCHITECTURE.md`;
  }
  if (!layer) return null;
  // Tests run in Node under vitest, beside the code they prove.
  if (isTestFile(file)) return null;
  const isNode = spec.startsWith('node:') || builtins.has(packageName(spec));
  if (isNode) return layer.node ? null : `${layer.dir} may not import Node built-ins (${spec}): it must run outside Node`;
  const name = packageName(spec);
  if (name === 'electron') {
    return layer.electron ? null : `${layer.dir} may not import electron: it must run in plain Node and in the browser host`;
  }
  if (layer.packages && !layer.packages.includes(name)) {
    return `${layer.dir} may only import ${layer.packages.length ? layer.packages.join(', ') : 'electron'} from npm, not ${name}`;
  }
  return null;
}

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the import table of ARCHITECTURE.md' },
    schema: [],
    messages: { forbidden: '{{reason}}' },
  },
  create(context) {
    const file = context.filename;
    const layer = layerOf(file);
    const report = (node, spec, typeOnly) => {
      if (typeof spec !== 'string') return;
      const reason = check(layer, file, spec, typeOnly);
      if (reason) context.report({ node, messageId: 'forbidden', data: { reason } });
    };
    return {
      ImportDeclaration(node) {
        report(node, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) report(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        report(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') report(node, node.source.value, false);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          report(node, node.arguments[0].value, false);
        }
      },
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
