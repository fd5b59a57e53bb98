import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { RecentLookups } from '../../../shared/profileSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { createLatestReplies } from '../bridge/latestReply';

interface PeopleState {
  /** accountId → the people looked up last on its server, newest first. */
  recent: Record<string, RecentLookups['people']>;
  loadRecent(accountId: string): Promise<void>;
  /** Looks one person up (the core keeps the answer for offline reading); the answer is the caller's to show. */
  lookup(request: ChannelRequest<'people.lookup'>): Promise<ChannelResult<'people.lookup'>>;
}

export function createPeopleStore(api: ApiSource) {
  return create<PeopleState>((set, get) => {
    const latest = createLatestReplies();
    return {
      recent: {},
      async loadRecent(accountId) {
        const current = latest.start(accountId);
        const answer = await api()['people.recent']({ accountId });
        if (answer.ok && current()) set({ recent: { ...get().recent, [accountId]: answer.value.people } });
      },
      async lookup(request) {
        const answer = await api()['people.lookup'](request);
        // A successful lookup joins the recent ones.
        if (answer.ok) void get().loadRecent(request.accountId);
        return answer;
      },
    };
  });
}

export const usePeople = createPeopleStore(getApi);
