import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow } from '../../tests/mocks/electron';
import { resetFakeElectron, shellPaths, startTestShell, stopShell } from '../../tests/support/shellHarness';
import { appId } from '../core/appIdentity';
import { startShell } from './shell';

/** Runs `body` as if on another operating system. */
async function onPlatform(platform: NodeJS.Platform, body: () => Promise<void> | void): Promise<void> {
  const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { value: platform });
  try {
    await body();
  } finally {
    Object.defineProperty(process, 'platform', original);
  }
}

describe('the shell’s life as Electron runs it', () => {
  beforeEach(() => resetFakeElectron());
  afterEach(() => stopShell());

  it('takes the single-instance lock of the data folder it will use: instances with different data folders both run', async () => {
    const defaultFolder = app.userData;
    const ownFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'am-shell-own-'));
    app.locksHeldElsewhere.add(defaultFolder); // another instance runs on the default folder
    process.env.AM_DATA_DIR = ownFolder;
    try {
      const started = startShell(shellPaths);
      expect(app.quit).not.toHaveBeenCalled();
      app.becomeReady();
      await started;
      expect(BrowserWindow.created).toHaveLength(1);
      expect(app.getPath('userData')).toBe(ownFolder);
    } finally {
      delete process.env.AM_DATA_DIR;
      fs.rmSync(defaultFolder, { recursive: true, force: true });
    }
  });

  it('gives way to an instance already running on the same data folder', async () => {
    const ownFolder = app.userData;
    app.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'am-shell-default-'));
    app.locksHeldElsewhere.add(ownFolder);
    process.env.AM_DATA_DIR = ownFolder;
    try {
      await startShell(shellPaths);
      expect(app.quit).toHaveBeenCalled();
    } finally {
      delete process.env.AM_DATA_DIR;
    }
  });

  it('names itself on Windows with the appId its installer gave the Start-menu shortcut, so notifications show', async () => {
    // The name is set before the app is ready; the start itself waits for a ready that never comes here.
    await onPlatform('win32', () => void startShell(shellPaths));
    expect(app.appUserModelId).toBe(appId);
  });

  it('closes the core when Windows ends the session, where no will-quit comes: the database is whole and the window’s place kept', async () => {
    const shell = await startTestShell();
    const database = path.join(app.userData, 'account-manager.sqlite');
    expect(await shell.call('servers.list', {})).toMatchObject({ ok: true });
    expect(fs.existsSync(`${database}-wal`)).toBe(true);
    Object.assign(shell.window().options, { x: 30, y: 40, width: 880, height: 600 });
    shell.window().emit('session-end');
    // Closed: SQLite folded its write-ahead log into the database and removed it.
    expect(fs.existsSync(`${database}-wal`)).toBe(false);

    app.removeAllListeners();
    BrowserWindow.created = [];
    await startTestShell();
    expect(BrowserWindow.created[0]!.options).toMatchObject({ x: 30, y: 40, width: 880, height: 600 });
  });
});
