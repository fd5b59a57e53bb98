// @ts-check
/**
 * The layer table of docs/architecture.md as a lint rule: which folder may import which, and
 * which packages each layer may use. A relative import is resolved to the folder it
 * lands in; a bare import is judged by its package name.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** @typedef {{ layers: string[], packages: (name: string) => boolean, label: string }} Layer */

const isNodeBuiltin = (/** @type {string} */ name) => name.startsWith('node:') || builtinModules.includes(name);
const isElectron = (/** @type {string} */ name) => name === 'electron';
const nodeOnly = ['better-sqlite3', '@github/keytar', 'keytar', 'ws'];

/** Longest prefix first, so electron/core wins over electron/. */
const layerFolders = [
  ['electron/browser-host/', 'browser-host'],
  ['electron/preload/', 'preload'],
  ['electron/core/', 'core'],
  ['electron/main/', 'main'],
  ['tools/users-api/', 'users-api'],
  ['renderer/', 'renderer'],
  ['shared/', 'shared'],
];

/** @type {Record<string, Layer>} */
export const layerTable = {
  shared: { layers: ['shared'], packages: (name) => name === 'zod', label: 'shared may import zod only' },
  core: {
    layers: ['shared', 'core'],
    packages: (name) => !isElectron(name) && !name.startsWith('react'),
    label: 'electron/core may import shared, Node and Node packages — never electron',
  },
  main: { layers: ['core', 'shared', 'main'], packages: () => true, label: 'electron/main may import core, shared and electron' },
  preload: {
    layers: ['shared', 'preload'],
    packages: isElectron,
    label: 'electron/preload may import shared and electron only',
  },
  'browser-host': {
    layers: ['core', 'shared', 'browser-host'],
    packages: (name) => !isElectron(name),
    label: 'electron/browser-host may import core, shared and Node — never electron',
  },
  renderer: {
    layers: ['shared', 'renderer'],
    packages: (name) => !isNodeBuiltin(name) && !isElectron(name) && !nodeOnly.includes(name),
    label: 'renderer may import shared and browser packages only',
  },
  'users-api': {
    layers: ['users-api'],
    packages: (name) => !isElectron(name),
    label: 'tools/users-api shares nothing with the app',
  },
};

/** @param {string} relativePath posix path from the repo root */
export function layerOf(relativePath) {
  const match = layerFolders.find(([prefix]) => relativePath.startsWith(prefix));
  return match ? match[1] : null;
}

/** @param {string} spec */
function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction of the layer table in docs/architecture.md' },
    schema: [],
    messages: { badLayering: 'Bad layering: {{label}} (imports "{{spec}}").' },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = layerOf(file);
    // Tests reach across layers on purpose (a core test starts the reference server).
    if (!from || /\.(test|spec)\.tsx?$/.test(file)) return {};
    const rule = layerTable[from];
    if (!rule) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      let allowed;
      if (source.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), source))
          .split(path.sep)
          .join('/');
        // Code outside every layer (tests/, tools/) is never a dependency of app code.
        const to = layerOf(`${target}/`);
        allowed = to !== null && rule.layers.includes(to);
      } else {
        allowed = rule.packages(packageName(source));
      }
      if (!allowed) {
        context.report({ node, messageId: 'badLayering', data: { label: rule.label, spec: source } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
