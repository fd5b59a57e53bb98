import { create } from 'zustand';
import type { ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';

interface ServersState {
  /** Checks that the address is a users API server and keeps it in the app; the answer is the form's to show. */
  add(url: string): Promise<ChannelResult<'servers.add'>>;
}

export function createServersStore(api: ApiSource) {
  return create<ServersState>(() => ({
    add: (url) => api()['servers.add']({ url }),
  }));
}

export const useServers = createServersStore(getApi);
