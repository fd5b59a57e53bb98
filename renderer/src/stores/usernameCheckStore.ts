import { create } from 'zustand';
import type { ChannelValue } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';

type Verdict = ChannelValue<'profile.checkUsername'>;

/** The key of a verdict: one username on one account's server. */
export const usernameKey = (accountId: string, username: string) => `${accountId}\n${username}`;

interface UsernameCheckState {
  /** usernameKey → whether the server would take it (null: could not ask, e.g. offline). */
  verdicts: Record<string, Verdict>;
  /** Asks the server whether `username` is free for this account. */
  check(accountId: string, username: string): Promise<void>;
}

export function createUsernameCheckStore(api: ApiSource) {
  return create<UsernameCheckState>((set, get) => ({
    verdicts: {},
    async check(accountId, username) {
      const answer = await api()['profile.checkUsername']({ accountId, username });
      if (answer.ok) set({ verdicts: { ...get().verdicts, [usernameKey(accountId, username)]: answer.value } });
    },
  }));
}

export const useUsernameCheck = createUsernameCheckStore(getApi);
