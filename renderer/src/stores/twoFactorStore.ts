import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews } from './accountViews';

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
    return {
      ...accountViews((accountId) => api()['security.twoFactorSettings']({ accountId }), set, get),
      enableEmailCodes: (accountId) => api()['security.enableEmailCodes']({ accountId }),
      disableEmailCodes: (request) => api()['security.disableEmailCodes'](request),
      regenerateBackupCodes: (request) => api()['security.regenerateBackupCodes'](request),
    };
  });
}

export const useTwoFactor = createTwoFactorStore(getApi);
