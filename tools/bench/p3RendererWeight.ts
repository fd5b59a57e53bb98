// P3: what the renderer downloads and parses before first paint — the module script in
// index.html and every chunk it preloads — gzipped as a server would send it, against the
// floor of any React window: a bare createRoot app (floor/) built with the same settings in
// the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { log } from './log';
import { round } from './stats';

const root = path.resolve(import.meta.dirname, '../..');
const rendererOut = path.join(root, 'out/renderer');
const indexHtml = path.join(rendererOut, 'index.html');

/** Newest modification time under a folder (sources the build depends on). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build, or when its sources changed since (a stale build would lie). */
function ensureBuild(): boolean {
  const builtAt = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(root, 'renderer')),
    newestMtime(path.join(root, 'shared')),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  if (builtAt > sourcesAt) return false;
  log('P3: building the renderer (electron-vite build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return true;
}

/** The JS files index.html loads at start: module scripts and modulepreload links. */
export function startScripts(html: string): string[] {
  const files = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isModuleScript = /^<script/i.test(tag) && /type=["']?module/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /rel=["']?modulepreload/i.test(tag);
    const src = /(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if ((isModuleScript || isPreload) && src && !/^[a-z]+:/i.test(src)) files.add(src.replace(/^\.?\//, ''));
  }
  return [...files];
}

/** The start scripts of a built page, each with its size and gzip -9 size. */
function startFiles(outDir: string) {
  const files = startScripts(fs.readFileSync(path.join(outDir, 'index.html'), 'utf8')).map((file) => {
    const body = fs.readFileSync(path.join(outDir, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`${outDir}/index.html loads no module script: is it a renderer build?`);
  return files;
}

const kb = (bytes: number) => round(bytes / 1024, 1);
const gzipOf = (files: { gzipBytes: number }[]) => files.reduce((sum, f) => sum + f.gzipBytes, 0);

/** A bare React window (floor/main.tsx) built by electron-vite with the app's renderer settings (floor/floor.config.ts). */
function buildFloor(): ReturnType<typeof startFiles> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-bench-floor-'));
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--config',
        path.join(import.meta.dirname, 'floor/floor.config.ts'),
        '--logLevel',
        'error',
      ],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, BENCH_FLOOR_OUT: outDir } },
    );
    return startFiles(outDir);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export function benchRendererWeight() {
  const built = ensureBuild();
  const files = startFiles(rendererOut);
  log('P3: building the bare React floor with the same settings…');
  const floor = buildFloor();
  const ratio = gzipOf(files) / gzipOf(floor);
  log(`P3: ${files.length} start script(s), ${kb(gzipOf(files))} KB gzipped; bare React ${kb(gzipOf(floor))} KB; ${round(ratio)} ×`);
  return {
    ratio: round(ratio),
    gzipKB: kb(gzipOf(files)),
    floorGzipKB: kb(gzipOf(floor)),
    rawKB: kb(files.reduce((sum, f) => sum + f.bytes, 0)),
    files,
    rebuilt: built,
    target: 'start JS ÷ bare React floor ≤ 1.3 (gzip -9)',
    met: ratio <= 1.3,
  };
}
