import type { BrowserWindow, WebFrameMain } from 'electron';
import { appOrigin } from './appProtocol';

/**
 * IPC is answered only for our own window's main frame showing our own bundle —
 * not for a subframe, another window, or a page that somehow navigated elsewhere.
 */
export function isTrustedSender(window: BrowserWindow | null, frame: WebFrameMain | null | undefined): boolean {
  if (!window || window.isDestroyed() || !frame) {
    return false;
  }
  if (frame !== window.webContents.mainFrame) {
    return false;
  }
  try {
    // Not URL.origin: for a custom scheme that is "null" outside Electron's registry.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === appOrigin;
  } catch {
    return false; // a frame whose URL cannot be read is not one of ours
  }
}
