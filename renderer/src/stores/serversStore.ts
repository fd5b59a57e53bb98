import { create } from 'zustand';
import type { ServerSummary } from '../../../shared/accountSchemas';
import type { ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { createLatestReplies } from '../bridge/latestReply';

interface ServersState {
  /**
   * Every server this app knows: added by hand, from a managed servers.json, or kept after
   * its accounts were removed. Offered for one-click sign-in.
   */
  servers: ServerSummary[];
  load(): Promise<void>;
  /** Checks that the address is a users API server and keeps it in the app; the answer is the form's to show. */
  add(url: string): Promise<ChannelResult<'servers.add'>>;
}

export function createServersStore(api: ApiSource) {
  return create<ServersState>((set, get) => {
    const latest = createLatestReplies();
    return {
      servers: [],
      async load() {
        const current = latest.start('servers');
        const answer = await api()['servers.list']({});
        if (answer.ok && current()) set({ servers: answer.value });
      },
      async add(url) {
        const answer = await api()['servers.add']({ url });
        // The caller needs the add answer now; the refreshed list follows in the store.
        if (answer.ok) void get().load();
        return answer;
      },
    };
  });
}

export const useServers = createServersStore(getApi);
