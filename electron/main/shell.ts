import { app, dialog, ipcMain, protocol, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore';
import { appId } from '../core/appIdentity';
import { KeychainVault } from '../core/vault/keychainVault';
import { appSchemePrivileges, serveAppProtocol } from './appProtocol';
import { bindContract, forwardEvents } from './ipcBridge';
import { createMainWindow } from './mainWindow';
import { denyAllPermissions } from './permissions';

export interface ShellPaths {
  preload: string;
  renderer: string;
}

/**
 * The Electron shell: lifecycle, one window, and the contract bound to IPC.
 * Every decision about accounts, data and sync lives in the core.
 */
export function startShell(paths: ShellPaths): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  // The demo and tests point the app at their own data folder.
  if (process.env.AM_DATA_DIR) app.setPath('userData', process.env.AM_DATA_DIR);

  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  const getWindow = () => window;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    try {
      core = createCore({
        dataDir: app.getPath('userData'),
        vault: new KeychainVault(appId),
        version: app.getVersion(),
        shell: 'electron',
        onInternalError: (channel, error) => console.error(`internal error on ${channel}:`, (error as Error)?.message),
      });
    } catch (error) {
      dialog.showErrorBox('Account Manager cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    denyAllPermissions(session.defaultSession);
    serveAppProtocol(protocol, paths.renderer);
    bindContract(ipcMain, core, getWindow);
    forwardEvents(core, getWindow);
    window = createMainWindow(paths.preload);
    window.on('closed', () => {
      window = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}

export function defaultShellPaths(mainDir: string): ShellPaths {
  return {
    preload: path.join(mainDir, '../preload/index.cjs'),
    renderer: path.join(mainDir, '../renderer'),
  };
}
