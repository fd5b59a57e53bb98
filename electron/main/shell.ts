import { app, dialog, ipcMain, Menu, nativeTheme, net, Notification, protocol, screen, session, shell, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppCommand } from '../../shared/contract';
import { createCore, type Core } from '../core/createCore';
import { Logger, parseLogLevel } from '../core/log/logger';
import { appId } from '../core/appIdentity';
import { KeychainVault } from '../core/vault/keychainVault';
import { appSchemePrivileges, serveAppProtocol } from './appProtocol';
import { createChromiumNetwork } from './chromiumNetwork';
import { bindContract, forwardEvents } from './ipcBridge';
import { configureLogging, electronLogSink } from './logging';
import { createMainWindow } from './mainWindow';
import { menuTemplate } from './menu';
import { guardAllWebContents, openIfAllowed } from './navigationGuard';
import { receiveAppLinks } from './appLinks';
import { isHelpLink } from '../core/externalLinks';
import { guardPermissions } from './permissions';
import { startUpdateChecks } from './updates';

export interface ShellPaths {
  preload: string;
  renderer: string;
  /** better-sqlite3's native module: the main bundle carries the package's JavaScript (D52). */
  sqliteBinding: string;
}

const docsUrl = 'https://docs.rocket.chat/';

/**
 * The Electron shell: lifecycle, one window, menus, notifications, updates, and the
 * contract bound to IPC. Every decision about accounts, data and sync lives in the core.
 */
export function startShell(paths: ShellPaths): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  // The core decides what may open in the system browser; before it exists, help pages only.
  const mayOpen = (url: string) => core?.mayOpenExternally(url) ?? isHelpLink(url);
  guardAllWebContents(app, shell, mayOpen);
  // The demo and tests point the app at their own data folder.
  if (process.env.AM_DATA_DIR) app.setPath('userData', process.env.AM_DATA_DIR);
  configureLogging(log, app.getPath('userData'));
  // AM_LOG_LEVEL=debug also keeps the expected failures (an unreachable server, say).
  const coreLog = new Logger({ sink: electronLogSink(log), level: parseLogLevel(process.env.AM_LOG_LEVEL) ?? 'info' });

  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  const getWindow = () => window;
  const send = (command: AppCommand) => core?.events.emit('app.command', { command });
  const displays = () => screen.getAllDisplays().map(({ id, bounds, workArea }) => ({ id, bounds, workArea }));

  const openWindow = () => {
    if (!core) return;
    const opened = createMainWindow(paths.preload, core.windowState.restore(displays()));
    opened.on('close', () => core?.windowState.save(displays(), { bounds: opened.getNormalBounds(), maximized: opened.isMaximized() }));
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    window = opened;
  };

  const bringForward = () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  };
  app.on('second-instance', bringForward);
  // A sign-in link from the system browser; one that comes before the core is ready waits for it.
  const earlyLinks: string[] = [];
  const deliverLink = (link: string) => {
    if (!core) return void earlyLinks.push(link);
    if (core.handleAppLink(link)) bringForward();
    else log.warn('an app link that finishes no sign-in under way was ignored');
  };
  receiveAppLinks(app, process.argv, deliverLink);

  void app.whenReady().then(() => {
    try {
      // Chromium's network, through a session of the core's own (D71).
      const network = createChromiumNetwork({
        net,
        fromPartition: (partition, options) => session.fromPartition(partition, options),
        getCore: () => core,
      });
      core = createCore({
        dataDir: app.getPath('userData'),
        vault: new KeychainVault(appId),
        version: app.getVersion(),
        shell: 'electron',
        log: coreLog,
        sqliteBinding: paths.sqliteBinding,
        fetch: network.fetch,
        resolveProxy: network.resolveProxy,
      });
      network.connect(core, app);
    } catch (error) {
      coreLog.error('the app cannot start', error);
      dialog.showErrorBox('Account Manager cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    nativeTheme.themeSource = 'system'; // the page's light/dark CSS follows the OS, live
    guardPermissions(session.defaultSession, (contents) => contents !== null && window?.webContents === contents);
    serveAppProtocol(protocol, paths.renderer);
    bindContract(ipcMain, core, getWindow);
    earlyLinks.splice(0).forEach(deliverLink);
    forwardEvents(core, getWindow);
    notifyWhenHidden(core, getWindow, send);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, send, () => openIfAllowed(shell, docsUrl, mayOpen))));
    openWindow();
    if (app.isPackaged) {
      startUpdateChecks({
        updater: autoUpdater,
        env: process.env,
        policyFile: path.join(process.resourcesPath, 'policy.json'),
        isOnline: () => net.isOnline(),
        askToRestart: async (version) => {
          const answer = await dialog.showMessageBox({
            type: 'info',
            buttons: ['Restart now', 'Later'],
            defaultId: 0,
            cancelId: 1,
            message: `Account Manager ${version} is ready`,
            detail: 'Restart to use it. Your data and unsent edits are kept.',
          });
          return answer.response === 0;
        },
        log: (message) => log.info(message),
      });
    }
  });

  // macOS keeps the app in the dock with no window; the dock icon opens a new one.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('will-quit', () => core?.close());
}

/**
 * While the window is hidden or in the background, say what needs the person: a conflict
 * or a refused edit (click: Activity), or a session the server ended (click: the window,
 * which shows the account's "Sign in again").
 */
export function notifyWhenHidden(core: Core, getWindow: () => BrowserWindow | null, send: (command: AppCommand) => void): () => void {
  const notify = (message: string, command: AppCommand) => {
    if (!Notification.isSupported()) return;
    const window = getWindow();
    if (window && window.isVisible() && window.isFocused()) return;
    const notification = new Notification({ title: 'Account Manager', body: message });
    notification.on('click', () => {
      const current = getWindow();
      current?.show();
      current?.focus();
      send(command);
    });
    notification.show();
  };
  const stops = [
    core.events.on('sync.attention', ({ message }) => notify(message, 'activity')),
    core.events.on('session.ended', ({ message }) => notify(message, 'home')),
  ];
  return () => stops.forEach((stop) => stop());
}

export function defaultShellPaths(mainDir: string): ShellPaths {
  return {
    preload: path.join(mainDir, '../preload/index.cjs'),
    renderer: path.join(mainDir, '../renderer'),
    // Found from the bundle's folder as Node finds packages (inside app.asar once packaged:
    // Electron loads the unpacked copy, electron-builder.yml asarUnpack).
    sqliteBinding: createRequire(path.join(mainDir, 'index.cjs')).resolve('better-sqlite3/build/Release/better_sqlite3.node'),
  };
}
