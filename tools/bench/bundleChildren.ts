// The child processes run real app modules, but `tsx` start-up alone would dwarf a bare
// `node -e 0`: bundle them once per run to plain ESM, as a shipped app would be.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = import.meta.dirname;

export interface ChildBundles {
  offlineStart: string;
  directorySync: string;
}

export async function bundleChildren(outDir: string): Promise<ChildBundles> {
  // The native module stays outside the bundle; the import points at the repo's copy by
  // absolute path because the bundle lives in a temp folder with no node_modules.
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: { offlineStart: path.join(here, 'children/offlineStart.ts'), directorySync: path.join(here, 'children/directorySync.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    // CommonJS packages in the bundle (qrcode) call require(): give ESM one.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'external-sqlite',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return { offlineStart: path.join(outDir, 'offlineStart.mjs'), directorySync: path.join(outDir, 'directorySync.mjs') };
}
