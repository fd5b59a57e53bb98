import { create } from 'zustand';
import type { DataDownloadView } from '../../../shared/accountDataSchemas';
import type { Channel, ChannelRequest, ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews, type AccountViews } from './accountViews';

type Action<C extends Channel> = (request: ChannelRequest<C>) => Promise<ChannelResult<C>>;

interface AccountDataState extends AccountViews<DataDownloadView> {
  /** A username the server suggests for an account without one (only a suggestion: the editor saves it). */
  suggestUsername: Action<'profile.suggestUsername'>;
  /** Asks the server for a copy of the account's data; the answer is in words. */
  requestDataDownload: Action<'security.requestDataDownload'>;
}

/** "Download my data" (whether it is offered, per account) and the username suggestion: online only, nothing kept. */
export function createAccountDataStore(api: ApiSource) {
  return create<AccountDataState>((set, get) => ({
    ...accountViews((accountId) => api()['security.dataDownload']({ accountId }), set, get),
    suggestUsername: (request) => api()['profile.suggestUsername'](request),
    requestDataDownload: (request) => api()['security.requestDataDownload'](request),
  }));
}

export const useAccountData = createAccountDataStore(getApi);
