import { create } from 'zustand';
import type { Channel, ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { PreferencesView } from '../../../shared/preferenceSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews, type AccountViews } from './accountViews';

type Action<C extends Channel> = (request: ChannelRequest<C>) => Promise<ChannelResult<C>>;

interface PreferencesState extends AccountViews<PreferencesView> {
  /** Queues the changed preferences in the outbox; the reply is the view with them waiting. */
  edit: Action<'preferences.edit'>;
  /**
   * Reads this account's preferences again when the core says they, or their waiting edits,
   * changed (`profile.changed`, `sync.changed`). Returns the unsubscribe.
   */
  follow(accountId: string): () => void;
}

/** Each account's preferences, from the core's cache, with the edits still waiting in the outbox. */
export function createPreferencesStore(api: ApiSource) {
  return create<PreferencesState>((set, get) => ({
    ...accountViews((accountId) => api()['preferences.get']({ accountId }), set, get),
    async edit(request) {
      const result = await api()['preferences.edit'](request);
      if (result.ok) set({ views: { ...get().views, [request.accountId]: result.value } });
      return result;
    },
    follow(accountId) {
      // An event has nobody to wait for the read; the store keeps its answer, or why it failed.
      const reread = (event: { accountId: string }) => void (event.accountId === accountId && get().load(accountId));
      const stops = [api().on('profile.changed', reread), api().on('sync.changed', reread)];
      return () => stops.forEach((stop) => stop());
    },
  }));
}

export const usePreferences = createPreferencesStore(getApi);
