// @ts-check
/**
 * The layer table of docs/architecture.md as a lint rule: which folder may import which,
 * and which packages each layer may use — between the app's parts and inside the core.
 * A relative import is resolved to the layer it lands in; a bare import is judged by its
 * package name. Tests obey the rule of the layer they sit in, and may also use the test
 * support folders and the reference server (a peer they talk to, not shared code).
 *
 * The shells and the tools use the core through its one entry, `electron/core/index.ts`;
 * a deep import into the core from them is refused. Their tests, and tests/, may reach
 * inside: a test tests the layer it sits in, and its support builds what it must.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { noCycleRule } from './noCycle.js';

/** @typedef {{ layers: string[], packages: (name: string) => boolean, label: string }} Layer */

const isNodeBuiltin = (/** @type {string} */ name) => name.startsWith('node:') || builtinModules.includes(name);
const isElectron = (/** @type {string} */ name) => name === 'electron';
const nodeOnly = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', '@github/keytar', 'keytar', 'ws'];
/** What tests use on top of their layer's own packages. */
const testPackages = ['vitest', 'fast-check', 'otpauth', '@github/keytar', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'];

/** Core files every other part of the core builds on (they import nothing of the core but each other). */
const coreFoundationFiles = [
  'clock',
  'backoff',
  'disposables',
  'redact',
  'appIdentity',
  'coreEvents',
  'domainEvents',
  'handlers',
  'moduleContext',
  'revisions',
  'nodeBuiltins',
].map((name) => `electron/core/${name}`);

/** Longest prefix first, so electron/core/db wins over electron/core. */
const layerFolders = [
  ['electron/browser-host/', 'browser-host'],
  ['electron/preload/', 'preload'],
  ['electron/core/log/', 'core-foundation'],
  ['electron/core/db/', 'core-db'],
  ['electron/core/vault/', 'core-vault'],
  ['electron/core/usersApi/', 'core-usersApi'],
  ['electron/core/network/', 'core-network'],
  ['electron/core/accounts/', 'core-accounts'],
  ['electron/core/profile/', 'core-profile'],
  ['electron/core/people/', 'core-people'],
  ['electron/core/security/', 'core-security'],
  ['electron/core/sync/', 'core-sync'],
  ['electron/core/', 'core'],
  ['electron/main/', 'main'],
  ['electron/launcher/', 'launcher'],
  ['tools/users-api/', 'users-api'],
  ['renderer/', 'renderer'],
  ['shared/', 'shared'],
];

/** Every layer inside the core; the shells may use any of them. */
const coreLayers = [
  'core',
  'core-foundation',
  'core-db',
  'core-vault',
  'core-usersApi',
  'core-network',
  'core-accounts',
  'core-profile',
  'core-people',
  'core-security',
  'core-sync',
];
const coreNodePackages = (/** @type {string} */ name) => !isElectron(name) && !name.startsWith('react');
const adapterLayers = ['shared', 'core-foundation', 'core-db', 'core-vault', 'core-usersApi'];

/**
 * @param {string} label
 * @param {string[]} layers
 * @returns {Layer}
 */
const coreLayer = (label, layers) => ({ layers, packages: coreNodePackages, label });

/** @type {Record<string, Layer>} */
export const layerTable = {
  shared: { layers: ['shared'], packages: (name) => name === 'zod', label: 'shared may import zod only' },
  'core-foundation': coreLayer('the core foundation (clock, events, log, redact) imports nothing of the core above it', [
    'shared',
    'core-foundation',
  ]),
  'core-db': coreLayer('electron/core/db may import the foundation and shared — never a service', ['shared', 'core-foundation', 'core-db']),
  'core-vault': coreLayer('electron/core/vault may import the foundation and shared — never a service', [
    'shared',
    'core-foundation',
    'core-vault',
  ]),
  'core-usersApi': coreLayer('electron/core/usersApi may import the foundation and shared — never a service', [
    'shared',
    'core-foundation',
    'core-usersApi',
  ]),
  'core-network': coreLayer('electron/core/network may import db, vault, usersApi and the foundation — no other service', [
    ...adapterLayers,
    'core-network',
  ]),
  'core-accounts': coreLayer('electron/core/accounts may import db, vault, usersApi and the foundation', [
    ...adapterLayers,
    'core-accounts',
  ]),
  'core-profile': coreLayer('electron/core/profile may import accounts and the layers below', [
    ...adapterLayers,
    'core-accounts',
    'core-profile',
  ]),
  'core-people': coreLayer('electron/core/people may import profile, accounts and below — not security or sync', [
    ...adapterLayers,
    'core-accounts',
    'core-profile',
    'core-people',
  ]),
  'core-security': coreLayer('electron/core/security may import profile, accounts and below — not people or sync', [
    ...adapterLayers,
    'core-accounts',
    'core-profile',
    'core-security',
  ]),
  'core-sync': coreLayer('electron/core/sync may import profile, accounts and below — not people or security', [
    ...adapterLayers,
    'core-accounts',
    'core-profile',
    'core-sync',
  ]),
  core: coreLayer('electron/core may import shared, Node and Node packages — never electron', ['shared', ...coreLayers]),
  main: {
    layers: [...coreLayers, 'shared', 'main', 'launcher'],
    packages: () => true,
    label: 'electron/main may import core, shared, the launcher and electron',
  },
  launcher: {
    layers: ['launcher'],
    packages: isNodeBuiltin,
    label: 'electron/launcher runs before the app: Node built-ins only, nothing of the app',
  },
  preload: {
    layers: ['shared', 'preload'],
    packages: isElectron,
    label: 'electron/preload may import shared and electron only',
  },
  'browser-host': {
    layers: [...coreLayers, 'shared', 'browser-host'],
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

/**
 * The layer of a file or folder (posix path from the repo root, extension optional).
 * @param {string} relativePath
 */
export function layerOf(relativePath) {
  const stem = relativePath.replace(/\/$/, '').replace(/\.(test\.)?(ts|tsx|js)$/, '');
  if (coreFoundationFiles.includes(stem)) return 'core-foundation';
  const match = layerFolders.find(([prefix]) => `${stem}/`.startsWith(prefix));
  return match ? match[1] : null;
}

/** @param {string} spec */
function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** Where code uses the core only through `electron/core/index.ts` (tests excepted). */
const coreEntryUsers = ['electron/main/', 'electron/browser-host/', 'tools/'];
const coreEntry = ['electron/core', 'electron/core/index'];

/** Test support a test may use whatever its layer: fixtures, fakes, and the reference server it talks to. */
const testPeers = ['tests/support/', 'tests/mocks/', 'tools/users-api/'];

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction of the layer table in docs/architecture.md' },
    schema: [],
    messages: {
      badLayering: 'Bad layering: {{label}} (imports "{{spec}}").',
      deepCoreImport: 'Bad layering: the shells and tools use the core through electron/core/index.ts only (imports "{{spec}}").',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const isTest = /\.(test|spec)\.tsx?$/.test(file);
    const entryOnly = !isTest && coreEntryUsers.some((folder) => file.startsWith(folder)) && !file.startsWith('tools/users-api/');
    const from = layerOf(file);
    const rule = from ? layerTable[from] : undefined;
    if (!rule && !entryOnly) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const target = source.startsWith('.')
        ? path
            .relative(root, path.resolve(path.dirname(context.filename), source))
            .split(path.sep)
            .join('/')
        : null;
      const stem = target?.replace(/\.(ts|js)$/, '');
      if (entryOnly && stem?.startsWith('electron/core/') && !coreEntry.includes(stem)) {
        context.report({ node, messageId: 'deepCoreImport', data: { spec: source } });
        return;
      }
      if (!rule) return;
      let allowed;
      if (target !== null) {
        // Code outside every layer (tests/, tools/) is never a dependency of app code.
        const to = layerOf(target);
        allowed = (to !== null && rule.layers.includes(to)) || (isTest && testPeers.some((peer) => `${target}/`.startsWith(peer)));
      } else {
        const name = packageName(source);
        allowed = rule.packages(name) || (isTest && testPackages.includes(name));
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

export default { rules: { layers: layersRule, 'no-cycle': noCycleRule } };
