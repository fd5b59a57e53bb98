// The directory writer's thread (electron/core/people/writer/writerWorker.ts, D118) as a file of
// its own beside the main bundle: a Worker is started from a file, and as a second entry of the
// main build it would split the code both share into chunks the main bundle then loads outside
// its code cache (D112). Built with esbuild as the main bundle is (CommonJS, better-sqlite3's
// JavaScript inside, its native module passed in by path).
import { build } from 'esbuild';
import path from 'node:path';
import type { Plugin } from 'vite';
import { directoryWriterFileName } from '../../electron/core';

const entryInRepo = 'electron/core/people/writer/writerWorker.ts';
/** `repoRoot` by the caller: this module's own place is lost when the build's config is bundled. */
export async function buildWriterWorker(repoRoot: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, directoryWriterFileName);
  await build({
    entryPoints: [path.join(repoRoot, entryInRepo)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // Nothing outside: the thread must start from app.asar, where only this file is certain.
    packages: 'bundle',
    // As the main bundle (D123): no comments or whitespace, and esbuild writes ASCII by default.
    minifyWhitespace: true,
  });
  return outfile;
}

/** Writes the thread's file into the main build's folder once the main bundle is written. */
export function writerWorkerPlugin(repoRoot: string): Plugin {
  let outDir = '';
  return {
    name: 'directory-writer-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await buildWriterWorker(repoRoot, outDir);
    },
  };
}
