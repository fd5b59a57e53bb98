import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow } from '../../tests/mocks/electron';
import { createMainWindow } from './mainWindow';

describe('the main window', () => {
  beforeEach(() => {
    BrowserWindow.created.length = 0;
  });

  it('isolates the page from Node and Electron, with every secure default spelled out', () => {
    createMainWindow('/app/preload.cjs', { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(BrowserWindow.created[0]!.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(BrowserWindow.created[0]!.isMaximized()).toBe(true);
    expect(BrowserWindow.created[0]!.options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});
