import { BrowserWindow, shell } from 'electron';
import { appOrigin } from './appProtocol';
import { guardNavigation } from './navigationGuard';
import { secureWebPreferences } from './webPreferences';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Account Manager',
    webPreferences: secureWebPreferences(preloadPath),
  });
  guardNavigation(window.webContents, shell);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
