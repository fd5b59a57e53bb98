import { create } from 'zustand';
import { getApi } from '../bridge/api';

interface ConnectivityState {
  /** serverId → reachable; a server not listed has not failed yet. */
  online: Record<string, boolean>;
  load(): Promise<void>;
}

export const useConnectivity = create<ConnectivityState>((set) => ({
  online: {},
  async load() {
    const result = await getApi()['connectivity.list']({});
    if (result.ok) set({ online: Object.fromEntries(result.value.map((entry) => [entry.serverId, entry.online])) });
  },
}));

export function followConnectivity(): () => void {
  return getApi().on('connectivity.changed', ({ serverId, online }) =>
    useConnectivity.setState((state) => ({ online: { ...state.online, [serverId]: online } })),
  );
}
