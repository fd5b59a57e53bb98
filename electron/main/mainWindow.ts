import { BrowserWindow } from 'electron';
import type { WindowState } from '../core';
import { appOrigin } from './appProtocol';

/** The page's background (renderer/src/styles.css `--bg`), shown before the page paints. */
export const windowBackground = { light: '#f7f7f9', dark: '#15171b' };

export function createMainWindow(preloadPath: string, state: WindowState, theme: { dark: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: theme.dark ? windowBackground.dark : windowBackground.light,
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
  // Hidden until the page has painted: maximize() would show the window at once (electron.d.ts).
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  // Navigation and new windows are guarded app-wide as each web contents is created (navigationGuard.ts).
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
