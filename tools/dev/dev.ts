/**
 * `npm run dev`: the app while it is being worked on (docs/setup.md "Working on the app").
 * Where the Electron binary is installed, `electron-vite dev` (the main process and preload
 * rebuilt, and Electron restarted, on every change; the renderer as built at the start).
 * Elsewhere — as on our build machines — the browser host with the renderer served from
 * source by Vite: a change to the renderer shows in the open tab at once.
 * Options: --data-dir <folder> (default .dev-data/), --port <port> for the page (default 5173),
 * --browser for the browser host even where Electron is installed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowserHost, repoRoot as root } from '../../electron/browser-host/launchBrowserHost';
import { startDevPage } from './devPage';
import { devMode } from './devMode';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: path.join(root, '.dev-data') },
      port: { type: 'string', default: '5173' },
      browser: { type: 'boolean', default: false },
    },
  });
  const dataDir = path.resolve(values['data-dir']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('Usage: npm run dev -- [--port <port>] [--data-dir <folder>] [--browser]');

  const mode = devMode(root, { browser: values.browser });
  if (mode.kind === 'electron') {
    // The window loads the built renderer (app://bundle, D83): build it once, then watch the rest.
    const run = (args: string[]) =>
      spawn(path.join(root, 'node_modules/.bin/electron-vite'), args, {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, AM_DATA_DIR: dataDir },
      });
    run(['build', '--logLevel', 'error']).on('exit', (code) => {
      if (code !== 0) process.exit(code ?? 1);
      run(['dev', '--watch']).on('exit', (devCode) => process.exit(devCode ?? 0));
    });
    return;
  }

  const page = await startDevPage({ root, port });
  const { url } = await launchBrowserHost({ dataDir, port: 0, devOrigin: page.origin, afterStop: () => page.close() });
  page.forwardSocketsTo(new URL(url).origin);
  console.log('No Electron binary here: the browser host, with the renderer served from source (hot reload).');
  console.log(`Open: ${page.origin}/${new URL(url).hash}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
