import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { getApi, type ApiSource } from '../bridge/api';

interface AppInfoState {
  info: AppInfo | null;
  error: AppError | null;
  loading: boolean;
  load(): Promise<void>;
  /** Asks the system to open rocketchat:// links with this app (desktop app). */
  claimLinks(): Promise<void>;
}

export function createAppInfoStore(api: ApiSource) {
  return create<AppInfoState>((set) => ({
    info: null,
    error: null,
    loading: false,
    async load() {
      set({ loading: true });
      const result = await api()['app.info']({});
      set(result.ok ? { info: result.value, error: null, loading: false } : { error: result.error, loading: false });
    },
    async claimLinks() {
      set({ loading: true });
      const result = await api()['app.claimLinks']({});
      set(result.ok ? { info: result.value, error: null, loading: false } : { error: result.error, loading: false });
    },
  }));
}

export const useAppInfo = createAppInfoStore(getApi);
