import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ProfileView } from '../../../shared/profileSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { createRevisionGate } from '../bridge/revisionGate';

interface ProfileState {
  views: Record<string, ProfileView>;
  refreshing: Record<string, boolean>;
  error: AppError | null;
  /** The cached profile now (the core refreshes it in the background and says so). */
  load(accountId: string): Promise<void>;
  /** Asks the server now and shows its answer. */
  refresh(accountId: string): Promise<void>;
  /** Follows the core's `profile.changed` events. Returns the unsubscribe. */
  follow(): () => void;
}

export function createProfileStore(api: ApiSource) {
  return create<ProfileState>((set, get) => {
    // The gate only asks for a reload; the load keeps its own answer in the store.
    const gate = createRevisionGate((accountId) => void get().load(accountId));
    const put = (view: ProfileView) => set({ views: { ...get().views, [view.accountId]: view }, error: null });
    return {
      views: {},
      refreshing: {},
      error: null,
      async load(accountId) {
        const result = await gate.view(accountId, () => api()['profile.get']({ accountId }), put);
        if (!result.ok) set({ error: result.error });
      },
      async refresh(accountId) {
        set({ refreshing: { ...get().refreshing, [accountId]: true } });
        const result = await gate.view(accountId, () => api()['profile.refresh']({ accountId }), put);
        const refreshing = { ...get().refreshing, [accountId]: false };
        set(result.ok ? { refreshing, error: null } : { refreshing, error: result.error });
      },
      follow: () => api().on('profile.changed', ({ accountId, revision }) => gate.changed(accountId, revision)),
    };
  });
}

export const useProfiles = createProfileStore(getApi);

/** Keeps profiles in step with the core (a background refresh finished, an edit reached the server). */
export const followProfileChanges = () => useProfiles.getState().follow();
