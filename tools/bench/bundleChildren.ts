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
  // As the app's main bundle is built (electron.vite.config.ts): zod inside, every other
  // package outside. The imports point at the repo's copies by absolute path because the
  // bundle lives in a temp folder with no node_modules.
  const resolve = createRequire(import.meta.url).resolve;
  await build({
    entryPoints: { offlineStart: path.join(here, 'children/offlineStart.ts'), directorySync: path.join(here, 'children/directorySync.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'packages-outside-but-zod',
        setup(b) {
          // Bare package names (not relative, absolute or node: imports); Go regexps have no lookahead.
          b.onResolve({ filter: /^[@a-z]/ }, (args) =>
            args.path.startsWith('node:') || args.path === 'zod' || args.path.startsWith('zod/')
              ? undefined
              : { path: resolve(args.path), external: true },
          );
        },
      },
    ],
  });
  return { offlineStart: path.join(outDir, 'offlineStart.mjs'), directorySync: path.join(outDir, 'directorySync.mjs') };
}
