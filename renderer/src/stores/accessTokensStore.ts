import { create } from 'zustand';
import type { AccessTokensView } from '../../../shared/accessTokenSchemas';
import type { Channel, ChannelRequest, ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews } from './accountViews';

type Action<C extends Channel> = (request: ChannelRequest<C>) => Promise<ChannelResult<C>>;

interface AccessTokensState {
  /** accountId → the tokens as the server last listed them (names and last characters only, never a token). */
  views: Record<string, AccessTokensView>;
  /** accountId → why the list could not be read, in words. */
  problems: Record<string, string>;
  load(accountId: string): Promise<void>;
  /** A new token comes back in the answer only: this store keeps none. */
  create: Action<'security.createAccessToken'>;
  regenerate: Action<'security.regenerateAccessToken'>;
  remove: Action<'security.removeAccessToken'>;
}

/** The personal access tokens section's data and calls (online only, nothing persisted). */
export function createAccessTokensStore(api: ApiSource) {
  return create<AccessTokensState>((set, get) => {
    return {
      ...accountViews((accountId) => api()['security.accessTokens']({ accountId }), set, get),
      create: (request) => api()['security.createAccessToken'](request),
      regenerate: (request) => api()['security.regenerateAccessToken'](request),
      remove: (request) => api()['security.removeAccessToken'](request),
    };
  });
}

export const useAccessTokens = createAccessTokensStore(getApi);
