import { create } from 'zustand';
import type { Channel, ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { SecurityView } from '../../../shared/securitySchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews } from './accountViews';

/** A change on the server, confirmed with the account's factor; the answer is for the person. */
type Action<C extends Channel> = (request: ChannelRequest<C>) => Promise<ChannelResult<C>>;

interface SecurityState {
  /** accountId → password, email and two-factor settings as the server last told them. */
  views: Record<string, SecurityView>;
  /** accountId → why the settings could not be read, in words. */
  problems: Record<string, string>;
  /** Reads the settings from the server (online only: never cached on disk). */
  load(accountId: string): Promise<void>;
  sendCode: Action<'security.sendCode'>;
  changePassword: Action<'security.changePassword'>;
  changeEmail: Action<'security.changeEmail'>;
  /** Whether the server's rate limit lets an email or password change through now: asked before a second factor. */
  changeWait(accountId: string): Promise<ChannelResult<'security.changeWait'>>;
  resendConfirmation: Action<'security.resendConfirmation'>;
  startTotp: Action<'security.startTotp'>;
  confirmTotp: Action<'security.confirmTotp'>;
  disableTotp: Action<'security.disableTotp'>;
  signOutOthers(accountId: string): Promise<ChannelResult<'security.signOutOthers'>>;
}

/**
 * The Security screen's data and calls. Changes answer with a sentence for the person;
 * the screen reads the settings again when it shows that sentence.
 */
export function createSecurityStore(api: ApiSource) {
  return create<SecurityState>((set, get) => {
    return {
      ...accountViews((accountId) => api()['security.get']({ accountId }), set, get),
      sendCode: (request) => api()['security.sendCode'](request),
      changePassword: (request) => api()['security.changePassword'](request),
      changeEmail: (request) => api()['security.changeEmail'](request),
      changeWait: (accountId) => api()['security.changeWait']({ accountId }),
      resendConfirmation: (request) => api()['security.resendConfirmation'](request),
      startTotp: (request) => api()['security.startTotp'](request),
      confirmTotp: (request) => api()['security.confirmTotp'](request),
      disableTotp: (request) => api()['security.disableTotp'](request),
      signOutOthers: (accountId) => api()['security.signOutOthers']({ accountId }),
    };
  });
}

export const useSecurity = createSecurityStore(getApi);
