// P3's floor built as the app's renderer is (electron.vite.config.ts): the same plugins and
// build settings, only another page and another output folder (BENCH_FLOOR_OUT).
import { defineConfig, type UserConfig } from 'electron-vite';
import { resolve } from 'node:path';
import app from '../../../electron.vite.config';

const here = import.meta.dirname;
const renderer = (app as UserConfig).renderer;
const outDir = process.env.BENCH_FLOOR_OUT;
if (!renderer || !outDir) throw new Error('floor.config.ts: the app has no renderer config, or BENCH_FLOOR_OUT is not set');

export default defineConfig({
  renderer: { ...renderer, root: here, build: { ...renderer.build, outDir, rollupOptions: { input: resolve(here, 'index.html') } } },
});
