import type { IpcRenderer } from 'electron';
import { channelNames, eventNames, ipcEventChannel, type AccountManagerApi, type EventName } from '../../shared/contract';

/**
 * The renderer's only door: one function per contract channel plus `on(event, cb)`.
 * No ipcRenderer object, no Node, nothing else crosses the bridge.
 */
export function createPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'off'>): AccountManagerApi {
  const api: Record<string, unknown> = {};
  for (const channel of channelNames) {
    api[channel] = (request: unknown) => ipc.invoke(channel, request);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event) || typeof listener !== 'function') {
      return () => undefined;
    }
    const relay = (_sender: unknown, frame: { event: string; payload: unknown }) => {
      if (frame?.event === event) listener(frame.payload);
    };
    ipc.on(ipcEventChannel, relay);
    return () => ipc.off(ipcEventChannel, relay);
  };
  return api as AccountManagerApi;
}
