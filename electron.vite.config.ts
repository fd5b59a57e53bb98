import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { codeCacheKeyPlugin } from './tools/build/codeCacheKey';
import { mainBundleOutput } from './tools/build/mainBundleOutput';
import { writerWorkerPlugin } from './tools/build/writerWorkerBundle';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    // Every chunk carries the key its code cache is kept under (D112); the directory writer's
    // thread is a file of its own beside them (D118).
    plugins: [codeCacheKeyPlugin(), writerWorkerPlugin(root)],
    build: {
      outDir: 'out/main',
      // zod is bundled so only the schemas in use are loaded: from node_modules it loads whole,
      // every locale included, about 40 ms of each start (docs/decisions.md D51). SQLite's package's
      // JavaScript too, a dozen small files (its native module stays in node_modules: D52).
      externalizeDeps: { exclude: ['zod', 'better-sqlite3-multiple-ciphers'] },
      // CommonJS: Node loads a required bundle and its native modules faster than an ES module (D52).
      // index.cjs is the entry, which runs app.cjs (the app) through V8's code cache (D112).
      lib: { entry: { index: resolve(root, 'electron/main/index.ts'), app: resolve(root, 'electron/main/app.ts') }, formats: ['cjs'] },
      rollupOptions: { output: mainBundleOutput },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module, nor require packages: bundle zod in.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
