import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ProfileView } from '../../../shared/profileSchemas';
import { getApi } from '../bridge/api';

interface ProfileState {
  views: Record<string, ProfileView>;
  refreshing: Record<string, boolean>;
  error: AppError | null;
  load(accountId: string): Promise<void>;
  refresh(accountId: string): Promise<void>;
}

export const useProfiles = create<ProfileState>((set, get) => ({
  views: {},
  refreshing: {},
  error: null,
  async load(accountId) {
    const result = await getApi()['profile.get']({ accountId });
    if (result.ok) set({ views: { ...get().views, [accountId]: result.value }, error: null });
    else set({ error: result.error });
  },
  async refresh(accountId) {
    set({ refreshing: { ...get().refreshing, [accountId]: true } });
    const result = await getApi()['profile.refresh']({ accountId });
    const refreshing = { ...get().refreshing, [accountId]: false };
    if (result.ok) set({ views: { ...get().views, [accountId]: result.value }, refreshing, error: null });
    else set({ refreshing, error: result.error });
  },
}));

/** Re-reads a profile whenever the core says it changed (a background refresh finished). */
export function followProfileChanges(): () => void {
  return getApi().on('profile.changed', ({ accountId }) => void useProfiles.getState().load(accountId));
}
