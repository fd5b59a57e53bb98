import type { WebPreferences } from 'electron';

/**
 * The renderer is an untrusted web page with one door: the preload's contract API.
 * Every setting here is Electron's secure default spelled out, so a later change that
 * weakens one shows up in review and fails the shell tests.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
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
  };
}
