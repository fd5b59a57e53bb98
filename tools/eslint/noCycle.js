// @ts-check
/**
 * No import cycles, type imports included: two files that import each other (however far
 * round) can only be understood, tested and moved together, which is what a folder or a
 * layer is for. The rule follows relative imports only (packages cannot import the repo);
 * the file being linted is read from its syntax tree, the others from disk once per run.
 */
import fs from 'node:fs';
import path from 'node:path';

const extensions = ['.ts', '.tsx', '.js', '.mjs', '.mts', '.cjs'];
/** `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`, across lines. */
const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;
const commentPattern = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

/** @param {string} from @param {string} spec */
function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, ...extensions.map((ext) => base + ext), ...extensions.map((ext) => path.join(base, `index${ext}`))]) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  // An import written with .js for a .ts file (as ESM TypeScript may): the .ts file.
  if (/\.[cm]?js$/.test(base)) return resolve(from, spec.replace(/\.([cm]?)js$/, '.$1ts'));
  return null;
}

/** Files each file imports, read from disk once per version of the file. @type {Map<string, { mtimeMs: number, imports: string[] }>} */
const importsOnDisk = new Map();

/** @param {string} file */
function importsOf(file) {
  let mtimeMs = -1;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return []; // gone since: imports nothing
  }
  const known = importsOnDisk.get(file);
  if (known && known.mtimeMs === mtimeMs) return known.imports;
  const text = fs.readFileSync(file, 'utf8').replace(commentPattern, '');
  const imports = [...text.matchAll(importPattern)].flatMap((match) => {
    const target = resolve(file, /** @type {string} */ (match[1]));
    return target ? [target] : [];
  });
  importsOnDisk.set(file, { mtimeMs, imports });
  return imports;
}

/**
 * A path of imports from `start` back to `target`, or null.
 * @param {string} start @param {string} target
 */
function pathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOf(file)) {
      if (next === target) {
        const route = [file];
        for (let at = cameFrom.get(file); at; at = cameFrom.get(at)) route.unshift(at);
        return route;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noCycleRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, type imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{route}}.' },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const shown = (/** @type {string} */ name) => path.relative(root, name).split(path.sep).join('/');
    /** Targets already reported from this file: one message per cycle. @type {Set<string>} */
    const reported = new Set();

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(file, source);
      if (!target || reported.has(target)) return;
      const route = target === file ? [] : pathBack(target, file);
      if (!route) return;
      reported.add(target);
      context.report({ node, messageId: 'cycle', data: { route: [file, ...route, file].map(shown).join(' → ') } });
    };

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
