import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow } from '../../tests/mocks/electron';
import { createMainWindow } from './mainWindow';

describe('the main window', () => {
  beforeEach(() => {
    BrowserWindow.created.length = 0;
  });

  it('isolates the page from Node and Electron, with every secure default spelled out', () => {
    createMainWindow('/app/preload.cjs');
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
