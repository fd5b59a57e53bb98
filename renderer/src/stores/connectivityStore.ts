import { create } from 'zustand';
import { getApi, type ApiSource } from '../bridge/api';

interface ConnectivityState {
  /** serverId → reachable; a server not listed has not failed yet. */
  online: Record<string, boolean>;
  load(): Promise<void>;
  /** Follows the core's `connectivity.changed` events. Returns the unsubscribe. */
  follow(): () => void;
}

export function createConnectivityStore(api: ApiSource) {
  return create<ConnectivityState>((set, get) => ({
    online: {},
    async load() {
      const result = await api()['connectivity.list']({});
      if (result.ok) set({ online: Object.fromEntries(result.value.map((entry) => [entry.serverId, entry.online])) });
    },
    follow: () => api().on('connectivity.changed', ({ serverId, online }) => set({ online: { ...get().online, [serverId]: online } })),
  }));
}

export const useConnectivity = createConnectivityStore(getApi);

export const followConnectivity = () => useConnectivity.getState().follow();
