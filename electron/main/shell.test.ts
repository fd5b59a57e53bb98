import { app, BrowserWindow, dialog, ipcMain, protocol } from '../../tests/mocks/electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShell } from './shell';

const paths = { preload: '/app/out/preload/index.cjs', renderer: '/app/out/renderer' };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startShell', () => {
  beforeEach(() => {
    app.removeAllListeners();
    app.quit.mockClear();
    app.singleInstanceLock = true;
    app.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'am-shell-'));
    BrowserWindow.created = [];
    ipcMain.handlers.clear();
  });
  afterEach(() => {
    app.emit('will-quit');
    fs.rmSync(app.userData, { recursive: true, force: true });
  });

  it('quits at once when another instance holds the lock', () => {
    app.singleInstanceLock = false;
    startShell(paths);
    expect(app.quit).toHaveBeenCalled();
    expect(protocol.privileged).toHaveLength(0);
  });

  it('opens one hardened window on app://, binds IPC, and focuses it on a second launch', async () => {
    startShell(paths);
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    app.becomeReady();
    await tick();
    expect(BrowserWindow.created).toHaveLength(1);
    const window = BrowserWindow.created[0]!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: paths.preload });
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    expect(protocol.handlers.has('app')).toBe(true);
    expect(ipcMain.handlers.has('app.info')).toBe(true);
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('shows a clear error and quits when the data folder belongs to a newer version', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(app.userData, 'account-manager.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    dialog.showErrorBox.mockClear();
    startShell(paths);
    app.becomeReady();
    await tick();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Account Manager cannot start', expect.stringContaining('newer version'));
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
  });
});
