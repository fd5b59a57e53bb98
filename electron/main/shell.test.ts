import { app, BrowserWindow, dialog, FakeWebContents, ipcMain, Menu, protocol, shell } from '../../tests/mocks/electron';
import type { MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appId } from '../core/appIdentity';
import { openKeyedDatabase } from '../../tests/support/keyedDatabase';
import { KeychainVault } from '../core';
import { defaultShellPaths, outsideAsar, startShell } from './shell';
import { resetFakeElectron, shellPaths as paths, stopShell } from '../../tests/support/shellHarness';

type Handle = (event: { senderFrame: unknown }, payload: unknown) => Promise<unknown>;
const sqliteBinding = paths.sqliteBinding;

describe('defaultShellPaths', () => {
  it('finds better-sqlite3’s native module from the main bundle’s folder, as Node finds packages', () => {
    const found = defaultShellPaths(path.resolve('out/main'));
    expect(found.sqliteBinding).toBe(sqliteBinding);
    expect(found.preload).toBe(path.resolve('out/preload/index.cjs'));
    expect(found.directoryWriter.file).toBe(path.resolve('out/main/directoryWriter.cjs'));
  });

  it('starts the directory writer’s thread from the unpacked copy once packaged', () => {
    const packaged = path.join(path.sep, 'opt', 'Account Manager', 'resources', 'app.asar', 'out', 'main', 'directoryWriter.cjs');
    expect(outsideAsar(packaged)).toBe(
      path.join(path.sep, 'opt', 'Account Manager', 'resources', 'app.asar.unpacked', 'out', 'main', 'directoryWriter.cjs'),
    );
  });
});

describe('startShell', () => {
  beforeEach(() => {
    resetFakeElectron();
  });
  afterEach(() => stopShell());

  it('quits at once when another instance holds the lock', async () => {
    app.locksHeldElsewhere.add(app.userData);
    await startShell(paths);
    expect(app.quit).toHaveBeenCalled();
    expect(protocol.privileged).toHaveLength(0);
  });

  it('opens one hardened window on app://, binds IPC, and focuses it on a second launch', async () => {
    const started = startShell(paths);
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    app.becomeReady();
    await started;
    expect(BrowserWindow.created).toHaveLength(1);
    const window = BrowserWindow.created[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: paths.preload,
    });
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    expect(protocol.handlers.has('app')).toBe(true);
    expect(ipcMain.handlers.has('app.info')).toBe(true);
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('guards every web contents the app creates, the main window and any later one alike', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const later = new FakeWebContents(); // e.g. devtools, or a window a future feature opens
    app.emit('web-contents-created', {}, later);
    for (const contents of [BrowserWindow.created[0]!.webContents, later]) {
      expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.emitPreventable('will-attach-webview')).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalledWith('https://evil.example/');
  });

  it('shows a clear error and quits when the data folder belongs to a newer version', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(app.userData, 'account-manager.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    dialog.showErrorBox.mockClear();
    const started = startShell(paths);
    app.becomeReady();
    await started;
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Account Manager cannot start', expect.stringContaining('newer version'));
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('gives the core a log that writes to logs/main.log: a failure inside the core is an "internal error on <channel>" line', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const window = BrowserWindow.created[0]!;
    // Another program damages the database under the running app (with its key from the keychain).
    const db = await openKeyedDatabase(appId, app.userData);
    db.exec('DROP TABLE servers');
    db.close();
    const servers = ipcMain.handlers.get('servers.list') as Handle;
    expect(await servers({ senderFrame: window.webContents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const file = path.join(app.userData, 'logs', 'main.log');
    await expect
      .poll(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''))
      .toMatch(/\[error\] \[dispatch\] internal error on servers\.list: SqliteError: no such table: servers$/m);
  });

  it('applies the menu, whose items reach the window as app.command events', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const template = (Menu.applied as { template: MenuItemConstructorOptions[] }).template;
    const items = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    (items.find((item) => item.label === 'Security')!.click as () => void)();
    expect(BrowserWindow.created[0]!.webContents.sent).toContainEqual({
      channel: 'core:event',
      payload: { event: 'app.command', payload: { command: 'security' } },
    });
  });

  it('remembers the window size and maximised state for the next start', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const first = BrowserWindow.created[0]!;
    first.options.x = 40;
    first.options.y = 50;
    first.options.width = 900;
    first.options.height = 650;
    first.maximize();
    first.emit('close');
    app.emit('will-quit');
    BrowserWindow.created = [];
    app.removeAllListeners();
    const restarted = startShell(paths);
    app.becomeReady();
    await restarted;
    expect(BrowserWindow.created[0]!.options).toMatchObject({ x: 40, y: 50, width: 900, height: 650 });
    expect(BrowserWindow.created[0]!.isMaximized()).toBe(true);
  });

  it('after "Forget this computer" starts again from scratch: keychain entries and data folder gone, then relaunch', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const window = BrowserWindow.created[0]!;
    const vault = new KeychainVault(appId);
    const keyEntry = `database-key:${app.userData}`;
    expect(await vault.accounts()).toContain(keyEntry);
    // Electron's exit() ends the process: what is not done by then is never done.
    let folderAtExit: string[] | null = null;
    app.exit.mockImplementation(() => (folderAtExit = fs.readdirSync(app.userData)));
    const forget = ipcMain.handlers.get('app.forgetComputer') as Handle;
    expect(await forget({ senderFrame: window.webContents.mainFrame }, {})).toMatchObject({ ok: true });
    expect(await vault.accounts()).not.toContain(keyEntry);
    expect(folderAtExit).toEqual([]);
    expect(fs.readdirSync(app.userData)).toEqual([]);
    // Relaunch first: Electron starts the new instance when this one exits, and exit() ends it at once.
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(app.relaunch.mock.invocationCallOrder[0]).toBeLessThan(app.exit.mock.invocationCallOrder[0]!);
  });

  it('keeps running on macOS with no window', async () => {
    const started = startShell(paths);
    app.becomeReady();
    await started;
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      app.quit.mockClear();
      app.emit('window-all-closed');
      expect(app.quit).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
