import { BrowserWindow, FakeWebFrame, ipcMain } from '../../tests/mocks/electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, ipcEventChannel } from '../../shared/contract';
import { createCore, type Core } from '../core/createCore';
import { MemoryVault } from '../core/vault/memoryVault';
import { bindContract, forwardEvents } from './ipcBridge';

type Handle = (event: { senderFrame: unknown }, payload: unknown) => Promise<unknown> | unknown;

describe('bindContract', () => {
  let dataDir: string;
  let core: Core;
  let window: BrowserWindow;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-ipc-'));
    core = createCore({ dataDir, vault: new MemoryVault(), version: '1.2.3', shell: 'electron' });
    window = new BrowserWindow({});
    ipcMain.handlers.clear();
    bindContract(ipcMain as never, core, () => window as never);
  });

  afterEach(() => {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const handle = (channel: string) => ipcMain.handlers.get(channel) as Handle;

  it('binds every channel of the contract and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers our window main frame through the validating core', async () => {
    const result = await handle('app.info')({ senderFrame: window.webContents.mainFrame }, {});
    expect(result).toMatchObject({ ok: true, value: { version: '1.2.3', shell: 'electron' } });
  });

  it('passes malformed payloads to the core, which answers validation', async () => {
    const result = await handle('app.info')({ senderFrame: window.webContents.mainFrame }, { unexpected: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses a subframe, another window and a foreign page', async () => {
    const other = new BrowserWindow({});
    const subframe = new FakeWebFrame('app://bundle/index.html');
    const foreignMain = window.webContents.mainFrame;
    for (const frame of [subframe, other.webContents.mainFrame, null]) {
      const result = await handle('app.info')({ senderFrame: frame }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    foreignMain.url = 'https://evil.example/index.html';
    const result = await handle('app.info')({ senderFrame: foreignMain }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses everyone once the window is destroyed', async () => {
    window.destroyed = true;
    const result = await handle('app.info')({ senderFrame: window.webContents.mainFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forwards core events to the window on one channel', () => {
    const stop = forwardEvents(core, () => window as never);
    core.events.emit('accounts.changed', {});
    stop();
    core.events.emit('accounts.changed', {});
    expect(window.webContents.sent).toEqual([
      { channel: ipcEventChannel, payload: { event: 'accounts.changed', payload: { revision: expect.any(Number) } } },
    ]);
  });
});
