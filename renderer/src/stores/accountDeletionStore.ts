import { create } from 'zustand';
import type { AccountDeletionView } from '../../../shared/accountDeletionSchemas';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews } from './accountViews';

interface AccountDeletionState {
  /** accountId → whether "Delete my account" is offered, what confirms it and what would be lost. */
  views: Record<string, AccountDeletionView>;
  problems: Record<string, string>;
  load(accountId: string): Promise<void>;
  /** The password typed goes in the request only: this store keeps none. */
  remove(request: ChannelRequest<'privacy.deleteAccount'>): Promise<ChannelResult<'privacy.deleteAccount'>>;
  /** The sentence saying an account was deleted: its screens are gone, so the window shows it until dismissed. */
  farewell: string | null;
  dismissFarewell(): void;
}

/** "Delete my account": the section's data and the call (online only, nothing persisted). */
export function createAccountDeletionStore(api: ApiSource) {
  return create<AccountDeletionState>((set, get) => ({
    ...accountViews((accountId) => api()['privacy.deletion']({ accountId }), set, get),
    async remove(request) {
      const result = await api()['privacy.deleteAccount'](request);
      if (result.ok && result.value.deleted) {
        const { [request.accountId]: _gone, ...views } = get().views;
        set({ views, farewell: result.value.message });
      }
      return result;
    },
    farewell: null,
    dismissFarewell: () => set({ farewell: null }),
  }));
}

export const useAccountDeletion = createAccountDeletionStore(getApi);
