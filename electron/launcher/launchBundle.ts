// Runs the main bundle as Node's require would, but compiled with V8's code cache kept in the
// data folder (docs/decisions.md D112): on Node 20 compiling the bundle is about a tenth of an
// offline start, and Node 20 has no compile cache of its own. Node built-ins only: this file is
// the whole of what runs before the bundle, in the Electron shell and in the bench alike.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The first line of a bundle the build stamped (tools/build/codeCacheKey.ts): a hash of the
 * rest of the file. V8 checks only the source's length against a cache, so a cache made for
 * another bundle of the same length would run the wrong code; the key tells them apart.
 */
export const codeCacheKeyPrefix = '// code-cache-key: ';
/** The cache file's first line begins so; a change to the file's layout changes it. */
const format = 'account-manager-code-cache 1';

export type CodeCacheState =
  /** V8 used the cache: the bundle was not compiled. */
  | 'used'
  /** No cache file yet (a first start, or after an update removed nothing but changed the key). */
  | 'missing'
  /** A cache for another bundle, V8 or processor, or a file not ours: ignored, rewritten when saved. */
  | 'stale'
  /** V8 turned the cache down (its own checks: version, flags, source length, payload length). */
  | 'rejected'
  /** The bundle carries no key (not built by the app's build): no cache read or written. */
  | 'unkeyed'
  /** No folder given: no cache. */
  | 'off';

export interface LaunchedBundle {
  /** What the bundle exported (`module.exports`). */
  exports: unknown;
  cache: CodeCacheState;
  /**
   * Writes the cache unless V8 used it: call when the start is over, so the functions the
   * start ran are compiled and go into it. Never throws (a cache is only ever an optimisation).
   */
  saveCache(): 'written' | 'kept' | 'skipped' | 'failed';
}

// The same wrapper Node's CommonJS loader gives a module, on the bundle's first line so line
// numbers in stack traces stay the bundle's own.
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/** The cache file's header for this bundle on this V8: what a cache must name to be used. */
export function cacheHeader(bundleKey: string): string {
  return `${format} ${bundleKey} v8-${process.versions.v8} ${process.arch}\n`;
}

export function bundleKey(source: string): string | null {
  if (!source.startsWith(codeCacheKeyPrefix)) return null;
  const end = source.indexOf('\n');
  const key = source.slice(codeCacheKeyPrefix.length, end === -1 ? undefined : end).trim();
  return /^[0-9a-f]{16,}$/.test(key) ? key : null;
}

export function cacheFileOf(bundle: string, cacheDir: string): string {
  return path.join(cacheDir, `${path.basename(bundle)}.cache`);
}

function readCache(file: string, header: string): { data: Buffer } | 'missing' | 'stale' {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return 'missing';
  }
  // latin1: the header is ASCII, and a file that is not ours must not fail to decode.
  const matches = bytes.length > header.length && bytes.toString('latin1', 0, header.length) === header;
  return matches ? { data: bytes.subarray(header.length) } : 'stale';
}

/**
 * Writes the file whole or not at all: a temp file beside it, owner-only, flushed to disk,
 * then renamed over the old one — a start never reads a half-written cache.
 */
export function writeCacheFile(file: string, header: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, header, null, 'latin1');
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export function launchBundle(bundle: string, cacheDir: string | null): LaunchedBundle {
  const source = fs.readFileSync(bundle, 'utf8');
  const key = cacheDir === null ? null : bundleKey(source);
  const header = key === null ? null : cacheHeader(key);
  const file = cacheDir === null ? null : cacheFileOf(bundle, cacheDir);
  const read = header && file ? readCache(file, header) : null;
  const script = new vm.Script(wrap(source), {
    filename: bundle,
    cachedData: read !== null && typeof read === 'object' ? read.data : undefined,
    // The builds turn a package's import() into require (a bundle is CommonJS); an import() left
    // in still works, through Node's own loader (the constant warns once that it is experimental).
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  let cache: CodeCacheState;
  if (cacheDir === null) cache = 'off';
  else if (header === null) cache = 'unkeyed';
  else if (read === 'missing' || read === 'stale') cache = read;
  else cache = script.cachedDataRejected === true ? 'rejected' : 'used';

  const module = new Module(bundle);
  module.filename = bundle;
  const bundleRequire = createRequire(bundle);
  // A chunk the build split off (the network's connector, loaded on the first request) requires
  // the bundle back for the code they share: it must get this instance from Node's module
  // cache, under the real path Node resolves to, not load and run a second copy of the app.
  bundleRequire.cache[fs.realpathSync(bundle)] = module;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, bundleRequire, module, bundle, path.dirname(bundle));
  module.loaded = true;

  let saved = false;
  return {
    exports: module.exports,
    cache,
    saveCache() {
      if (cache === 'used' || saved) return 'kept';
      if (header === null || file === null) return 'skipped';
      saved = true;
      try {
        writeCacheFile(file, header, script.createCachedData());
        return 'written';
      } catch {
        return 'failed';
      }
    },
  };
}
