import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appId, startCore, type Logger, KeychainVault, directoryWriterFileName } from '../core';
import { startBrowserHost } from './browserHost';
import { hostLogger } from './stderrLog';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LaunchOptions {
  dataDir: string;
  port: number;
  rendererDir?: string;
  /** Runs after the host and core have closed, before the process exits. */
  afterStop?: () => Promise<void>;
  /** The core's log; stderr at AM_LOG_LEVEL when absent. */
  log?: Logger;
  /** `npm run dev`: the renderer's dev server serves the page (no build needed), and its page may connect. */
  devOrigin?: string;
}

/**
 * The browser host as a running program: the core on the real keychain, the host on
 * 127.0.0.1, and a clean stop on SIGINT/SIGTERM. Used by `npm run web` and `npm run demo`.
 */
export async function launchBrowserHost(options: LaunchOptions): Promise<{ url: string }> {
  const rendererDir = options.rendererDir ?? path.join(repoRoot, 'out/renderer');
  if (!options.devOrigin && !fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}. Run "npm run build" first.`);
  }
  const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
  // Tests shorten the wait for a silent server; people keep the default.
  const requestTimeoutMs = Number(process.env.AM_REQUEST_TIMEOUT_MS) || undefined;
  const core = await startCore({
    requestTimeoutMs,
    dataDir: path.resolve(options.dataDir),
    vault: new KeychainVault(process.env.AM_KEYCHAIN_SERVICE ?? appId),
    version,
    shell: 'browser-host',
    log: options.log ?? hostLogger(),
    // The directory writer's thread as the desktop app ships it, from the same build as the page (D118).
    directoryWriter: { file: path.join(repoRoot, 'out/main', directoryWriterFileName) },
    // The thread's bundle carries better-sqlite3's JavaScript, which cannot find the native module from out/main.
    sqliteBinding: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'),
  });
  const host = await startBrowserHost({ core, rendererDir, port: options.port, devOrigin: options.devOrigin });

  const stop = async () => {
    await host.close();
    core.close();
    await options.afterStop?.();
    process.exit(0);
  };
  // stop() ends in process.exit; a signal handler has nobody to hand the promise to.
  process.once('SIGINT', () => void stop());
  // The same on SIGTERM.
  process.once('SIGTERM', () => void stop());
  return { url: host.url };
}
