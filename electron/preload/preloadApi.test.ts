import { contextBridge, ipcRenderer } from '../../tests/mocks/electron';
import { describe, expect, it, vi } from 'vitest';
import { channelNames, ipcEventChannel } from '../../shared/contract';
import { createPreloadApi } from './preloadApi';

describe('preload API', () => {
  it('exposes exactly one function per channel plus on()', async () => {
    await import('./index');
    const api = contextBridge.exposed.get('accountManager') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('invokes the channel of the same name with the payload untouched', async () => {
    const api = createPreloadApi(ipcRenderer as never);
    ipcRenderer.invoke.mockClear();
    await api['app.info']({});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app.info', {});
  });

  it('delivers only the subscribed event, and stops after unsubscribe', () => {
    const api = createPreloadApi(ipcRenderer as never);
    const listener = vi.fn();
    const off = api.on('accounts.changed', listener);
    ipcRenderer.emit(ipcEventChannel, {}, { event: 'profile.changed', payload: { accountId: 'a' } });
    ipcRenderer.emit(ipcEventChannel, {}, { event: 'accounts.changed', payload: {} });
    off();
    ipcRenderer.emit(ipcEventChannel, {}, { event: 'accounts.changed', payload: {} });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('ignores subscriptions to unknown events', () => {
    const api = createPreloadApi(ipcRenderer as never);
    const before = ipcRenderer.listenerCount(ipcEventChannel);
    api.on('not.an.event' as never, vi.fn());
    expect(ipcRenderer.listenerCount(ipcEventChannel)).toBe(before);
  });
});
