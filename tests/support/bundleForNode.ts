import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const nativeModules = ['better-sqlite3-multiple-ciphers', '@github/keytar'];

/**
 * Bundles a TypeScript entry and what it imports into one plain ESM file, for tests that
 * start it as a child process many times: `node --import tsx` loads every module through
 * tsx's loader on each start, which costs seconds on a busy machine. Native modules stay
 * outside, imported from this repository's node_modules by absolute path (the bundle
 * lives in a temp folder). The same approach as tools/bench/bundleChildren.ts.
 */
export async function bundleForNode(entry: string, outFile: string): Promise<string> {
  const require = createRequire(import.meta.url);
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // CommonJS packages in the bundle (qrcode) call require(): give ESM one.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [
      {
        name: 'external-native',
        setup(builder) {
          const names = new RegExp(`^(${nativeModules.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);
          builder.onResolve({ filter: names }, (args) => ({ path: require.resolve(args.path), external: true }));
        },
      },
    ],
  });
  return path.resolve(outFile);
}
