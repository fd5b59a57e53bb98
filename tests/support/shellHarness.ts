/**
 * Starts the Electron shell against the fake `electron` (tests/mocks/electron.ts) with a
 * fresh data folder, and reaches it the way the window does: IPC calls from the window's
 * main frame, and the events sent to it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { NetworkPrompt } from '../../shared/networkSchemas';
import { startShell, type ShellPaths } from '../../electron/main/shell';
import { writerThreadFromSource } from './writerThread';
import type { FakeSession } from '../mocks/electron';
import { app, BrowserWindow, internet, ipcMain, net, Notification, session } from '../mocks/electron';

export type IpcReply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type Handle = (event: { senderFrame: unknown }, payload: unknown) => Promise<IpcReply>;

/** The real native module: the core opens its database with it, as in the app. */
export const shellPaths: ShellPaths = {
  preload: '/app/out/preload/index.cjs',
  renderer: '/app/out/renderer',
  sqliteBinding: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'),
  directoryWriter: writerThreadFromSource,
};

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Everything the fake `electron` learned from an earlier test, forgotten; a new data folder. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  app.quit.mockClear();
  app.relaunch.mockClear();
  app.exit.mockReset();
  app.readyResolvers.length = 0;
  app.locksHeldElsewhere.clear();
  app.schemeHandlers.clear();
  app.registrationWorks = true;
  app.setAsDefaultProtocolClient.mockClear();
  app.isPackaged = false;
  app.appUserModelId = null;
  app.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'am-shell-'));
  BrowserWindow.created = [];
  ipcMain.handlers.clear();
  internet.reset();
  session.reset();
  net.requests.length = 0;
  net.fetch.mockClear();
  Notification.reset();
}

/** Quits the running shell and removes its data folder. */
export function stopShell(): void {
  app.emit('will-quit');
  fs.rmSync(app.userData, { recursive: true, force: true });
}

export async function startTestShell(paths: ShellPaths = shellPaths) {
  const started = startShell(paths);
  app.becomeReady();
  await started;
  return shellHandle();
}

export function shellHandle() {
  const window = () => BrowserWindow.created.at(-1)!;
  return {
    window,
    /** An IPC call from the app's window, as the preload makes it. */
    call: (channel: string, payload: unknown) =>
      (ipcMain.handlers.get(channel) as Handle)({ senderFrame: window().webContents.mainFrame }, payload),
    /** The questions the core put to the window (`network.prompt` events). */
    prompts: () =>
      window().webContents.sent.flatMap(({ payload }) => {
        const { event, payload: prompt } = payload as { event: string; payload: NetworkPrompt };
        return event === 'network.prompt' ? [prompt] : [];
      }),
    /** The session the core's requests go through now. */
    coreSession: (): FakeSession => {
      const made = session.made('core-net-');
      if (made.length === 0) throw new Error('The shell made no session for the core.');
      return made.at(-1)!;
    },
  };
}

/** A server on the fake internet answering the users API's `/api/info`, and whatever `more` handles. */
export function serve(
  origin: string,
  options: { certificate?: string; verdict?: string; failWith?: string; more?: (request: Request) => Response | null } = {},
): void {
  internet.servers.set(origin, {
    certificate: options.certificate,
    verdict: options.verdict,
    failWith: options.failWith,
    handle: (request) => {
      const more = options.more?.(request);
      if (more) return more;
      if (new URL(request.url).pathname === '/api/info') {
        return new Response(JSON.stringify({ version: '8.0.0', success: true }), { headers: { 'Content-Type': 'application/json' } });
      }
      return new Response('Not found', { status: 404 });
    },
  });
}

export type ShellHandle = ReturnType<typeof shellHandle>;
