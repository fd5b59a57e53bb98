import type { BrowserWindow, IpcMain } from 'electron';
import { channelNames, ipcEventChannel } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { Core } from '../core';
import { isTrustedSender } from './trustedSender';

/**
 * Binds every contract channel to ipcMain.handle. The payload goes to the core's
 * validating dispatch untouched; a sender that is not our window gets a refusal.
 */
export function bindContract(ipcMain: Pick<IpcMain, 'handle'>, core: Core, getWindow: () => BrowserWindow | null): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(getWindow(), event.senderFrame)) {
        return fail('unauthorized', 'This window may not use the app.');
      }
      return core.dispatch(channel, payload);
    });
  }
}

/** Forwards core events to the window, if it is still there. */
export function forwardEvents(core: Core, getWindow: () => BrowserWindow | null): () => void {
  return core.events.onAny((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) {
      window.webContents.send(ipcEventChannel, { event, payload });
    }
  });
}
