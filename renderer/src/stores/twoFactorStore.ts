import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { createLatestReplies } from '../bridge/latestReply';

interface TwoFactorState {
  /** accountId → emailed codes and backup codes as the server last told them. */
  views: Record<string, TwoFactorSettings>;
  /** accountId → why they could not be read, in words. */
  problems: Record<string, string>;
  /** Reads them from the server (online only: never cached on disk). */
  load(accountId: string): Promise<void>;
  enableEmailCodes(accountId: string): Promise<ChannelResult<'security.enableEmailCodes'>>;
  disableEmailCodes(request: ChannelRequest<'security.disableEmailCodes'>): Promise<ChannelResult<'security.disableEmailCodes'>>;
  regenerateBackupCodes(
    request: ChannelRequest<'security.regenerateBackupCodes'>,
  ): Promise<ChannelResult<'security.regenerateBackupCodes'>>;
}

/** Emailed codes and backup codes of the Security screen. Changes answer with a sentence; the screen reloads after. */
export function createTwoFactorStore(api: ApiSource) {
  return create<TwoFactorState>((set, get) => {
    const latest = createLatestReplies();
    return {
      views: {},
      problems: {},
      async load(accountId) {
        const current = latest.start(accountId);
        const result = await api()['security.twoFactorSettings']({ accountId });
        if (!current()) return;
        const { [accountId]: _solved, ...problems } = get().problems;
        if (result.ok) set({ views: { ...get().views, [accountId]: result.value }, problems });
        else set({ problems: { ...problems, [accountId]: result.error.message } });
      },
      enableEmailCodes: (accountId) => api()['security.enableEmailCodes']({ accountId }),
      disableEmailCodes: (request) => api()['security.disableEmailCodes'](request),
      regenerateBackupCodes: (request) => api()['security.regenerateBackupCodes'](request),
    };
  });
}

export const useTwoFactor = createTwoFactorStore(getApi);
