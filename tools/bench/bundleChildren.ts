// The child processes run real app modules, but `tsx` start-up alone would dwarf a bare
// `node -e 0`: bundle them once per run to plain CommonJS with the app's bundler and output
// options (rolldown, tools/build/mainBundleOutput.ts; D52, D123): P1's child as an entry and the
// bundle it runs through the code cache, each stamped with its key (D112).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'rolldown';
import { stampCodeCacheKey } from '../build/codeCacheKey';
import { isAsciiBundle, mainBundleOutput } from '../build/mainBundleOutput';
import { buildWriterWorker } from '../build/writerWorkerBundle';

const here = import.meta.dirname;

export interface ChildBundles {
  offlineStart: string;
  directorySync: string;
}

/** Packages the app's main bundle carries (electron.vite.config.ts), with what better-sqlite3 requires. */
const carried = ['zod', 'better-sqlite3-multiple-ciphers', 'bindings', 'file-uri-to-path'];
const isCarried = (name: string) => carried.some((carriedName) => name === carriedName || name.startsWith(`${carriedName}/`));
const children = ['offlineStart', 'offlineStartApp', 'directorySync'] as const;

export async function bundleChildren(outDir: string): Promise<ChildBundles> {
  // As the app's main bundle is built: zod and better-sqlite3's JavaScript inside, every other
  // package outside. The imports point at the repo's copies by absolute path because the
  // bundle lives in a temp folder with no node_modules; for the same reason the children are
  // told where better-sqlite3's native module is, as the Electron shell tells the core (D52).
  const resolve = createRequire(import.meta.url).resolve;
  // One build per child: built together, the code two share would go to a chunk of its own,
  // which P1's bundle would load outside its code cache.
  for (const name of children) {
    await build({
      input: { [name]: path.join(here, `children/${name}.ts`) },
      platform: 'node',
      logLevel: 'warn',
      transform: {
        define: {
          'process.env.BENCH_SQLITE_BINDING': JSON.stringify(resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')),
        },
      },
      plugins: [
        {
          name: 'packages-outside-but-carried',
          resolveId(source) {
            // Bare package names: not relative, absolute or node: imports.
            if (!/^[@a-z]/.test(source) || source.startsWith('node:') || isCarried(source)) return null;
            return { id: resolve(source), external: true };
          },
        },
      ],
      // As electron-vite builds the main process (an SSR build): code the entry shares with a chunk
      // loaded later (the network's connector) stays in the entry, which the chunk requires.
      preserveEntrySignatures: 'allow-extension',
      output: { ...mainBundleOutput, dir: outDir, format: 'cjs' },
    });
  }
  for (const name of children) {
    const file = path.join(outDir, `${name}.cjs`);
    const source = fs.readFileSync(file, 'utf8');
    // What P1 times must be read as the app's bundle is (pack:check holds the app's to it).
    if (!isAsciiBundle(source)) throw new Error(`${name}.cjs holds characters beyond ASCII, unlike the app's bundle`);
    fs.writeFileSync(file, stampCodeCacheKey(source));
  }
  // The sync child starts the directory writer's thread from beside itself, as the app does (D118).
  await buildWriterWorker(path.join(here, '../..'), outDir);
  return { offlineStart: path.join(outDir, 'offlineStart.cjs'), directorySync: path.join(outDir, 'directorySync.cjs') };
}
