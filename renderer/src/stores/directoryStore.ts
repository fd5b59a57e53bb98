import { create } from 'zustand';
import type { ChannelResult } from '../../../shared/contract';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { getApi, type ApiSource } from '../bridge/api';

interface DirectoryState {
  /** serverId → where its people directory saved on this computer stands. */
  statuses: Record<string, DirectoryStatus>;
  /** accountId → its server, as the first sync answer said. */
  servers: Record<string, string>;
  /** serverId → how many progress reports came: a search runs again when more people are saved. */
  progress: Record<string, number>;
  /** Starts (or, with `force`, restarts) saving the directory of the account's server. */
  sync(accountId: string, force?: boolean): Promise<void>;
  /** Searches the saved directory; the answer is the caller's to show (it belongs to what was typed). */
  search(accountId: string, query: string): Promise<ChannelResult<'directory.search'>>;
  /** Follows the core's `directory.changed` reports. Returns the unsubscribe. */
  follow(): () => void;
}

export function createDirectoryStore(api: ApiSource) {
  return create<DirectoryState>((set, get) => ({
    statuses: {},
    servers: {},
    progress: {},
    async sync(accountId, force) {
      const answer = await api()['directory.sync']({ accountId, ...(force ? { force } : {}) });
      if (!answer.ok) return;
      const { serverId } = answer.value;
      set({ statuses: { ...get().statuses, [serverId]: answer.value }, servers: { ...get().servers, [accountId]: serverId } });
    },
    search: (accountId, query) => api()['directory.search']({ accountId, query, limit: 50 }),
    follow: () =>
      api().on('directory.changed', (status) =>
        set({
          statuses: { ...get().statuses, [status.serverId]: status },
          progress: { ...get().progress, [status.serverId]: (get().progress[status.serverId] ?? 0) + 1 },
        }),
      ),
  }));
}

export const useDirectory = createDirectoryStore(getApi);

/** Keeps directory statuses in step with the core's background sync. Returns the unsubscribe. */
export const followDirectoryChanges = () => useDirectory.getState().follow();
