import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { SignInOptions } from '../../../shared/signInSchemas';
import { getApi, type ApiSource } from '../bridge/api';
import { useAccounts, type AccountsStore } from './accountsStore';

interface SignInState {
  /** How each server signs people in, by server id (read when its sign-in screen opens). */
  options: Record<string, SignInOptions>;
  loadOptions(serverId: string): Promise<ChannelResult<'servers.signInOptions'>>;
  signInWithToken(request: ChannelRequest<'accounts.signInWithToken'>): Promise<ChannelResult<'accounts.signInWithToken'>>;
  /** Starts a single sign-on; the window then opens the returned address in the system browser. */
  startSso(request: ChannelRequest<'accounts.startSso'>): Promise<ChannelResult<'accounts.startSso'>>;
  /** Settles when that sign-in is finished, refused or cancelled (the account list is read once on success). */
  awaitSso(flowId: string): Promise<ChannelResult<'accounts.awaitSso'>>;
  /** Finishes with what the person pasted (a rocketchat:// link, an address), or looks now. */
  completeSso(flowId: string, link?: string): Promise<ChannelResult<'accounts.completeSso'>>;
  cancelSso(flowId: string): Promise<ChannelResult<'accounts.cancelSso'>>;
  /** Signs in; on success the account list already holds the account when this settles. */
  signIn(request: ChannelRequest<'accounts.signIn'>): Promise<ChannelResult<'accounts.signIn'>>;
  /** Answers the second factor of a sign-in (once: a code is never sent twice by itself). */
  answerTwoFactor(challengeId: string, code: string): Promise<ChannelResult<'accounts.answerTwoFactor'>>;
  sendEmailCode(challengeId: string): Promise<ChannelResult<'accounts.sendEmailCode'>>;
  cancelSignIn(challengeId: string): Promise<ChannelResult<'accounts.cancelSignIn'>>;
}

/**
 * Signing in. Holds nothing itself: passwords and codes stay in the form that typed them
 * and go to the core once; what a sign-in changes lands in the accounts store.
 */
export function createSignInStore(api: ApiSource, accounts: AccountsStore) {
  return create<SignInState>((set, get) => ({
    options: {},
    async loadOptions(serverId) {
      const result = await api()['servers.signInOptions']({ serverId });
      if (result.ok) set({ options: { ...get().options, [serverId]: result.value } });
      return result;
    },
    signInWithToken: (request) => accounts.getState().changeBy(() => api()['accounts.signInWithToken'](request)),
    startSso: (request) => api()['accounts.startSso'](request),
    awaitSso: (flowId) => accounts.getState().changeBy(() => api()['accounts.awaitSso']({ flowId })),
    completeSso: (flowId, link) => api()['accounts.completeSso']({ flowId, ...(link === undefined ? {} : { link }) }),
    cancelSso: (flowId) => api()['accounts.cancelSso']({ flowId }),
    signIn: (request) => accounts.getState().changeBy(() => api()['accounts.signIn'](request)),
    answerTwoFactor: (challengeId, code) => accounts.getState().changeBy(() => api()['accounts.answerTwoFactor']({ challengeId, code })),
    sendEmailCode: (challengeId) => api()['accounts.sendEmailCode']({ challengeId }),
    cancelSignIn: (challengeId) => api()['accounts.cancelSignIn']({ challengeId }),
  }));
}

export const useSignIn = createSignInStore(getApi, useAccounts);
