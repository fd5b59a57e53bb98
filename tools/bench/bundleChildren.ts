// The child processes run real app modules, but `tsx` start-up alone would dwarf a bare
// `node -e 0`: bundle them once per run to plain CommonJS, as the app's main process is
// shipped (electron.vite.config.ts, D52): P1's child as an entry and the bundle it runs
// through the code cache, each stamped with its key (D112).
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stampCodeCacheKey } from '../build/codeCacheKey';
import { buildWriterWorker } from '../build/writerWorkerBundle';

const here = import.meta.dirname;

export interface ChildBundles {
  offlineStart: string;
  directorySync: string;
}

/** Packages the app's main bundle carries (electron.vite.config.ts), with what better-sqlite3 requires. */
const carried = ['zod', 'better-sqlite3-multiple-ciphers', 'bindings', 'file-uri-to-path'];
const isCarried = (name: string) => carried.some((carriedName) => name === carriedName || name.startsWith(`${carriedName}/`));

export async function bundleChildren(outDir: string): Promise<ChildBundles> {
  // As the app's main bundle is built: zod and better-sqlite3's JavaScript inside, every other
  // package outside. The imports point at the repo's copies by absolute path because the
  // bundle lives in a temp folder with no node_modules; for the same reason the children are
  // told where better-sqlite3's native module is, as the Electron shell tells the core (D52).
  const resolve = createRequire(import.meta.url).resolve;
  await build({
    entryPoints: {
      offlineStart: path.join(here, 'children/offlineStart.ts'),
      offlineStartApp: path.join(here, 'children/offlineStartApp.ts'),
      directorySync: path.join(here, 'children/directorySync.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // As electron.vite.config.ts: a package loaded when first needed is required, not import()ed.
    supported: { 'dynamic-import': false },
    define: {
      'process.env.BENCH_SQLITE_BINDING': JSON.stringify(resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')),
    },
    plugins: [
      {
        name: 'packages-outside-but-carried',
        setup(b) {
          // Bare package names (not relative, absolute or node: imports); Go regexps have no lookahead.
          b.onResolve({ filter: /^[@a-z]/ }, (args) =>
            args.path.startsWith('node:') || isCarried(args.path) ? undefined : { path: resolve(args.path), external: true },
          );
        },
      },
    ],
  });
  for (const name of ['offlineStart', 'offlineStartApp', 'directorySync']) {
    const file = path.join(outDir, `${name}.cjs`);
    fs.writeFileSync(file, stampCodeCacheKey(fs.readFileSync(file, 'utf8')));
  }
  // The sync child starts the directory writer's thread from beside itself, as the app does (D118).
  await buildWriterWorker(path.join(here, '../..'), outDir);
  return { offlineStart: path.join(outDir, 'offlineStart.cjs'), directorySync: path.join(outDir, 'directorySync.cjs') };
}
