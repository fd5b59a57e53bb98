import { BrowserWindow } from 'electron';
import type { WindowState } from '../core/windowState';
import { appOrigin } from './appProtocol';

export function createMainWindow(preloadPath: string, state: WindowState): BrowserWindow {
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Account Manager',
    // The renderer is an untrusted web page with one door: the preload's contract API.
    // Every setting is Electron's secure default spelled out here, in the constructor
    // call, so review and Electronegativity see it and a weakening fails the shell tests.
    webPreferences: {
      preload: preloadPath,
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
    },
  });
  if (state.maximized) window.maximize();
  // Navigation and new windows are guarded app-wide as each web contents is created (navigationGuard.ts).
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
