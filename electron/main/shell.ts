import { app, dialog, ipcMain, Menu, nativeTheme, net, protocol, screen, session, shell, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppCommand } from '../../shared/contract';
import {
  startCore,
  type Core,
  Logger,
  parseLogLevel,
  appId,
  KeychainVault,
  isHelpLink,
  directoryWriterFileName,
  type WriterThreadEntry,
} from '../core';
import { appSchemePrivileges, serveAppProtocol } from './appProtocol';
import { createChromiumNetwork } from './chromiumNetwork';
import { bindContract, forwardEvents } from './ipcBridge';
import { configureLogging, electronLogSink } from './logging';
import { createMainWindow } from './mainWindow';
import { menuTemplate } from './menu';
import { guardAllWebContents, openIfAllowed } from './navigationGuard';
import { receiveAppLinks, registerAppLinks } from './appLinks';
import { notifyWhenHidden } from './notifications';
import { guardPermissions } from './permissions';
import { startUpdateChecks, updateFacts } from './updates';

export interface ShellPaths {
  preload: string;
  renderer: string;
  /** SQLite's native module (better-sqlite3-multiple-ciphers): the main bundle carries the package's JavaScript (D52). */
  sqliteBinding: string;
  /** The directory writer thread's file (D118), outside app.asar once packaged. */
  directoryWriter: WriterThreadEntry;
}

const docsUrl = 'https://docs.rocket.chat/';

/**
 * The Electron shell: lifecycle, one window, menus, notifications, updates, and the
 * contract bound to IPC. Every decision about accounts, data and sync lives in the core.
 */
/** Settles once the start is over: the window open, or the app quitting (tests wait for it). */
export function startShell(paths: ShellPaths): Promise<void> {
  // The demo and tests point the app at their own data folder. First: the single-instance
  // lock belongs to the user-data folder, so each data folder has an instance of its own.
  if (process.env.AM_DATA_DIR) app.setPath('userData', process.env.AM_DATA_DIR);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  // Windows shows an app's notifications by its AppUserModelID, which must be the one the
  // installer gave the Start-menu shortcut (electron-builder's NSIS uses the appId).
  if (process.platform === 'win32') app.setAppUserModelId(appId);
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  // The core decides what may open in the system browser; before it exists, help pages only.
  const mayOpen = (url: string) => core?.mayOpenExternally(url) ?? isHelpLink(url);
  guardAllWebContents(app, shell, mayOpen);
  configureLogging(log, app.getPath('userData'));
  // AM_LOG_LEVEL=debug also keeps the expected failures (an unreachable server, say).
  const coreLog = new Logger({ sink: electronLogSink(log), level: parseLogLevel(process.env.AM_LOG_LEVEL) ?? 'info' });

  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  const getWindow = () => window;
  const send = (command: AppCommand) => core?.events.emit('app.command', { command });
  const displays = () => screen.getAllDisplays().map(({ id, bounds, workArea }) => ({ id, bounds, workArea }));

  let coreClosed = false;
  const closeCore = () => {
    if (coreClosed) return;
    coreClosed = true;
    core?.close();
  };

  const openWindow = () => {
    if (!core) return;
    const opened = createMainWindow(paths.preload, core.windowState.restore(displays()), { dark: nativeTheme.shouldUseDarkColors });
    const saveState = () => core?.windowState.save(displays(), { bounds: opened.getNormalBounds(), maximized: opened.isMaximized() });
    opened.on('close', saveState);
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    // Windows ends a session (shut down, restart, sign out) with no will-quit (electron.d.ts):
    // the window's session-end is the last word, so the core closes its database there.
    opened.on('session-end', () => {
      saveState();
      closeCore();
    });
    window = opened;
  };

  // A second start, or a sign-in link: the window comes forward — made anew on macOS, where
  // the app keeps running with none.
  const bringForward = () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  app.on('second-instance', bringForward);
  // rocketchat:// links: registered as each package needs, taken only when no other app has them (D73).
  const appLinks = registerAppLinks({
    app,
    platform: process.platform,
    env: process.env,
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
    argv: process.argv,
    log: (message) => log.info(message),
  });
  // A sign-in link from the system browser; one that comes before the window is open waits for it.
  const earlyLinks: string[] = [];
  let takingLinks = false;
  const deliverLink = (link: string) => {
    if (!core || !takingLinks) return void earlyLinks.push(link);
    // The app a link opened comes to the front, as the system promises; what the link does is the core's.
    bringForward();
    if (!core.handleAppLink(link)) log.warn('an app link that finishes no sign-in under way was ignored');
  };
  receiveAppLinks(app, process.argv, deliverLink, (message) => log.warn(message));

  // Only a packaged app built with an update feed looks for new versions (D74); About says which.
  const resources = process.resourcesPath ?? '';
  const updateFiles = { policyFile: path.join(resources, 'policy.json'), feedFile: path.join(resources, 'app-update.yml') };
  const updates = updateFacts({ isPackaged: app.isPackaged, env: process.env, ...updateFiles });

  const started = app.whenReady().then(async () => {
    try {
      // The cache's key comes from the keychain first: the database opens encrypted (D98).
      core = await startCore({
        dataDir: app.getPath('userData'),
        vault: new KeychainVault(appId),
        version: app.getVersion(),
        shell: 'electron',
        log: coreLog,
        sqliteBinding: paths.sqliteBinding,
        directoryWriter: paths.directoryWriter,
        // Chromium's network, through a session of the core's own (D71), asking the core what it decides.
        network: (questions) =>
          createChromiumNetwork({ net, fromPartition: (partition, options) => session.fromPartition(partition, options), app, questions }),
        updates,
        appLinks,
      });
    } catch (error) {
      coreLog.error('the app cannot start', error);
      dialog.showErrorBox('Account Manager cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    // Forgotten (D102): the core has closed and emptied the data folder; a new start is a first start.
    core.events.on('app.forgotten', () => {
      app.relaunch();
      app.exit(0);
    });
    nativeTheme.themeSource = 'system'; // the page's light/dark CSS follows the OS, live
    guardPermissions(session.defaultSession, (contents) => contents !== null && window?.webContents === contents);
    serveAppProtocol(protocol, paths.renderer);
    bindContract(ipcMain, core, getWindow);
    forwardEvents(core, getWindow);
    notifyWhenHidden(core, getWindow, send, bringForward);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, send, () => openIfAllowed(shell, docsUrl, mayOpen))));
    openWindow();
    takingLinks = true;
    earlyLinks.splice(0).forEach(deliverLink);
    if (updates.state === 'on') {
      startUpdateChecks({
        updater: autoUpdater,
        env: process.env,
        ...updateFiles,
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
  app.on('will-quit', closeCore);
  return started;
}

export function defaultShellPaths(mainDir: string): ShellPaths {
  return {
    preload: path.join(mainDir, '../preload/index.cjs'),
    renderer: path.join(mainDir, '../renderer'),
    // Found from the bundle's folder as Node finds packages (inside app.asar once packaged:
    // Electron loads the unpacked copy, electron-builder.yml asarUnpack).
    sqliteBinding: createRequire(path.join(mainDir, 'index.cjs')).resolve(
      'better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    ),
    // A thread's file is read by Node's own loader, which may not see inside app.asar: the
    // packaged app ships it unpacked (electron-builder.yml asarUnpack) and starts that copy.
    directoryWriter: { file: outsideAsar(path.join(mainDir, directoryWriterFileName)) },
  };
}

/** The unpacked copy of a file electron-builder keeps outside app.asar; any other path as it is. */
export function outsideAsar(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}
